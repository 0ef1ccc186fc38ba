package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.cli.RunControl;
import io.crmbridge.model.ObjectType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An unavailable resource is not a bad file: while the outbox cannot be written or the ledger
 * database is locked, the file is neither archived as done nor moved to {@code inbox/.failed/}; it stays in the
 * inbox, no row is dropped, and it is imported once the resource is back, with one report for all its rows.
 */
class ResourceOutageTest extends ImportFlowTestSupport {

    private static final Path CONTACTS = Path.of("data", "contacts.csv");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.retry-delay-ms", "500");
        return p;
    }

    @Test
    void fileWaitsInTheInboxWhileTheOutboxCannotBeWrittenAndIsImportedOnceItCan() throws Exception {
        // a plain file where the reports folder should be: no report can be written (the tests run as root,
        // so a read-only mode would not stop a write)
        Path blocker = Files.writeString(Files.createDirectories(outbox()).resolve("reports"), "not a folder");
        drop(CONTACTS, "contacts.csv");

        await().atMost(TIMEOUT).until(() -> runControl().anyFileFailed());
        await().atMost(TIMEOUT).until(() -> filesIn(inbox()).contains("contacts.csv"));
        assertThat(filesIn(inbox().resolve(".done"))).isEmpty();
        assertThat(filesIn(inbox().resolve(".failed"))).isEmpty();
        // the run's report name is claimed in outbox/reports before the first row is read: nothing was sent
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).as("rows delivered without an outbox").isZero();

        Files.delete(blocker);
        JsonNode report = awaitReport("contacts.csv", 1, TIMEOUT);

        assertThat(report.path("rowsRead").asLong()).isEqualTo(58);
        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(55);
        assertThat(report.path("outcomes").path("rejected").asLong()).isEqualTo(3);
        assertThat(report.path("interruptedRuns")).hasSize(1);
        awaitInboxEmpty(TIMEOUT);
        assertThat(filesIn(inbox().resolve(".done"))).hasSize(1);
        assertThat(filesIn(inbox().resolve(".failed"))).isEmpty();
        assertThat(reports("contacts.csv")).hasSize(1);
    }

    @Test
    void fileWaitsInTheInboxWhileTheLedgerIsLockedAndIsImportedOnceItIsFree() throws Exception {
        drop(CONTACTS, "contacts.csv");
        awaitReport("contacts.csv", 1, TIMEOUT);
        awaitInboxEmpty(TIMEOUT);
        String changed = Files.readString(CONTACTS, StandardCharsets.UTF_8).replace("Data Engineer", "Data Architect");

        try (Connection lock = DriverManager.getConnection(
                context.getPropertiesComponent().resolveProperty("crm-bridge.db.url").orElseThrow(), "sa", "")) {
            lock.setAutoCommit(false);
            // every remembered record locked: the next run's ledger write of a changed record times out
            try (ResultSet rows = lock.createStatement().executeQuery("select * from record_key for update")) {
                assertThat(rows.next()).isTrue();
            }
            drop("contacts-changed.csv", changed.getBytes(StandardCharsets.UTF_8));

            await().atMost(TIMEOUT).until(() -> runControl().anyFileFailed());
            await().atMost(TIMEOUT).until(() -> filesIn(inbox()).contains("contacts-changed.csv"));
            assertThat(filesIn(inbox().resolve(".failed"))).isEmpty();
            assertThat(filesIn(inbox().resolve(".done"))).hasSize(1);
            assertThat(reports("contacts-changed.csv")).isEmpty();
            lock.rollback();
        }

        JsonNode report = awaitReport("contacts-changed.csv", 1, TIMEOUT);
        assertThat(report.path("rowsRead").asLong()).isEqualTo(58);
        assertThat(report.path("outcomes").path("failed").asLong()).isZero();
        // the first attempt's upsert reached HubSpot before its ledger write timed out: the retry, reading the
        // portal before it writes, finds the changed records already there and sends nothing twice
        assertThat(report.path("outcomes").path("unchanged").asLong()).isEqualTo(55);
        awaitInboxEmpty(TIMEOUT);
        assertThat(filesIn(inbox().resolve(".done"))).hasSize(2);
        assertThat(filesIn(inbox().resolve(".failed"))).isEmpty();
        assertThat(sandbox().state().records(ObjectType.CONTACTS).stream()
                .filter(c -> "Data Architect".equals(c.property("jobtitle")))).isNotEmpty();
    }

    private RunControl runControl() {
        return context.getRegistry().lookupByNameAndType(RunControl.BEAN_NAME, RunControl.class);
    }

    private static List<String> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(n -> !n.endsWith(".camelLock")).toList();
        }
    }
}
