package io.crmbridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.api.ApiRefusal;
import io.crmbridge.config.Database;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.model.ObjectType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import runs as the console lists them, on an in-memory ledger and an outbox folder. */
class RunCatalogTest {

    @TempDir
    Path outbox;

    private CamelContext camel;
    private Database database;
    private Ledger ledger;
    private RunCatalog catalog;

    @BeforeEach
    void open() {
        camel = new DefaultCamelContext();
        Properties p = new Properties();
        p.setProperty("crm-bridge.db.url", "jdbc:h2:mem:catalog-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        camel.getPropertiesComponent().setInitialProperties(p);
        database = Database.open(camel.getPropertiesComponent(), true);
        ledger = new Ledger(database.entityManagerFactory(), Clock.systemUTC());
        catalog = new RunCatalog(ledger, outbox, new ObjectMapper());
    }

    @AfterEach
    void close() throws Exception {
        database.stop();
        camel.close();
    }

    @Test
    void pagesGoNewestFirstAndCoverEveryRunOnce() {
        for (int i = 1; i <= 120; i++) {
            ledger.openRun("file-" + i + ".csv", "hash-" + i, ObjectType.CONTACTS, false);
        }
        List<?> first = (List<?>) catalog.runs("50", "0").get("runs");
        List<?> third = (List<?>) catalog.runs("50", "100").get("runs");

        assertThat(first).hasSize(50);
        assertThat(((Map<?, ?>) first.get(0)).get("file")).isEqualTo("file-120.csv");
        assertThat(third).hasSize(20);
        assertThat(((Map<?, ?>) third.get(19)).get("file")).isEqualTo("file-1.csv");
        assertThat(catalog.runs(null, null)).containsEntry("total", 120L).containsEntry("limit", 50).containsEntry("offset", 0);
        assertThat((List<?>) catalog.runs("10", "500").get("runs")).isEmpty();
        // a run still going has no report yet
        assertThat(((Map<?, ?>) first.get(0)).get("outcomes")).isNull();
        assertThat(((Map<?, ?>) first.get(0)).get("status")).isEqualTo("RUNNING");
    }

    @Test
    void boundsAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> catalog.runs("0", "0")).isInstanceOf(ApiRefusal.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> catalog.runs("501", "0")).isInstanceOf(ApiRefusal.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> catalog.runs("5", "-1")).isInstanceOf(ApiRefusal.class).hasMessageContaining("offset");
        assertThatThrownBy(() -> catalog.run("7")).isInstanceOf(ApiRefusal.class)
                .satisfies(e -> assertThat(((ApiRefusal) e).status()).isEqualTo(404));
    }

    @Test
    void aRunsFilesComeFromItsOwnOutboxFoldersOnly() throws Exception {
        Files.createDirectories(outbox.resolve("reports"));
        Files.createDirectories(outbox.resolve("dead-letter"));
        long id = ledger.openRun("tickets.csv", "h", ObjectType.TICKETS, false);
        Files.writeString(outbox.resolve("reports/tickets.csv-run1.json"),
                "{\"rowsRead\": 5, \"outcomes\": {\"created\": 3, \"rejected\": 2}, \"dataQualityScore\": 80.0, \"durationMs\": 1200}");
        Files.writeString(outbox.resolve("dead-letter/tickets.csv-run1.rejected.csv"), "a,b\n1,2\n");
        ledger.finishRun(id, ImportRun.Status.COMPLETED, 5, "reports/tickets.csv-run1.json");
        // a report path leading out of the outbox is read as a name in the outbox's own folder
        long other = ledger.openRun("x.csv", "h2", ObjectType.CONTACTS, false);
        Path outside = Files.writeString(outbox.getParent().resolve("secret-" + UUID.randomUUID() + ".json"), "{}");
        ledger.finishRun(other, ImportRun.Status.COMPLETED, 0, "../" + outside.getFileName());

        Map<String, Object> run = catalog.run(Long.toString(id));
        assertThat(run.get("outcomes")).isEqualTo(Map.of("created", 3L, "updated", 0L, "unchanged", 0L,
                "rejected", 2L, "failed", 0L));
        assertThat(run).containsEntry("dataQualityScore", 80.0).containsEntry("durationMs", 1200L)
                .containsEntry("files", List.of("report.json", "dead-letter.csv"));
        assertThat(catalog.file(Long.toString(id), "dead-letter.csv"))
                .isEqualTo(outbox.resolve("dead-letter/tickets.csv-run1.rejected.csv").toAbsolutePath().normalize());
        assertThatThrownBy(() -> catalog.file(Long.toString(id), "report.html")).isInstanceOf(ApiRefusal.class);
        assertThatThrownBy(() -> catalog.file(Long.toString(id), "../pom.xml")).isInstanceOf(ApiRefusal.class);
        assertThatThrownBy(() -> catalog.file(Long.toString(other), "report.json")).isInstanceOf(ApiRefusal.class);
        assertThat(catalog.run(Long.toString(other)).get("files")).isEqualTo(List.of());
        Files.delete(outside);
    }
}
