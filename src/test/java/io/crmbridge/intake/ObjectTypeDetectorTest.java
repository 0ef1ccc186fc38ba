package io.crmbridge.intake;

import io.crmbridge.Datasets;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crmbridge.model.ObjectType;

class ObjectTypeDetectorTest {

    private final ObjectTypeDetector detector = new ObjectTypeDetector(HeaderAliases.loadDefault());

    private static List<String> headerOf(Path file) throws IOException {
        try (CsvRowReader reader = CsvRowReader.open(file, new DialectSniffer().sniff(file))) {
            return reader.header();
        }
    }

    @Test
    void detectsTypeFromFileNamePrefixInAnyCase() {
        List<String> noHeader = List.of();
        assertThat(detector.detect("companies-2024.csv", noHeader)).contains(ObjectType.COMPANIES);
        assertThat(detector.detect("Company_list.csv", noHeader)).contains(ObjectType.COMPANIES);
        assertThat(detector.detect("CONTACTS.csv", noHeader)).contains(ObjectType.CONTACTS);
        assertThat(detector.detect("contact-export.csv", noHeader)).contains(ObjectType.CONTACTS);
        assertThat(detector.detect("tickets_march.csv", noHeader)).contains(ObjectType.TICKETS);
        assertThat(detector.detect("Ticket.csv", noHeader)).contains(ObjectType.TICKETS);
    }

    @Test
    void fileNameWinsOverHeader() throws IOException {
        assertThat(detector.detect("contacts.csv", headerOf(Datasets.TICKETS))).contains(ObjectType.CONTACTS);
    }

    @Test
    void detectsTypeFromSubFolderName() {
        assertThat(detector.detect("tickets/export.csv", List.of())).contains(ObjectType.TICKETS);
        assertThat(detector.detect("Companies\\export.csv", List.of())).contains(ObjectType.COMPANIES);
        assertThat(detector.detect("inbox/export.csv", List.of())).isEmpty();
    }

    @Test
    void detectsRealDatasetTypesFromTheirHeadersUnderANeutralName() throws IOException {
        assertThat(detector.detect("export.csv", headerOf(Datasets.ORGANIZATIONS))).contains(ObjectType.COMPANIES);
        assertThat(detector.detect("export.csv", headerOf(Datasets.CUSTOMERS))).contains(ObjectType.CONTACTS);
        assertThat(detector.detect("export.csv", headerOf(Datasets.TICKETS))).contains(ObjectType.TICKETS);
    }

    @Test
    void requiresTheDistinguishingFieldAndTwoMatchedColumns() {
        // name + city match contacts (fullname, city) but contacts need email or first+last name
        assertThat(detector.detect("export.csv", List.of("Nom complet", "Ville"))).isEmpty();
        // one matched column is not enough
        assertThat(detector.detect("export.csv", List.of("Subject", "Foo", "Bar"))).isEmpty();
        assertThat(detector.detect("export.csv", List.of("First Name", "Last Name", "Age")))
                .contains(ObjectType.CONTACTS);
        assertThat(detector.detect("data.csv", List.of())).isEmpty();
    }

    @Test
    void tieBetweenQualifyingTypesIsLeftUndecided() {
        // contacts: company + email; companies: name + description; tickets lack a subject
        assertThat(detector.detect("export.csv", List.of("Société", "Email", "Description"))).isEmpty();
        // without the contacts' email the companies win
        assertThat(detector.detect("export.csv", List.of("Website", "Country"))).contains(ObjectType.COMPANIES);
    }
}
