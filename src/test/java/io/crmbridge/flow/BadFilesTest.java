package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Bad input (PRODUCT.md "Promises"): malformed rows are rejected one by one with their row numbers
 * while the rest of the file imports. Files that cannot be imported at all (empty, header only,
 * binary, unknown object type ...) are in the hostile input corpus, {@link HostileInputCorpusTest}.
 */
class BadFilesTest extends ImportFlowTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String CONTACTS_HEADER =
            "First Name,Last Name,Email,Phone,Company,Job Title,City,Country,Subscription Date";

    @Override
    protected Properties extraProperties() {
        return unlimitedRate();
    }

    @Test
    void malformedRowsAreRejectedWithTheirRowNumbersAndTheRestImports() throws Exception {
        String file = String.join("\n",
                CONTACTS_HEADER,
                "Ada,Lovelace,ada@analytical-engines.co.uk,,Analytical Engines,Engineer,London,United Kingdom,2024-03-14",
                "Alan,Turing,alan@bletchley-labs.co.uk,,Bletchley Labs,Researcher,London,United Kingdom,2024-03-15",
                "Grace,Hopper,grace@cobol-works.com,,Cobol Works,Admiral,Arlington,United States,2024-03-16",
                // row 4: one cell more than the header
                "Edsger,Dijkstra,edsger@shortest-path.nl,,Shortest Path,Professor,Austin,United States,2024-03-17,extra",
                "Barbara,Liskov,barbara@substitution.org,,Substitution,Professor,Boston,United States,2024-03-18",
                // row 6: a quote that is never closed swallows the rest of the file
                "Donald,Knuth,\"donald@taocp.org,,TAOCP,Author,Stanford,United States,2024-03-19",
                "");
        drop("contacts-malformed.csv", file.getBytes(StandardCharsets.UTF_8));

        JsonNode report = awaitReport("contacts-malformed.csv");

        assertThat(report.path("rowsRead").asLong()).isEqualTo(6);
        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(4);
        assertThat(report.path("outcomes").path("rejected").asLong()).isEqualTo(2);
        assertThat(report.path("errorsByCode").path("MALFORMED_ROW").asLong()).isEqualTo(2);
        assertOutcomesAddUp(report);
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(4);
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "barbara@substitution.org"))
                .as("the row after the long row").isPresent();
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "edsger@shortest-path.nl")).isEmpty();
        try (Reader in = Files.newBufferedReader(deadLetter("contacts-malformed.csv").orElseThrow(), StandardCharsets.UTF_8);
             CSVParser dl = CSVFormat.DEFAULT.parse(in)) {
            List<CSVRecord> rows = dl.getRecords();
            // header, then one line per rejected row; a long row keeps its extra cell, so the six
            // added columns (row_number, line_number, error_code ...) are read from the end of each record
            assertThat(rows).hasSize(3);
            assertThat(rows.subList(1, 3)).extracting(r -> r.get(r.size() - 6) + " " + r.get(r.size() - 4))
                    .containsExactly("4 MALFORMED_ROW", "6 MALFORMED_ROW");
        }
    }

    @Test
    void everyReportsOutcomesAddUpToTheRowsRead() throws Exception {
        for (String f : List.of("companies.csv", "contacts.csv", "contacts-europe.csv", "tickets.csv")) {
            drop(Path.of("data", f), f);
        }
        for (String f : List.of("companies.csv", "contacts.csv", "contacts-europe.csv", "tickets.csv")) {
            JsonNode report = awaitReport(f, 1, TIMEOUT);
            assertOutcomesAddUp(report);
            assertThat(report.path("rowsRead").asLong()).as("rows of %s", f).isPositive();
        }
    }

    private static void assertOutcomesAddUp(JsonNode report) {
        JsonNode o = report.path("outcomes");
        long sum = o.path("created").asLong() + o.path("updated").asLong() + o.path("unchanged").asLong()
                + o.path("rejected").asLong() + o.path("failed").asLong();
        assertThat(sum).as("outcomes of %s", report.path("file").asText()).isEqualTo(report.path("rowsRead").asLong());
    }
}
