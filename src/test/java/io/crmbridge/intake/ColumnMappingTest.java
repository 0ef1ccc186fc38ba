package io.crmbridge.intake;

import io.crmbridge.Datasets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crmbridge.model.ObjectType;
import io.crmbridge.model.SourceRow;

class ColumnMappingTest {

    private final HeaderAliases aliases = HeaderAliases.loadDefault();
    private final DialectSniffer sniffer = new DialectSniffer();

    private List<String> headerOf(Path file) throws IOException {
        try (CsvRowReader reader = CsvRowReader.open(file, sniffer.sniff(file))) {
            return reader.header();
        }
    }

    @Test
    void mapsEveryAliasedCustomerColumnAndReportsTheRest() throws IOException {
        ColumnMapping mapping = ColumnMapping.of(ObjectType.CONTACTS, headerOf(Datasets.CUSTOMERS), aliases);

        assertThat(mapping.indexByField()).containsExactly(
                entry("source_id", 1), entry("firstname", 2), entry("lastname", 3), entry("company", 4),
                entry("city", 5), entry("country", 6), entry("phone", 7), entry("mobilephone", 8),
                entry("email", 9), entry("subscription_date", 10), entry("website", 11));
        assertThat(mapping.unmappedColumns()).containsExactly("Index");
        assertThat(mapping.duplicateFieldColumns()).isEmpty();
    }

    @Test
    void mapsEveryAliasedOrganizationColumnAndReportsTheRest() throws IOException {
        ColumnMapping mapping = ColumnMapping.of(ObjectType.COMPANIES, headerOf(Datasets.ORGANIZATIONS), aliases);

        assertThat(mapping.indexByField()).containsExactly(
                entry("source_id", 1), entry("name", 2), entry("website", 3), entry("country", 4),
                entry("description", 5), entry("founded_year", 6), entry("industry", 7),
                entry("numberofemployees", 8));
        assertThat(mapping.unmappedColumns()).containsExactly("Index");
    }

    @Test
    void mapsEveryAliasedTicketColumnAndReportsTheRest() throws IOException {
        ColumnMapping mapping = ColumnMapping.of(ObjectType.TICKETS, headerOf(Datasets.TICKETS), aliases);

        assertThat(mapping.indexByField()).containsExactly(
                entry("ticket_id", 0), entry("customer_name", 1), entry("customer_email", 2),
                entry("product", 5), entry("purchase_date", 6), entry("category", 7), entry("subject", 8),
                entry("content", 9), entry("status", 10), entry("resolution", 11), entry("priority", 12),
                entry("channel", 13));
        assertThat(mapping.unmappedColumns()).containsExactly("Customer Age", "Customer Gender",
                "First Response Time", "Time to Resolution", "Customer Satisfaction Rating");
    }

    @Test
    void firstColumnWinsWhenTwoFeedTheSameField() {
        ColumnMapping mapping = ColumnMapping.of(ObjectType.CONTACTS,
                List.of("E-mail", "Nom", "Courriel", "Email Address"), aliases);

        assertThat(mapping.indexByField()).containsExactly(entry("email", 0), entry("lastname", 1));
        assertThat(mapping.duplicateFieldColumns()).containsExactly("Courriel", "Email Address");
        assertThat(mapping.unmappedColumns()).isEmpty();
    }

    @Test
    void valueIsTrimmedAndNullWhenAbsentBlankOrOutOfRange() {
        ColumnMapping mapping = ColumnMapping.of(ObjectType.CONTACTS, List.of("Email", "City", "Phone"), aliases);

        SourceRow row = new SourceRow(1, List.of("  a@b.com ", "   "), "row has 2 cells, header has 3");

        assertThat(mapping.value(row, "email")).isEqualTo("a@b.com");
        assertThat(mapping.value(row, "city")).isNull();
        assertThat(mapping.value(row, "phone")).isNull();
        assertThat(mapping.value(row, "firstname")).isNull();
        assertThat(mapping.has("phone")).isTrue();
        assertThat(mapping.has("firstname")).isFalse();
    }
}
