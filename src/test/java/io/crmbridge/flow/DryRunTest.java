package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dry run ({@code crm-bridge.dry-run=true}, PRODUCT.md): the file is read, validated and fully
 * reported, but HubSpot receives no write.
 */
class DryRunTest extends ImportFlowTestSupport {

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.dry-run", "true");
        return p;
    }

    @Test
    void reportsEveryRowAndSendsNoWrite() throws Exception {
        drop(Path.of("data", "contacts.csv"), "contacts.csv");

        JsonNode report = awaitReport("contacts.csv");

        assertThat(report.path("dryRun").asBoolean()).isTrue();
        assertThat(report.path("rowsRead").asLong()).isEqualTo(58);
        // valid rows new to the ledger count as created: what the upsert would do
        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(55);
        assertThat(report.path("outcomes").path("rejected").asLong()).isEqualTo(3);
        assertThat(report.path("errorsByCode").path("INVALID_EMAIL").asLong()).isEqualTo(1);
        assertThat(report.path("warningsByCode").path("INVALID_PHONE").asLong()).isEqualTo(1);
        assertThat(sandbox().state().requests()).noneMatch(ImportFlowTestSupport::isWrite);
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isZero();
    }

    @Test
    void ticketsInDryRunCreateNeitherTicketsNorTheirContactsNorLinks() throws Exception {
        drop(Path.of("data", "tickets.csv"), "tickets.csv");

        JsonNode report = awaitReport("tickets.csv");

        assertThat(report.path("dryRun").asBoolean()).isTrue();
        assertThat(report.path("rowsRead").asLong()).isEqualTo(165);
        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(163);
        assertThat(report.path("associations").path("created").asLong()).isZero();
        assertThat(sandbox().state().requests()).noneMatch(ImportFlowTestSupport::isWrite);
        assertThat(sandbox().state().count(ObjectType.TICKETS)).isZero();
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isZero();
    }

    @Test
    void sameContentDroppedAgainInDryRunIsReportedAgain() throws Exception {
        // a dry run imports nothing, so it must not make the real import of the same content a skip
        drop(Path.of("data", "companies.csv"), "companies.csv");
        awaitReport("companies.csv");
        awaitInboxEmpty(java.time.Duration.ofSeconds(30));
        drop(Path.of("data", "companies.csv"), "companies.csv");

        JsonNode second = awaitReport("companies.csv", 2, java.time.Duration.ofSeconds(60));

        assertThat(second.path("dryRun").asBoolean()).isTrue();
        assertThat(second.path("outcomes").path("created").asLong()).isEqualTo(46);
        assertThat(sandbox().state().count(ObjectType.COMPANIES)).isZero();
    }

    @Test
    void neverReplacesTheFilesAnEarlierProcessWroteUnderTheSameRunNumber() throws Exception {
        // an earlier process, whose in-memory ledger also numbered its run of contacts.csv 1, left these
        Path reports = Files.createDirectories(outbox().resolve("reports"));
        Path deadLetters = Files.createDirectories(outbox().resolve("dead-letter"));
        Files.writeString(reports.resolve("contacts.csv-run1.json"), "earlier json");
        Files.writeString(reports.resolve("contacts.csv-run1.html"), "earlier html");
        Files.writeString(deadLetters.resolve("contacts.csv-run1.rejected.csv"), "earlier dead letters");

        drop(Path.of("data", "contacts.csv"), "contacts.csv");
        Path json = reports.resolve("contacts.csv-run1-2.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(htmlBeside(json)));

        assertThat(reports.resolve("contacts.csv-run1.json")).hasContent("earlier json");
        assertThat(reports.resolve("contacts.csv-run1.html")).hasContent("earlier html");
        assertThat(deadLetters.resolve("contacts.csv-run1.rejected.csv")).hasContent("earlier dead letters");
        JsonNode report = JSON.readTree(json.toFile());
        assertThat(report.path("runId").asLong()).isEqualTo(1);
        assertThat(report.path("reportName").asText()).isEqualTo("contacts.csv-run1-2");
        assertThat(report.path("deadLetterFile").asText()).isEqualTo("dead-letter/contacts.csv-run1-2.rejected.csv");
        assertThat(Files.readAllLines(deadLetters.resolve("contacts.csv-run1-2.rejected.csv"))).hasSize(1 + 3);
        // the claim on the name goes once the reports are written
        try (Stream<Path> s = Files.list(reports)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".running"));
        }
    }
}
