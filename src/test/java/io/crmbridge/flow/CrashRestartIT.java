package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.HeldAnswer;
import io.crmbridge.sandbox.HubSpotSandbox;
import io.crmbridge.sandbox.RecordedRequest;
import io.crmbridge.sandbox.SandboxConfig;
import io.crmbridge.sandbox.SandboxRecord;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Crash and stop safety (PRODUCT.md "Promises"): a 50,000-row tickets file whose every ticket links to one
 * of 10,000 contacts is imported by the packaged application ({@code java -jar target/crm-bridge.jar}, run
 * by failsafe in {@code mvn verify} after {@code package}; see {@link ChildApplication}) against a
 * sandbox running in this JVM, which outlives the child, with a file H2 ledger, which outlives it too. The
 * child is killed with SIGKILL during parsing, between a batch HubSpot applied and its ledger write, during
 * associations and while the report is written, and stopped with SIGTERM while a batch is in flight; each time
 * it is started again on the same inbox, outbox and ledger. The sandbox must then hold exactly what a clean
 * run's sandbox holds (same records and properties, no duplicates, every association), the file must be
 * archived once, and the reports must account for each of the 50,000 rows exactly once.
 */
class CrashRestartIT {

    private static final int ROWS = 50_000;
    private static final String FILE = "tickets-crash.csv";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STAGE_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Under target/flow-tests/, kept after the run: the children's logs are there. */
    private Path dir;

    private final String token = "crash-test-" + UUID.randomUUID();
    private HubSpotSandbox cleanPortal;
    private HubSpotSandbox crashPortal;
    private Path source;
    private Path tokenFile;
    private ChildApplication cleanRun;

    @BeforeEach
    void portalsAndFile() throws IOException {
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "flow-tests")), "crash-")
                .toAbsolutePath();
        SandboxConfig config = new SandboxConfig("127.0.0.1", 0, token, 100, 0);
        cleanPortal = HubSpotSandbox.start(config);
        crashPortal = HubSpotSandbox.start(config);
        source = dir.resolve("source-" + FILE);
        LargeTicketsFile.write(source, ROWS);
        tokenFile = Files.writeString(dir.resolve("token"), token);
    }

    @AfterEach
    void stopPortals() throws InterruptedException {
        if (cleanRun != null) {
            cleanRun.close();
        }
        cleanPortal.close();
        crashPortal.close();
    }

    @Test
    void killedAndStoppedImportEndsInTheCleanRunsStateWithEveryRowAccountedOnce() throws Exception {
        // the clean run goes on beside the crash runs: they share nothing but the CPU
        Path clean = site("clean");
        cleanRun = start(clean, cleanPortal, "clean");

        Path crash = site("crash");
        // 1. SIGKILL during parsing: rows are streamed, so parsing goes on while batches are sent
        try (ChildApplication run = start(crash, crashPortal, "1-parsing")) {
            await().atMost(STAGE_TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> count(crashPortal, CrashRestartIT::ticketUpsert) >= 20 || !run.isAlive());
            run.kill();
            assertThat(run.output()).doesNotContain("Report:");
        }
        assertStillInInbox(crash);

        // 2. SIGKILL after HubSpot applied a batch, before the ledger recorded it: the answer is held
        killWhileHeld(crash, "2-batch-applied", CrashRestartIT::ticketUpsert, 15);
        assertStillInInbox(crash);
        assertThat(ledgerCount(crash, "TICKETS")).as("the applied batch is not in the ledger")
                .isLessThan(crashPortal.state().count(ObjectType.TICKETS));

        // 3. SIGTERM while a batch is in flight: that batch ends and is recorded, the rest is left for the restart
        HeldAnswer flying = holdNth(CrashRestartIT::ticketUpsert, 15);
        try (ChildApplication run = start(crash, crashPortal, "3-sigterm")) {
            flying.awaitHeld(STAGE_TIMEOUT);
            run.terminate();
            run.awaitOutput("is shutting down", STAGE_TIMEOUT);
            flying.release();
            run.awaitExit(STAGE_TIMEOUT);
            assertThat(run.output()).contains(FILE + ": stopped between two batches").doesNotContain("Report:");
        } finally {
            flying.release();
        }
        assertStillInInbox(crash);
        assertThat(ledgerCount(crash, "TICKETS")).as("every batch HubSpot applied is in the ledger")
                .isEqualTo(crashPortal.state().count(ObjectType.TICKETS));

        // 4. SIGKILL during associations, after an association batch was applied
        killWhileHeld(crash, "4-associations", CrashRestartIT::associationBatch, 3);
        assertStillInInbox(crash);
        assertThat(crashPortal.state().associationCount(ObjectType.TICKETS, ObjectType.CONTACTS)).isPositive();

        // 5. SIGKILL while the report is written: as soon as its JSON file is there
        try (ChildApplication run = start(crash, crashPortal, "5-report")) {
            await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(2))
                    .until(() -> !reports(crash).isEmpty() || !run.isAlive());
            run.kill();
        }

        // 6. the restart that ends it
        try (ChildApplication run = start(crash, crashPortal, "6-final")) {
            assertThat(run.awaitExit(RUN_TIMEOUT)).as(run.output()).isZero();
        }

        assertThat(cleanRun.awaitExit(RUN_TIMEOUT)).as(cleanRun.output()).isZero();
        PortalSnapshot expected = PortalSnapshot.of(cleanPortal);
        assertThat(expected.of(ObjectType.TICKETS)).hasSize(ROWS - LargeTicketsFile.rejectedRows(ROWS));
        assertThat(expected.of(ObjectType.CONTACTS)).isNotEmpty();

        PortalSnapshot actual = PortalSnapshot.of(crashPortal);
        assertThat(actual.duplicateKeys()).as("records with the same key").isZero();
        assertThat(actual.of(ObjectType.TICKETS)).isEqualTo(expected.of(ObjectType.TICKETS));
        assertThat(actual.of(ObjectType.CONTACTS)).isEqualTo(expected.of(ObjectType.CONTACTS));
        assertThat(actual.linked(ObjectType.TICKETS, ObjectType.CONTACTS))
                .isEqualTo(expected.linked(ObjectType.TICKETS, ObjectType.CONTACTS));
        assertThat(crashPortal.state().count(ObjectType.COMPANIES)).isEqualTo(cleanPortal.state().count(ObjectType.COMPANIES));

        assertThat(SiteFiles.filesIn(crash.resolve("inbox"))).isEmpty();
        assertThat(SiteFiles.filesIn(crash.resolve("inbox/.done"))).hasSize(1);
        assertThat(SiteFiles.filesIn(crash.resolve("inbox/.failed"))).isEmpty();
        List<Path> reports = reports(crash);
        assertThat(reports).as("one report for the file").hasSize(1);
        JsonNode report = JSON.readTree(reports.get(0).toFile());
        JsonNode outcomes = report.path("outcomes");
        long accounted = 0;
        for (String o : List.of("created", "updated", "unchanged", "rejected", "failed")) {
            accounted += outcomes.path(o).asLong();
        }
        assertThat(report.path("rowsRead").asLong()).isEqualTo(ROWS);
        assertThat(accounted).isEqualTo(ROWS);
        assertThat(outcomes.path("rejected").asLong()).isEqualTo(LargeTicketsFile.rejectedRows(ROWS));
        assertThat(outcomes.path("failed").asLong()).isZero();
        assertThat(report.path("interruptedRuns")).as("the run before it did not finish").isNotEmpty();
        assertThat(runStatuses(crash)).as("runs 1 to 4 (and 5 when killed before it recorded its end) were taken over")
                .containsEntry("COMPLETED", 1L).doesNotContainKey("RUNNING").doesNotContainKey("FAILED")
                .hasEntrySatisfying("INTERRUPTED", n -> assertThat(n).isBetween(4L, 5L));
        assertThat(deadLetterRows(crash)).isEqualTo(LargeTicketsFile.rejectedRows(ROWS));
    }

    /** Holds the answer to the {@code nth} request from now that {@code which} matches. */
    private HeldAnswer holdNth(Predicate<RecordedRequest> which, int nth) {
        AtomicInteger seen = new AtomicInteger();
        return crashPortal.holdAnswer(r -> which.test(r) && seen.incrementAndGet() == nth);
    }

    /** Starts the application and kills it while the answer to the {@code nth} matching request is held. */
    private void killWhileHeld(Path site, String stage, Predicate<RecordedRequest> which, int nth) throws Exception {
        HeldAnswer hold = holdNth(which, nth);
        try (ChildApplication run = start(site, crashPortal, stage)) {
            hold.awaitHeld(RUN_TIMEOUT);
            run.kill();
        } finally {
            hold.release();
        }
    }

    private Path site(String name) throws IOException {
        Path site = Files.createDirectories(dir.resolve(name));
        Path inbox = Files.createDirectories(site.resolve("inbox"));
        Path staging = site.resolve("staging.csv");
        Files.copy(source, staging);
        Files.move(staging, inbox.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        return site;
    }

    private ChildApplication start(Path site, HubSpotSandbox portal, String stage) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("hubspot.sandbox", "false");
        p.put("hubspot.base-url", portal.baseUrl());
        p.put("hubspot.access-token-file", tokenFile.toString());
        p.put("hubspot.requests-per-ten-seconds", "100000");
        p.put("crm-bridge.db.url", ledgerUrl(site));
        p.put("crm-bridge.poll-delay-ms", "200");
        p.put("crm-bridge.read-lock-check-ms", "200");
        // --verbose: stage 3 waits for Camel's own "is shutting down" line, which the quiet console leaves out
        return ChildApplication.start(site, site.resolve("run-" + stage + ".log"), p, "--once", "--verbose",
                "--inbox", site.resolve("inbox").toString(), "--outbox", site.resolve("outbox").toString());
    }

    private static String ledgerUrl(Path site) {
        return "jdbc:h2:file:" + site.resolve("ledger").toAbsolutePath();
    }

    /** Rows of one type in the child's ledger, read after the child ended. */
    private static long ledgerCount(Path site, String objectType) throws SQLException {
        try (Connection c = DriverManager.getConnection(ledgerUrl(site), "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*) from record_key where object_type = '" + objectType + "' and content_hash is not null")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** How many import runs the child's ledger holds in each status. */
    private static Map<String, Long> runStatuses(Path site) throws SQLException {
        Map<String, Long> statuses = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(ledgerUrl(site), "sa", "");
             ResultSet rs = c.createStatement().executeQuery("select status, count(*) from import_run group by status")) {
            while (rs.next()) {
                statuses.put(rs.getString(1), rs.getLong(2));
            }
        }
        return statuses;
    }

    private static boolean ticketUpsert(RecordedRequest r) {
        return r.status() == 200 && r.path().endsWith("/tickets/batch/upsert");
    }

    private static boolean associationBatch(RecordedRequest r) {
        // 201 in v4 and 2026-03, 200 from 2026-09 (hubspot-api.md §10.2)
        return r.status() / 100 == 2 && r.path().contains("/associations/") && r.path().endsWith("/batch/create");
    }

    private static long count(HubSpotSandbox portal, Predicate<RecordedRequest> which) {
        return portal.state().requests().stream().filter(which).count();
    }

    private static void assertStillInInbox(Path site) throws IOException {
        assertThat(SiteFiles.filesIn(site.resolve("inbox"))).containsExactly(FILE);
        assertThat(SiteFiles.filesIn(site.resolve("inbox/.done"))).isEmpty();
        assertThat(SiteFiles.filesIn(site.resolve("inbox/.failed"))).isEmpty();
    }

    private static List<Path> reports(Path site) {
        return SiteFiles.reports(site.resolve("outbox"), FILE);
    }

    /** Rows of the file's one dead-letter file: those of the interrupted runs went with their runs' reports. */
    private static long deadLetterRows(Path site) throws IOException {
        List<Path> deadLetters;
        try (Stream<Path> s = Files.list(site.resolve("outbox/dead-letter"))) {
            deadLetters = s.filter(p -> p.getFileName().toString().startsWith(FILE + "-run")
                    && p.getFileName().toString().endsWith(".rejected.csv")).toList();
        }
        assertThat(deadLetters).as("dead-letter files of " + FILE).hasSize(1);
        try (Reader in = Files.newBufferedReader(deadLetters.get(0), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).stream().count();
        }
    }
}
