package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import java.io.IOException;
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
 * Bad input (PRODUCT.md "Promises"): a file that cannot be imported gets a clear error next to a
 * copy of it in outbox/dead-letter/ and never stops the other files; malformed rows are rejected
 * one by one with their row numbers while the rest of the file imports.
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
    void unprocessableFilesGetAClearErrorAndTheOthersStillImport() throws Exception {
        drop("contacts-empty.csv", new byte[0]);
        drop("contacts-header-only.csv", (CONTACTS_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        drop("export-2024.csv", "Foo,Bar,Baz\n1,2,3\n4,5,6\n".getBytes(StandardCharsets.UTF_8));
        // taken in name order, after the three bad files: the intake must go on past their failures
        drop(Path.of("data", "tickets.csv"), "tickets.csv");

        JsonNode tickets = awaitReport("tickets.csv");
        awaitInboxEmpty(TIMEOUT);

        assertThat(tickets.path("outcomes").path("created").asLong()).isEqualTo(163);
        assertThat(sandbox().state().count(ObjectType.TICKETS)).isEqualTo(163);
        assertThat(errorText("contacts-empty.csv")).contains("empty");
        assertThat(errorText("export-2024.csv")).contains("cannot tell the object type").contains("Foo");
        assertThat(errorText("contacts-header-only.csv")).contains("no data rows");
        for (String bad : List.of("contacts-empty.csv", "contacts-header-only.csv", "export-2024.csv")) {
            assertThat(outbox().resolve("dead-letter").resolve(bad)).as("copy of %s", bad).exists();
            assertThat(reports(bad)).as("reports of %s", bad).isEmpty();
        }
        assertOutcomesAddUp(tickets);
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
            // header, then one line per rejected row; a long row keeps its extra cell, so the three
            // trailing columns are read from the end of each record
            assertThat(rows).hasSize(3);
            assertThat(rows.subList(1, 3)).extracting(r -> r.get(r.size() - 3) + " " + r.get(r.size() - 2))
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

    /** Waits for outbox/dead-letter/&lt;file&gt;.error.txt and returns its text. */
    private String errorText(String fileName) throws IOException {
        Path p = outbox().resolve("dead-letter").resolve(fileName + ".error.txt");
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(p));
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
