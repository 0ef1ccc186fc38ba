package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dropping a file again (PRODUCT.md L6, idempotent re-runs): the same content is skipped whatever
 * its name; changed content sends only the rows that changed since they were last sent.
 */
class RedropTest extends ImportFlowTestSupport {

    private static final Path CONTACTS = Path.of("data", "contacts.csv");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Override
    protected Properties extraProperties() {
        return unlimitedRate();
    }

    @Test
    void sameContentUnderTheSameNameIsSkipped() throws Exception {
        drop(CONTACTS, "contacts.csv");
        awaitReport("contacts.csv");
        awaitArchived(1);
        int requestsBefore = sandbox().state().requests().size();

        drop(CONTACTS, "contacts.csv");
        awaitArchived(2);

        assertThat(reports("contacts.csv")).hasSize(1);
        assertThat(sandbox().state().requests()).hasSize(requestsBefore);
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(55);
    }

    @Test
    void sameContentUnderANewNameIsSkipped() throws Exception {
        drop(CONTACTS, "contacts.csv");
        awaitReport("contacts.csv");
        awaitArchived(1);
        int requestsBefore = sandbox().state().requests().size();

        drop(CONTACTS, "contacts-again.csv");
        awaitArchived(2);

        assertThat(reports("contacts-again.csv")).isEmpty();
        assertThat(reports("contacts.csv")).hasSize(1);
        assertThat(sandbox().state().requests()).hasSize(requestsBefore);
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(55);
    }

    @Test
    void changedFileSendsOnlyTheModifiedRow() throws Exception {
        drop(CONTACTS, "contacts.csv");
        awaitReport("contacts.csv");
        awaitArchived(1);
        int requestsBefore = sandbox().state().requests().size();

        // data row 1 (Emily Carter) gets a new job title; every other byte stays the same
        List<String> lines = Files.readAllLines(CONTACTS, StandardCharsets.UTF_8);
        String row1 = lines.get(1);
        String[] cells = row1.split(",", -1);
        String oldTitle = cells[5];
        cells[5] = "Chief Risk Officer";
        lines.set(1, String.join(",", cells));
        drop("contacts.csv", (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));

        JsonNode second = awaitReport("contacts.csv", 2, TIMEOUT);

        assertThat(oldTitle).isNotEqualTo("Chief Risk Officer");
        assertThat(second.path("rowsRead").asLong()).isEqualTo(58);
        assertThat(second.path("outcomes").path("updated").asLong()).isEqualTo(1);
        assertThat(second.path("outcomes").path("unchanged").asLong()).isEqualTo(54);
        assertThat(second.path("outcomes").path("created").asLong()).isZero();
        assertThat(second.path("outcomes").path("rejected").asLong()).isEqualTo(3);
        List<RecordedRequest> upserts = sandbox().state().requests().stream().skip(requestsBefore)
                .filter(r -> "POST".equals(r.method()) && r.path().endsWith("/contacts/batch/upsert"))
                .toList();
        // L6: the 54 unchanged rows are not sent at all
        assertThat(upserts).extracting(RecordedRequest::inputCount).containsExactly(1);
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(55);
        String email = cells[2].toLowerCase(java.util.Locale.ROOT);
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", email).orElseThrow()
                .property("jobtitle")).isEqualTo("Chief Risk Officer");
    }

    @Test
    void unchangedRowsWhoseLinksWereStoredWithThemAreNotLookedUpAgain() throws Exception {
        drop(CONTACTS, "contacts.csv");
        awaitReport("contacts.csv");
        long pending = ledgerCount("select count(*) from pending_link");
        // the sample's companies are never imported here: each contact's company link waits
        assertThat(pending).isPositive();
        assertThat(ledgerCount("select count(*) from record_key where links_hash is null and content_hash is not null"))
                .isZero();

        // the links of the stored records disappear behind the ledger's back; the same rows come again (CRLF
        // line ends: a new content hash, the same rows)
        ledgerUpdate("delete from pending_link");
        byte[] crlf = Files.readString(CONTACTS, StandardCharsets.UTF_8).replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        drop("contacts-crlf.csv", crlf);
        JsonNode second = awaitReport("contacts-crlf.csv");

        assertThat(second.path("outcomes").path("unchanged").asLong()).isEqualTo(55);
        // unchanged rows with the links they were stored with: not looked up, so not stored again
        assertThat(ledgerCount("select count(*) from pending_link")).isZero();

        // a ledger written before links hashes were kept: the links of unchanged rows are looked up and stored
        ledgerUpdate("update record_key set links_hash = null");
        drop("contacts-cr.csv", Files.readString(CONTACTS, StandardCharsets.UTF_8).replace("\n", "\r")
                .getBytes(StandardCharsets.UTF_8));
        JsonNode third = awaitReport("contacts-cr.csv");

        assertThat(third.path("outcomes").path("unchanged").asLong()).isEqualTo(55);
        assertThat(ledgerCount("select count(*) from pending_link")).isEqualTo(pending);
        assertThat(ledgerCount("select count(*) from record_key where links_hash is null and content_hash is not null"))
                .isZero();
    }

    private long ledgerCount(String sql) throws SQLException {
        try (Connection c = ledgerConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void ledgerUpdate(String sql) throws SQLException {
        try (Connection c = ledgerConnection()) {
            c.createStatement().executeUpdate(sql);
        }
    }

    private Connection ledgerConnection() throws SQLException {
        return DriverManager.getConnection(context.getPropertiesComponent().resolveProperty("crm-bridge.db.url")
                .orElseThrow(), "sa", "");
    }

    /** Waits until {@code n} files have been archived to inbox/.done/ (a skipped file is archived too). */
    private void awaitArchived(int n) {
        Path done = inbox().resolve(".done");
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!Files.isDirectory(done)) {
                return false;
            }
            try (Stream<Path> s = Files.list(done)) {
                return s.filter(Files::isRegularFile).count() >= n;
            }
        });
    }
}
