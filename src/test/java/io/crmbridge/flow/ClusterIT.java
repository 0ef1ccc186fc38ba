package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.PostgresServer;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.HeldAnswer;
import io.crmbridge.sandbox.HubSpotSandbox;
import io.crmbridge.sandbox.RecordedRequest;
import io.crmbridge.sandbox.SandboxConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged application ({@link ChildApplication}) in cluster mode on one real PostgreSQL database
 * ({@link PostgresServer}), one inbox and one outbox, against a sandbox in this JVM (docs/cluster.md "Shared inbox
 * and takeover"): each file is imported by one of them, the same content under two names once, and a file whose
 * instance was killed (SIGKILL) is taken over by the other once the killed one is silent for
 * {@code crm-bridge.cluster.dead-after-ms}, never while it is alive.
 */
class ClusterIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final int DEAD_AFTER_MS = 3000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token = "cluster-test-" + UUID.randomUUID();
    private Path dir;
    private Path inbox;
    private Path outbox;
    private Path tokenFile;
    private String ledgerUrl;
    private HubSpotSandbox portal;
    private final List<ChildApplication> children = new java.util.ArrayList<>();

    @BeforeEach
    void portalAndDatabase() throws IOException {
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "flow-tests")), "cluster-")
                .toAbsolutePath();
        inbox = Files.createDirectories(dir.resolve("inbox"));
        outbox = dir.resolve("outbox");
        tokenFile = Files.writeString(dir.resolve("token"), token);
        portal = HubSpotSandbox.start(new SandboxConfig("127.0.0.1", 0, token, 100, 0));
        ledgerUrl = PostgresServer.newDatabase("cluster_it");
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (ChildApplication child : children) {
            child.close();
        }
        portal.close();
    }

    @Test
    void eachFileIsImportedOnceAndTheSameContentUnderTwoNamesOnce() throws Exception {
        ChildApplication a = start("a");
        ChildApplication b = start("b");
        a.awaitOutput("Cluster: this instance is a", TIMEOUT);
        b.awaitOutput("Cluster: this instance is b", TIMEOUT);

        for (int i = 1; i <= 6; i++) {
            drop("contacts-" + i + ".csv", contacts("f" + i, 120));
        }
        awaitArchived(6);
        assertThat(SiteFiles.filesIn(inbox.resolve(".done"))).hasSize(6);
        assertThat(reports()).as("one report per file").hasSize(6);
        assertThat(runStatuses()).containsExactly(Map.entry("COMPLETED", 6L));
        assertThat(portal.state().count(ObjectType.CONTACTS)).isEqualTo(6 * 120);

        // the same content under two names while an instance imports it: its answer is held until the other one
        // has met the content and put its file back
        AtomicInteger upserts = new AtomicInteger();
        HeldAnswer held = portal.holdAnswer(r -> contactUpsert(r) && upserts.incrementAndGet() == 2);
        String same = contacts("same", 350);
        try {
            drop("same-1.csv", same);
            held.awaitHeld(TIMEOUT);
            drop("same-2.csv", same);
            await().atMost(TIMEOUT).until(() -> (a.output() + b.output()).contains(
                    "same-2.csv: the same content is being imported by another instance"));
        } finally {
            held.release();
        }
        awaitArchived(8);
        assertThat(reports()).as("one more report: the second name was skipped").hasSize(7);
        assertThat(runStatuses()).containsExactly(Map.entry("COMPLETED", 7L));
        assertThat(portal.state().count(ObjectType.CONTACTS)).isEqualTo(6 * 120 + 350);
        assertThat(portal.state().requests().stream().filter(ClusterIT::contactUpsert).count())
                .as("each batch of 100 sent once: 2 per 120-row file, 4 for the 350 rows")
                .isEqualTo(6 * 2 + 4);
    }

    @Test
    void aLiveInstancesFileIsLeftAloneAndADeadInstancesFileIsTakenOverAndFinished() throws Exception {
        AtomicInteger upserts = new AtomicInteger();
        HeldAnswer held = portal.holdAnswer(r -> contactUpsert(r) && upserts.incrementAndGet() == 3);
        ChildApplication a = start("a");
        drop("contacts-big.csv", contacts("big", 1000));
        ChildApplication b;
        try {
            held.awaitHeld(TIMEOUT);
            b = start("b");
            b.awaitOutput("Cluster: this instance is b", TIMEOUT);
            // a is alive (its heartbeat goes on while its answer is held): b leaves the file alone
            await().during(Duration.ofMillis(2L * DEAD_AFTER_MS)).atMost(Duration.ofMillis(3L * DEAD_AFTER_MS))
                    .until(() -> holder("contacts-big.csv").equals(Optional.of("a")));
            assertThat(b.output()).doesNotContain("contacts-big.csv");
            a.kill();
        } finally {
            held.release();
        }
        b.awaitOutput("contacts-big.csv taken over from a", TIMEOUT);
        awaitArchived(1);

        assertThat(SiteFiles.filesIn(inbox)).isEmpty();
        assertThat(SiteFiles.filesIn(inbox.resolve(".failed"))).isEmpty();
        assertThat(holder("contacts-big.csv")).as("released once archived").isEmpty();
        List<Path> reports = reports();
        assertThat(reports).hasSize(1);
        JsonNode report = JSON.readTree(reports.get(0).toFile());
        assertThat(report.path("rowsRead").asLong()).isEqualTo(1000);
        assertThat(report.path("outcomes").path("created").asLong() + report.path("outcomes").path("unchanged").asLong()
                + report.path("outcomes").path("updated").asLong()).isEqualTo(1000);
        assertThat(report.path("interruptedRuns")).as("a's run, taken over").hasSize(1);
        assertThat(runStatuses()).containsExactly(Map.entry("COMPLETED", 1L), Map.entry("INTERRUPTED", 1L));
        assertThat(owners()).containsExactly(Map.entry("COMPLETED", "b"), Map.entry("INTERRUPTED", "a"));
        assertThat(portal.state().count(ObjectType.CONTACTS)).as("no contact twice").isEqualTo(1000);
    }

    private ChildApplication start(String id) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("hubspot.sandbox", "false");
        p.put("hubspot.base-url", portal.baseUrl());
        p.put("hubspot.access-token-file", tokenFile.toString());
        p.put("hubspot.requests-per-ten-seconds", "100000");
        p.put("crm-bridge.db.url", ledgerUrl);
        p.put("crm-bridge.db.user", PostgresServer.USER);
        p.put("crm-bridge.db.password", PostgresServer.PASSWORD);
        p.put("crm-bridge.cluster.enabled", "true");
        p.put("crm-bridge.cluster.instance-id", id);
        p.put("crm-bridge.cluster.heartbeat-ms", "300");
        p.put("crm-bridge.cluster.dead-after-ms", String.valueOf(DEAD_AFTER_MS));
        p.put("crm-bridge.poll-delay-ms", "200");
        p.put("crm-bridge.read-lock-check-ms", "200");
        p.put("crm-bridge.retry-delay-ms", "500");
        ChildApplication child = ChildApplication.start(dir, dir.resolve("run-" + id + ".log"), p,
                "--inbox", inbox.toString(), "--outbox", outbox.toString());
        children.add(child);
        return child;
    }

    /** {@code rows} contacts with e-mails of their own ({@code prefix}-N@example.com). */
    private static String contacts(String prefix, int rows) {
        StringBuilder csv = new StringBuilder("email,firstname,lastname\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(prefix).append('-').append(i).append("@example.com,Ada,Lovelace").append(i).append('\n');
        }
        return csv.toString();
    }

    /** Written beside the inbox, then moved in: a complete file, as a user drops it. */
    private void drop(String name, String content) throws IOException {
        Path staging = Files.writeString(dir.resolve(name + ".part"), content, StandardCharsets.UTF_8);
        Files.move(staging, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private void awaitArchived(int files) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> SiteFiles.filesIn(inbox.resolve(".done")).size() >= files && SiteFiles.filesIn(inbox).isEmpty());
    }

    private static boolean contactUpsert(RecordedRequest r) {
        return r.status() == 200 && r.path().endsWith("/contacts/batch/upsert");
    }

    private List<Path> reports() throws IOException {
        Path reports = outbox.resolve("reports");
        if (!Files.isDirectory(reports)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(reports)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private Connection ledger() throws SQLException {
        return DriverManager.getConnection(ledgerUrl, PostgresServer.USER, PostgresServer.PASSWORD);
    }

    /** The import runs' status and owner instance, by run id. */
    private List<Map.Entry<String, String>> runs() throws SQLException {
        List<Map.Entry<String, String>> runs = new java.util.ArrayList<>();
        try (Connection c = ledger(); ResultSet rs = c.createStatement().executeQuery(
                "select status, owner_instance from import_run order by id")) {
            while (rs.next()) {
                runs.add(Map.entry(rs.getString(1), rs.getString(2)));
            }
        }
        return runs;
    }

    private Map<String, Long> runStatuses() throws SQLException {
        return runs().stream().collect(java.util.stream.Collectors.groupingBy(Map.Entry::getKey, TreeMap::new,
                java.util.stream.Collectors.counting()));
    }

    private Map<String, String> owners() throws SQLException {
        Map<String, String> owners = new TreeMap<>();
        runs().forEach(run -> owners.put(run.getKey(), run.getValue()));
        return owners;
    }

    private Optional<String> holder(String file) throws SQLException {
        try (Connection c = ledger(); PreparedStatement s = c.prepareStatement(
                "select instance_id from file_claim where file_name = ?")) {
            s.setString(1, file);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
