package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmbridge.PostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL database with the scheduled sync on (docs/cluster.md "Scheduled syncs"): each
 * firing of the schedule runs on exactly one of them, and a "sync now" through the API while a sync runs is answered
 * 409 by both, the one syncing and the other; when the instance running a sync is killed, the other takes the next
 * firings. Two child processes (ChildApplication), each with its embedded sandbox
 * seeded alike ({@value #CONTACTS} contacts, {@value #LATENCY_MS} ms a request, so that a full sync lasts 1.5 to 3 s),
 * the ledger on the test's PostgreSQL server. A firing due while the previous run goes on waits for it (the job is
 * stateful, cluster-wide), so on a busy machine runs start late rather than on the second: a firing that ran twice
 * shows as more runs than firings, as overlapping runs, or as a run refused by the other instance's lock. The period and the length of the run can be raised with the system
 * properties {@code cluster-sync.period-seconds} and {@code cluster-sync.run-seconds} (e.g. 20 and 120).
 */
class ScheduledSyncClusterIT {

    private static final int CONTACTS = 1000;
    private static final int LATENCY_MS = 100;
    private static final String TOKEN = "cluster-sync-token-7c21";
    private static final int PERIOD_SECONDS = Integer.getInteger("cluster-sync.period-seconds", 5);
    private static final int RUN_SECONDS = Integer.getInteger("cluster-sync.run-seconds", 40);
    private static final Pattern FIRST_FIRING = Pattern.compile("Next fire date is (\\d\\S+)");
    private static final DateTimeFormatter QUARTZ_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final Pattern RUN_STARTED = Pattern.compile("Contact sync FULL started \\(run (\\d+)\\)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ChildApplication> instances = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (ChildApplication instance : instances) {
            instance.close();
        }
    }

    @Test
    void eachFiringRunsOnOneInstanceSyncNowIsRefusedWhileEitherSyncsAndTheSurvivorOfAKillGoesOn() throws Exception {
        String url = PostgresServer.newDatabase("sync_cluster");
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "flow-tests")), "sync-cluster-")
                .toAbsolutePath();
        int portA = ImportFlowTestSupport.freePort();
        int portB = ImportFlowTestSupport.freePort();
        ChildApplication a = start(dir, url, "a", portA);
        ChildApplication b = start(dir, url, "b", portB);
        awaitApi(a, portA);
        awaitApi(b, portB);
        Instant started = Instant.now();

        // while a scheduled run is going, "sync now" on each instance: the one syncing refuses in its process, the
        // other because the database's lock is taken
        List<Integer> answers = new ArrayList<>();
        Set<Long> checkedRuns = new HashSet<>();
        while (checkedRuns.size() < 3 && Duration.between(started, Instant.now()).toSeconds() < RUN_SECONDS - 5) {
            Long running = runningRun(url);
            if (running != null && checkedRuns.add(running)) {
                answers.add(post(portA));
                answers.add(post(portB));
            }
            Thread.sleep(50);
        }
        Thread.sleep(Math.max(0, Duration.ofSeconds(RUN_SECONDS).minus(Duration.between(started, Instant.now()))
                .toMillis()));

        // the instance running the current sync dies (SIGKILL): its lock goes with its session, Quartz's other
        // scheduler recovers the blocked job once the dead one's check-in is overdue, and the survivor runs the firings
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> runningRun(url) != null);
        long killedRun = runningRun(url);
        ChildApplication runner = runIds(a.output()).contains(killedRun) ? a : b;
        ChildApplication survivor = runner == a ? b : a;
        runner.kill();
        Instant killed = Instant.now();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> runIds(survivor.output()).stream().anyMatch(id -> id > killedRun && completed(url, id)));
        Instant stopped = Instant.now();
        survivor.terminate();
        survivor.awaitExit(Duration.ofSeconds(60));

        assertThat(checkedRuns).as("scheduled runs seen running").hasSize(3);
        assertThat(answers).as("sync now while a scheduled sync runs").containsOnly(409);
        List<Run> runs = runs(url);
        Map<String, List<Long>> byInstance = new LinkedHashMap<>();
        byInstance.put("a", runIds(a.output()));
        byInstance.put("b", runIds(b.output()));
        // the figures of this run, kept beside the instances' logs
        Files.writeString(dir.resolve("runs.txt"), "runs by instance: " + byInstance + "\nfirst firing "
                + firstFiring(a.output() + b.output()) + ", run " + killedRun + " killed at " + killed + ", stopped "
                + stopped + "\n" + String.join("\n", runs.stream().map(Run::toString).toList()) + "\n");
        // each firing of the cron since its first ran at most once (late when the one before ran long: the job is
        // stateful); a firing run by both instances would show as more runs than firings
        long firings = Duration.between(firstFiring(a.output() + b.output()), stopped).toSeconds() / PERIOD_SECONDS + 1;
        assertThat((long) runs.size()).as("runs: %s", runs).isLessThanOrEqualTo(firings)
                .isGreaterThanOrEqualTo(RUN_SECONDS / PERIOD_SECONDS - 2);
        for (Run run : runs) {
            // the killed instance's run is closed as PARTIAL by the next run, which holds the lock
            assertThat(run.status()).as("run %s", run).isEqualTo(run.id() == killedRun ? "PARTIAL" : "COMPLETED");
            assertThat(run.mode()).as("run %s: only the schedule started runs", run).isEqualTo("FULL");
        }
        for (int i = 1; i < runs.size(); i++) {
            Instant previousEnd = runs.get(i - 1).id() == killedRun ? killed : runs.get(i - 1).finishedAt();
            assertThat(runs.get(i).startedAt()).as("runs never overlap: %s", runs).isAfterOrEqualTo(previousEnd);
        }
        // a firing taken by both schedulers would have met the other instance's lock in its Quartz route
        assertThat(a.output() + b.output()).doesNotContain("SyncAlreadyRunningException");
        List<Long> all = new ArrayList<>(byInstance.get("a"));
        all.addAll(byInstance.get("b"));
        assertThat(all).as("each run started by one instance: %s", byInstance)
                .containsExactlyInAnyOrderElementsOf(runs.stream().map(Run::id).toList());
        assertThat(count(url, "select count(*) from synced_contact")).isEqualTo(CONTACTS);
    }

    /** The first fire time an instance's Quartz endpoint logged when it scheduled the job. */
    private static Instant firstFiring(String logs) {
        Matcher m = FIRST_FIRING.matcher(logs);
        Instant first = null;
        while (m.find()) {
            Instant at = OffsetDateTime.parse(m.group(1), QUARTZ_TIME).toInstant();
            first = first == null || at.isBefore(first) ? at : first;
        }
        assertThat(first).as("no 'Next fire date' line in the logs").isNotNull();
        return first;
    }

    private static boolean completed(String url, long runId) {
        try {
            return count(url, "select count(*) from sync_run where status = 'COMPLETED' and id = " + runId) == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private ChildApplication start(Path dir, String url, String name, int port) throws IOException {
        Path site = Files.createDirectories(dir.resolve(name));
        Map<String, String> p = new LinkedHashMap<>();
        p.put("camel.server.port", Integer.toString(port));
        p.put("crm-bridge.db.url", url);
        p.put("crm-bridge.db.user", PostgresServer.USER);
        p.put("crm-bridge.db.password", PostgresServer.PASSWORD);
        p.put("crm-bridge.cluster.enabled", "true");
        p.put("crm-bridge.cluster.instance-id", "sync-" + name);
        p.put("crm-bridge.cluster.heartbeat-ms", "1000");
        p.put("crm-bridge.sync.enabled", "true");
        p.put("crm-bridge.sync.cron", "0/" + PERIOD_SECONDS + "+*+*+*+*+?");
        p.put("crm-bridge.sync.scheduled-mode", "FULL");
        p.put("crm-bridge.api.token", TOKEN);
        p.put("sandbox.seed-contacts", "generate:" + CONTACTS);
        p.put("sandbox.faults.latency-ms", Integer.toString(LATENCY_MS));
        // --verbose: the sync's own "started (run N)" lines say which instance ran which run
        ChildApplication child = ChildApplication.start(site, site.resolve("instance-" + name + ".log"), p, "--verbose",
                "--inbox", site.resolve("inbox").toString(), "--outbox", site.resolve("outbox").toString());
        instances.add(child);
        return child;
    }

    private void awaitApi(ChildApplication instance, int port) {
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> !instance.isAlive() || send(port, "GET", "/sync/runs").statusCode() == 200);
        assertThat(instance.isAlive()).as(instance.output()).isTrue();
    }

    private int post(int port) throws IOException, InterruptedException {
        return send(port, "POST", "/sync?mode=incremental").statusCode();
    }

    private HttpResponse<String> send(int port, String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/integrations/hubspot" + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<Long> runIds(String log) {
        List<Long> ids = new ArrayList<>();
        Matcher m = RUN_STARTED.matcher(log);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    /** One row of sync_run. */
    private record Run(long id, String mode, String status, Instant startedAt, Instant finishedAt) {
    }

    private static List<Run> runs(String url) throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select id, mode, status, started_at, finished_at from sync_run order by id")) {
            while (r.next()) {
                runs.add(new Run(r.getLong(1), r.getString(2), r.getString(3), r.getTimestamp(4).toInstant(),
                        r.getTimestamp(5) == null ? null : r.getTimestamp(5).toInstant()));
            }
        }
        return runs;
    }

    private static Long runningRun(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select max(id) from sync_run where status = 'RUNNING'")) {
            r.next();
            long id = r.getLong(1);
            return r.wasNull() ? null : id;
        } catch (SQLException e) {
            // before the first instance migrated the database there is no sync_run table yet
            if ("42P01".equals(e.getSQLState())) {
                return null;
            }
            throw e;
        }
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
