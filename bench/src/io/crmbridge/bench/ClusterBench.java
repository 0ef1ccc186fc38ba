package io.crmbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cluster scenario (docs/cluster.md): instances of {@code crm-bridge.jar} in cluster mode on one PostgreSQL
 * (zonky's embedded server, started here) import two files against HubSpot emulators ({@code --hubspot-emulator},
 * each its own process at {@value Benchmark#BUDGET_PER_TEN_SECONDS} requests per 10 s), each case on fresh
 * portals and a fresh database: one instance and one portal; two instances of one token and one portal (the same
 * budget: the portal's limit is the ceiling); two instances with two tokens against two portals (twice the budget).
 * A case's rate is the records the files created or updated over the time from the first file's start to the last
 * file's end, from the reports.
 */
final class ClusterBench implements AutoCloseable {

    /** One case's figures: records written, seconds from first start to last end, 429s the reports counted. */
    record Result(long records, double seconds, long rateLimited) {
        double rate() {
            return records / seconds;
        }
    }

    private final Path jar;
    private final Path files;
    private final ObjectMapper json = new ObjectMapper();
    private final EmbeddedPostgres postgres;
    private int databases;

    /** Starts the PostgreSQL server; {@code files} holds the input CSVs, all of them imported in each case. */
    ClusterBench(Path jar, Path files) throws IOException {
        this.jar = jar.toAbsolutePath();
        this.files = files;
        this.postgres = EmbeddedPostgres.builder().start();
    }

    /**
     * Runs one case in {@code dir}: {@code instances} instances, each file of the inputs in the one shared inbox
     * ({@code portals} = 1), or each instance with its own token, portal and inbox holding one of the files
     * ({@code portals} = {@code instances}).
     */
    Result run(Path dir, int instances, int portals) throws Exception {
        String database = newDatabase();
        List<Path> inputs;
        try (Stream<Path> s = Files.list(files)) {
            inputs = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        List<Process> emulators = new ArrayList<>();
        List<Process> apps = new ArrayList<>();
        List<Path> outboxes = new ArrayList<>();
        try {
            List<String[]> portalsStarted = new ArrayList<>();
            for (int p = 1; p <= portals; p++) {
                portalsStarted.add(startEmulator(dir.resolve("portal-" + p), emulators));
            }
            for (int i = 1; i <= instances; i++) {
                int p = portals == 1 ? 0 : i - 1;
                Path site = portals == 1 ? dir.resolve("shared") : dir.resolve("site-" + i);
                Path inbox = Files.createDirectories(site.resolve("inbox"));
                for (int f = 0; f < inputs.size(); f++) {
                    // one inbox for all, or each instance's inbox with its share of the files
                    if (portals == 1 ? i == 1 : f % instances == i - 1) {
                        Files.copy(inputs.get(f), inbox.resolve(inputs.get(f).getFileName()));
                    }
                }
                if (!outboxes.contains(site.resolve("outbox"))) {
                    outboxes.add(site.resolve("outbox"));
                }
                apps.add(startInstance(site, dir.resolve("node-" + i + ".log"), "node-" + i, database,
                        portalsStarted.get(p)));
            }
            for (Process app : apps) {
                if (!app.waitFor(20, TimeUnit.MINUTES) || app.exitValue() != 0) {
                    throw new IllegalStateException("an instance did not end well (see " + dir + "/node-*.log)");
                }
            }
        } finally {
            apps.forEach(Process::destroyForcibly);
            emulators.forEach(Process::destroy);
        }
        return result(outboxes, inputs.size());
    }

    private Result result(List<Path> outboxes, int expectedReports) throws IOException {
        long records = 0;
        long limited = 0;
        Instant first = null;
        Instant last = null;
        int reports = 0;
        for (Path outbox : outboxes) {
            try (Stream<Path> s = Files.list(outbox.resolve("reports"))) {
                for (Path p : s.filter(f -> f.toString().endsWith(".json")).toList()) {
                    JsonNode r = json.readTree(p.toFile());
                    reports++;
                    records += r.path("outcomes").path("created").asLong() + r.path("outcomes").path("updated").asLong();
                    limited += r.path("rateLimited").asLong();
                    Instant start = Instant.parse(r.get("startedAt").asText());
                    Instant end = Instant.parse(r.get("finishedAt").asText());
                    first = first == null || start.isBefore(first) ? start : first;
                    last = last == null || end.isAfter(last) ? end : last;
                }
            }
        }
        if (reports != expectedReports) {
            throw new IllegalStateException(reports + " reports for " + expectedReports + " files in " + outboxes);
        }
        return new Result(records, Duration.between(first, last).toMillis() / 1000.0, limited);
    }

    private String newDatabase() throws Exception {
        String name = "bench_cluster_" + (++databases);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name);
            s.execute("create database " + name);
        }
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
    }

    /** Starts an emulator with a token of its own; returns {base URL, token file}. */
    private String[] startEmulator(Path dir, List<Process> started) throws Exception {
        Files.createDirectories(dir);
        String token = "bench-" + UUID.randomUUID();
        Path tokenFile = Files.writeString(dir.resolve("token"), token);
        Path log = dir.resolve("emulator.log");
        Process p = new ProcessBuilder(Benchmark.javaExecutable(), "-jar", jar.toString(), "--hubspot-emulator",
                "--sandbox.port=" + Benchmark.freePort(), "--sandbox.token=" + token,
                "--sandbox.requests-per-ten-seconds=" + Benchmark.BUDGET_PER_TEN_SECONDS)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline && p.isAlive()) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("HubSpot emulator listening on ")) {
                    return new String[] {line.substring("HubSpot emulator listening on ".length()).trim(),
                            tokenFile.toString()};
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the emulator did not start (see " + log + ")");
    }

    private Process startInstance(Path site, Path log, String id, String database, String[] portal)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Benchmark.javaExecutable(),
                "-Dcamel.management.port=" + Benchmark.freePort(), "-Dcamel.server.port=" + Benchmark.freePort(),
                "-jar", jar.toString(), "--once",
                "--inbox", site.resolve("inbox").toString(), "--outbox", site.resolve("outbox").toString(),
                "--hubspot.sandbox=false", "--hubspot.base-url=" + portal[0],
                "--hubspot.access-token-file=" + portal[1],
                "--hubspot.requests-per-ten-seconds=" + Benchmark.BUDGET_PER_TEN_SECONDS,
                "--crm-bridge.cluster.enabled=true", "--crm-bridge.cluster.instance-id=" + id,
                "--crm-bridge.db.url=" + database, "--crm-bridge.db.user=postgres"));
        return new ProcessBuilder(command).directory(site.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
