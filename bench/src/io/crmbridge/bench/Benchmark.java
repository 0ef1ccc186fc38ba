package io.crmbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark (docs/benchmarks.md): generates the scaled inputs into {@code target/bench/data},
 * runs every scenario in a fresh JVM of {@code target/crm-bridge.jar} against the embedded sandbox, and
 * prints one line per figure with its target, then writes {@code target/bench/results.json}.
 *
 * <p>Arguments: {@code --runs N} (runs of the short scenarios, median reported; default 3),
 * {@code --long-runs N} (runs of the minute-long load and sync scenarios; default 1),
 * {@code --cluster-rows N} (contacts in each of the cluster scenario's two files; default 20,000),
 * {@code --only a,b} (scenarios: pipeline, load, tickets, memory, latency, sync, sandbox, startup, cluster; default
 * all),
 * {@code --jar PATH}, {@code --datasets DIR} (default ../shared/datasets), {@code --out DIR}
 * (default target/bench). Exits 0 when every scenario ran, whether or not it met its target.
 */
public final class Benchmark {

    /** HubSpot's ceiling at the benchmark's budget: 190 requests per 10 s x 100 records. */
    static final double CEILING_RECORDS_PER_SECOND = 1900;
    static final int BUDGET_PER_TEN_SECONDS = 190;
    static final String PHONE_CACHE_OFF = "crm-bridge.phone.cache-size=0";
    /** Drops of the 100,000-row file into one running service, and how many of them are the JIT's warm-up. */
    static final int SERVICE_FILES = 5;
    static final int SERVICE_WARM_UP_FILES = 2;
    /** Runs of each start-up figure, and its target on JDK 25. */
    static final int STARTUP_RUNS = 5;
    static final long STARTUP_TARGET_MS = 3000;
    private static final Pattern GC_PAUSE = Pattern.compile("Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern STATUS_KB = Pattern.compile("(\\d+) kB");
    /** The closing totals' waits for a permit: "... rate waits 25 (1.1 s)". */
    private static final Pattern RATE_WAITS = Pattern.compile("rate waits (\\d+) \\(([0-9.]+) s\\)");
    /** A RowPipeline progress line: "16:21:37.599 INFO [...] RowPipeline - f.csv: 313601 rows, 31360 rows/s, 31%". */
    private static final Pattern PROGRESS = Pattern.compile(
            "^(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3}) .* RowPipeline - .*: (\\d+) rows, \\d+ rows/s, (\\d+)% read");

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectNode results = json.createObjectNode();
    private final List<String> lines = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path jar;
    private final Path classes;
    private final Path out;
    private final Path datasets;
    private final int runs;
    private final int longRuns;
    private final int clusterRows;

    private Benchmark(Path jar, Path classes, Path out, Path datasets, int runs, int longRuns, int clusterRows) {
        this.jar = jar.toAbsolutePath();
        this.classes = classes.toAbsolutePath();
        this.out = out.toAbsolutePath();
        this.datasets = datasets.toAbsolutePath();
        this.runs = runs;
        this.longRuns = longRuns;
        this.clusterRows = clusterRows;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("target/crm-bridge.jar");
        Path out = Path.of("target/bench");
        Path datasets = Path.of("../shared/datasets");
        int runs = 3;
        int longRuns = 1;
        int clusterRows = 20_000;
        Set<String> only = new LinkedHashSet<>(List.of("pipeline", "load", "tickets", "memory", "latency", "sync",
                "sandbox", "startup", "cluster"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--long-runs" -> longRuns = Integer.parseInt(args[++i]);
                case "--only" -> only = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                case "--jar" -> jar = Path.of(args[++i]);
                case "--datasets" -> datasets = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--cluster-rows" -> clusterRows = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (--runs N, --long-runs N, --cluster-rows N, --only a,b, --jar PATH, --datasets DIR, --out DIR)");
            }
        }
        Path classes = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Benchmark bench = new Benchmark(jar, classes, out, datasets, runs, longRuns, clusterRows);
        bench.run(only);
    }

    private void run(Set<String> scenarios) throws Exception {
        Files.createDirectories(out);
        results.put("startedAt", Instant.now().toString());
        results.put("runs", runs);
        results.put("longRuns", longRuns);
        results.put("nproc", Runtime.getRuntime().availableProcessors());
        results.put("javaVersion", System.getProperty("java.vm.version"));
        results.put("loadAverageAtStart", loadAverage());
        generateInputs(scenarios);
        for (String s : scenarios) {
            System.out.println("== " + s);
            switch (s) {
                case "pipeline" -> pipeline();
                case "load" -> loadAndRedrop();
                case "tickets" -> tickets();
                case "memory" -> memory();
                case "latency" -> latency();
                case "sync" -> sync();
                case "sandbox" -> sandboxHeadroom();
                case "startup" -> startup();
                case "cluster" -> cluster();
                default -> throw new IllegalArgumentException("unknown scenario " + s);
            }
        }
        results.put("loadAverageAtEnd", loadAverage());
        results.put("finishedAt", Instant.now().toString());
        ArrayNode printed = results.putArray("lines");
        lines.forEach(printed::add);
        Files.writeString(out.resolve("results.json"), json.writeValueAsString(results));
        System.out.println();
        System.out.println("crm-bridge benchmark (" + results.get("nproc") + " cores, load average "
                + results.get("loadAverageAtStart").asText() + " at start, " + results.get("loadAverageAtEnd").asText()
                + " at end):");
        lines.forEach(System.out::println);
        System.out.println("results: " + out.resolve("results.json"));
    }

    // ---------------------------------------------------------------- inputs

    private Path data(String name) {
        return out.resolve("data").resolve(name);
    }

    private void generateInputs(Set<String> scenarios) throws IOException {
        DataGenerator generator = DataGenerator.from(datasets.resolve("customers-10000.csv"));
        generator.write(data("contacts-100k.csv"), 100_000, false);
        generator.write(data("contacts-100k-reversed.csv"), 100_000, true);
        if (scenarios.contains("memory")) {
            generator.write(data("contacts-1m.csv"), 1_000_000, false);
        }
    }

    // ---------------------------------------------------------------- scenarios

    /** Target 2: --dry-run rows/s on the 100k file, and the bare commons-csv parse of the same file. */
    private void pipeline() throws Exception {
        List<Double> rates = new ArrayList<>();
        List<Double> floors = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> uncached = new ArrayList<>();
        ArrayNode detail = results.putObject("pipeline").putArray("runs");
        // the CPU a JVM spends on start-up and a 10-row file, subtracted to get the CPU of 100,000 rows
        Path small = freshDir("pipeline-10-rows");
        DataGenerator.from(datasets.resolve("customers-10000.csv")).write(small.resolve("inbox/contacts-10.csv"), 1, 10,
                false);
        App baseline = App.start(this, small, List.of(), false, "--once", "--dry-run");
        baseline.awaitExit(Duration.ofMinutes(10));
        double baseCpu = baseline.cpuTicks / 100.0;
        for (int i = 1; i <= runs; i++) {
            Path dir = freshDir("pipeline-" + i);
            Files.copy(data("contacts-100k.csv"), dir.resolve("inbox/contacts-100k.csv"));
            App app = App.start(this, dir, List.of(), false, "--once", "--dry-run");
            app.awaitExit(Duration.ofMinutes(10));
            cpu.add(app.cpuTicks / 100.0);
            JsonNode report = report(dir, "contacts-100k.csv");
            double rate = report.get("rowsRead").asDouble() * 1000 / report.get("durationMs").asDouble();
            rates.add(rate);
            String floorOut = runJava(dir, List.of("-cp", jar + java.io.File.pathSeparator + classes,
                    ParseFloor.class.getName(), data("contacts-100k.csv").toString()));
            Matcher m = Pattern.compile("rows=(\\d+) ms=(\\d+)").matcher(floorOut);
            if (!m.find()) {
                throw new IllegalStateException("ParseFloor printed " + floorOut);
            }
            double floor = Double.parseDouble(m.group(1)) * 1000 / Math.max(1, Double.parseDouble(m.group(2)));
            floors.add(floor);
            ObjectNode run = detail.addObject();
            run.put("rowsRead", report.get("rowsRead").asLong());
            run.put("durationMs", report.get("durationMs").asLong());
            run.put("rowsPerSecond", Math.round(rate));
            run.set("outcomes", report.get("outcomes"));
            run.put("bareParseRowsPerSecond", Math.round(floor));
            run.put("processCpuSeconds", app.cpuTicks / 100.0);
            // the input repeats each of its 10,000 source rows ten times, so most phones are answered by the
            // phone cache; the same file with the cache off is what a file without repeated phones costs
            Path off = freshDir("pipeline-" + i + "-phone-cache-off");
            Files.copy(data("contacts-100k.csv"), off.resolve("inbox/contacts-100k.csv"));
            App.start(this, off, List.of("-D" + PHONE_CACHE_OFF), false, "--once", "--dry-run")
                    .awaitExit(Duration.ofMinutes(10));
            JsonNode offReport = report(off, "contacts-100k.csv");
            double offRate = offReport.get("rowsRead").asDouble() * 1000 / offReport.get("durationMs").asDouble();
            uncached.add(offRate);
            run.put("phoneCacheOffRowsPerSecond", Math.round(offRate));
            System.out.printf("  run %d: %.0f rows/s (%d ms), process CPU %.1f s, bare parse %.0f rows/s; phone cache"
                            + " off %.0f rows/s%n", i, rate, report.get("durationMs").asLong(), app.cpuTicks / 100.0,
                    floor, offRate);
        }
        double rate = median(rates);
        double floor = median(floors);
        ObjectNode r = (ObjectNode) results.get("pipeline");
        r.put("rowsPerSecond", Math.round(rate));
        r.put("bareParseRowsPerSecond", Math.round(floor));
        r.put("ratioToBareParse", round2(rate / floor));
        double rowsCpuMicros = (median(cpu) - baseCpu) * 1_000_000 / 100_000;
        r.put("baselineProcessCpuSeconds", baseCpu);
        r.put("cpuMicrosPerRow", Math.round(rowsCpuMicros));
        r.put("phoneCacheOffRowsPerSecond", Math.round(median(uncached)));
        r.put("target", 50_000);
        r.put("met", rate >= 50_000);
        line(String.format("pipeline-rate %.0f rows/s (target >= 50000) --dry-run of 100,000 rows; bare commons-csv"
                + " parse %.0f rows/s, ratio %.2f; %.0f us CPU a row (all JVM threads, start-up subtracted);"
                + " %.0f rows/s with the phone cache off (%s) [median of %d]", rate, floor, rate / floor,
                rowsCpuMicros, median(uncached), PHONE_CACHE_OFF, runs), rate >= 50_000);
        pipelineInRunningService();
    }

    /**
     * Target 2 in a running service: a fresh {@code --dry-run} JVM (no {@code --once}) is given the same 100,000-row
     * file {@value #SERVICE_FILES} times under new names, one after the other (a dry run never skips content it saw).
     * The first {@value #SERVICE_WARM_UP_FILES} files are the JIT's warm-up and are reported apart; the figure is the
     * median rate (rows / {@code durationMs}) of the files after them, over every run: the rate of a file dropped
     * into a service that has already imported one, which the fresh-JVM figure above does not show.
     */
    private void pipelineInRunningService() throws Exception {
        List<Double> measured = new ArrayList<>();
        List<Double> warmUps = new ArrayList<>();
        ArrayNode detail = ((ObjectNode) results.get("pipeline")).putObject("runningService").putArray("runs");
        for (int i = 1; i <= runs; i++) {
            Path dir = freshDir("pipeline-service-" + i);
            int managementPort = freePort();
            App app = App.start(this, dir, List.of("-Dcamel.management.port=" + managementPort), false, "--dry-run");
            ArrayNode files = detail.addArray();
            List<String> printed = new ArrayList<>();
            try {
                awaitHttp200("http://127.0.0.1:" + managementPort + "/observe/health/ready", Duration.ofMinutes(3), app);
                for (int f = 1; f <= SERVICE_FILES; f++) {
                    String name = "contacts-100k-" + f + ".csv";
                    Path staged = dir.resolve(name);
                    Files.copy(data("contacts-100k.csv"), staged);
                    Files.move(staged, dir.resolve("inbox").resolve(name), StandardCopyOption.ATOMIC_MOVE);
                    JsonNode report = awaitReport(dir, name, Duration.ofMinutes(5), app);
                    double rate = report.get("rowsRead").asDouble() * 1000 / report.get("durationMs").asDouble();
                    (f <= SERVICE_WARM_UP_FILES ? warmUps : measured).add(rate);
                    ObjectNode file = files.addObject();
                    file.put("file", name);
                    file.put("warmUp", f <= SERVICE_WARM_UP_FILES);
                    file.put("durationMs", report.get("durationMs").asLong());
                    file.put("rowsPerSecond", Math.round(rate));
                    file.set("outcomes", report.get("outcomes"));
                    printed.add(String.format("%.0f", rate));
                }
            } finally {
                app.stop();
            }
            System.out.printf("  running service %d: files 1 to %d: %s rows/s (the first %d warm the JIT up)%n", i,
                    SERVICE_FILES, String.join(" / ", printed), SERVICE_WARM_UP_FILES);
        }
        double rate = median(measured);
        ObjectNode r = (ObjectNode) results.get("pipeline");
        r.put("runningServiceRowsPerSecond", Math.round(rate));
        r.put("runningServiceMet", rate >= 50_000);
        line(String.format("pipeline-rate in a running service %.0f rows/s (target >= 50000) the same --dry-run, files"
                        + " %d to %d of %d drops of the 100,000-row file into one --dry-run service (the first %d, the"
                        + " JIT's warm-up: %.0f to %.0f rows/s) [median of %d files, %d runs]",
                rate, SERVICE_WARM_UP_FILES + 1, SERVICE_FILES, SERVICE_FILES, SERVICE_WARM_UP_FILES,
                Collections.min(warmUps), Collections.max(warmUps), measured.size(), runs), rate >= 50_000);
    }

    /**
     * Targets 1 and 4 in one JVM (the sandbox and the in-memory ledger live as long as it): the 100k file,
     * then the same rows in reverse order as a new file (new content hash, so not skipped as a whole: every row goes
     * through the pipeline and the ledger's unchanged check).
     */
    private void loadAndRedrop() throws Exception {
        List<Double> rates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        long received429 = 0;
        long redropWrites = 0;
        ArrayNode detail = results.putObject("load").putArray("runs");
        for (int i = 1; i <= longRuns; i++) {
            Path dir = freshDir("load-" + i);
            Files.copy(data("contacts-100k.csv"), dir.resolve("inbox/contacts-100k-a.csv"));
            Files.copy(data("contacts-100k-reversed.csv"), dir.resolve("inbox/contacts-100k-b-reversed.csv"));
            Path traffic = dir.resolve("traffic.log");
            App app = App.start(this, dir, List.of("-D" + TrafficProbe.FILE_PROPERTY + "=" + traffic), true, "--once");
            app.awaitExit(Duration.ofMinutes(20));
            JsonNode first = report(dir, "contacts-100k-a.csv");
            JsonNode again = report(dir, "contacts-100k-b-reversed.csv");
            List<Traffic> seen = Traffic.read(traffic);
            long firstStart = Instant.parse(first.get("startedAt").asText()).toEpochMilli();
            long firstEnd = Instant.parse(first.get("finishedAt").asText()).toEpochMilli();
            long records = first.get("outcomes").get("created").asLong() + first.get("outcomes").get("updated").asLong();
            double rate = records * 1000.0 / first.get("durationMs").asDouble();
            long count429 = seen.stream().filter(t -> t.status() == 429).count();
            long writesAfter = seen.stream().filter(t -> t.epochMs() > firstEnd && t.isWrite()).count();
            long readsAfter = seen.stream().filter(t -> t.epochMs() > firstEnd && !t.isWrite()).count();
            double ratio = again.get("durationMs").asDouble() / first.get("durationMs").asDouble();
            rates.add(rate);
            ratios.add(ratio);
            received429 += count429;
            redropWrites += writesAfter;
            ObjectNode run = loadRun(detail, first, records, rate, count429);
            run.put("reportRateLimited", first.get("rateLimited").asLong());
            // the rolling window makes request n+190 wait for request n's answer: the last request waits, window by
            // window, for this one, so its answer time after the file's start adds to the whole run (docs/benchmarks.md)
            List<Traffic> firstFile = seen.stream().filter(t -> t.epochMs() <= firstEnd).toList();
            int anchor = firstFile.isEmpty() ? 0
                    : firstFile.size() - (firstFile.size() - 1) / BUDGET_PER_TEN_SECONDS * BUDGET_PER_TEN_SECONDS;
            long anchorMs = anchor == 0 ? -1 : firstFile.get(anchor - 1).epochMs() - firstStart;
            long tailMs = firstFile.isEmpty() ? -1 : firstEnd - firstFile.get(firstFile.size() - 1).epochMs();
            run.put("anchorRequest", anchor);
            run.put("anchorAnsweredMs", anchorMs);
            run.put("afterLastAnswerMs", tailMs);
            run.put("redropDurationMs", again.get("durationMs").asLong());
            run.set("redropOutcomes", again.get("outcomes"));
            run.put("redropWriteRequests", writesAfter);
            run.put("redropReadRequests", readsAfter);
            System.out.printf("  run %d: %.0f records/s (%d records in %d ms, %d requests, %d x 429; request %d"
                            + " answered %d ms after the file's start, report %d ms after the last answer);"
                            + " re-drop %d ms, %d writes, %d reads, outcomes %s%n", i, rate, records,
                    first.get("durationMs").asLong(), first.get("requests").asLong(), count429, anchor, anchorMs,
                    tailMs, again.get("durationMs").asLong(), writesAfter, readsAfter, again.get("outcomes"));
        }
        double rate = median(rates);
        double ratio = median(ratios);
        ObjectNode r = (ObjectNode) results.get("load");
        r.put("recordsPerSecond", Math.round(rate));
        r.put("received429", received429);
        r.put("redropRatio", round2(ratio));
        r.put("redropWriteRequests", redropWrites);
        // each batch of 100 takes two requests by default: the read of its records (undo, preview) and the upsert
        double target = 0.95 * CEILING_RECORDS_PER_SECOND / 2;
        boolean loadMet = rate >= target && received429 == 0;
        boolean redropMet = ratio <= 0.10 && redropWrites == 0;
        r.put("loadMet", loadMet);
        r.put("redropMet", redropMet);
        line(String.format("load-rate %.0f records/s (target >= %.0f: a read and an upsert a batch) %dx429, 100,000"
                + " rows at %d/10 s [median of %d]", rate, target, received429, BUDGET_PER_TEN_SECONDS, longRuns),
                loadMet);
        loadWithoutRead(r);
        line(String.format("re-drop %d write requests, %.0f%% of the first import's time (target 0 writes, <= 10%%)"
                + " [median of %d]", redropWrites, ratio * 100, longRuns), redropMet);
    }

    /**
     * Several instances (docs/cluster.md): two files of {@code --cluster-rows} contacts each (20,000 unless told), through one instance, two instances of one
     * token against one portal (the portal's 10-second limit is the ceiling: the same rate, no 429), and two
     * instances with two tokens against two portals (twice the budget: about twice the rate). Every instance in
     * cluster mode on one PostgreSQL.
     */
    private void cluster() throws Exception {
        Path inputs = Files.createDirectories(out.resolve("data").resolve("cluster"));
        DataGenerator generator = DataGenerator.from(datasets.resolve("customers-10000.csv"));
        generator.write(inputs.resolve("contacts-cluster-a.csv"), 1, clusterRows, false);
        generator.write(inputs.resolve("contacts-cluster-b.csv"), clusterRows + 1, clusterRows, false);
        ObjectNode r = results.putObject("cluster");
        try (ClusterBench bench = new ClusterBench(jar, inputs)) {
            ClusterBench.Result one = bench.run(freshDir("cluster-1-instance"), 1, 1);
            ClusterBench.Result two = bench.run(freshDir("cluster-2-instances"), 2, 1);
            ClusterBench.Result twoPortals = bench.run(freshDir("cluster-2-tokens"), 2, 2);
            for (var c : List.of(Map.entry("oneInstance", one), Map.entry("twoInstancesOneToken", two),
                    Map.entry("twoInstancesTwoTokens", twoPortals))) {
                ObjectNode n = r.putObject(c.getKey());
                n.put("records", c.getValue().records());
                n.put("seconds", c.getValue().seconds());
                n.put("recordsPerSecond", Math.round(c.getValue().rate()));
                n.put("received429", c.getValue().rateLimited());
            }
            double same = two.rate() / one.rate();
            double twice = twoPortals.rate() / one.rate();
            line(String.format("cluster 1 instance %.0f records/s, %,d rows in 2 files, one portal at %d/10 s,"
                    + " %dx429", one.rate(), 2 * clusterRows, BUDGET_PER_TEN_SECONDS, one.rateLimited()),
                    one.rateLimited() == 0);
            line(String.format("cluster 2 instances, one token: %.0f records/s, %.2f x 1 instance (target: the"
                    + " same rate, the portal's limit is the ceiling, 0x429) %dx429", two.rate(), same,
                    two.rateLimited()), two.rateLimited() == 0 && same >= 0.8 && same <= 1.1);
            line(String.format("cluster 2 instances, two tokens and portals: %.0f records/s, %.2f x 1 instance"
                    + " (target >= 1.6: twice the budget) %dx429", twoPortals.rate(), twice,
                    twoPortals.rateLimited()), twoPortals.rateLimited() == 0 && twice >= 1.6);
        }
    }

    /** A load run's figures, added to {@code detail}: records, duration, rate, requests and 429s. */
    private static ObjectNode loadRun(ArrayNode detail, JsonNode report, long records, double rate, long count429) {
        ObjectNode run = detail.addObject();
        run.put("records", records);
        run.put("durationMs", report.get("durationMs").asLong());
        run.put("recordsPerSecond", Math.round(rate));
        run.put("requests", report.get("requests").asLong());
        run.put("received429", count429);
        return run;
    }

    /**
     * Target 1 with {@code crm-bridge.read-before-write=false}: the upserts alone, as before undo and the preview
     * asked the portal (docs/undo.md), so that the request cost of the read shows as the ratio of the two lines.
     */
    private void loadWithoutRead(ObjectNode load) throws Exception {
        List<Double> rates = new ArrayList<>();
        long received429 = 0;
        ArrayNode detail = load.putArray("runsWithoutRead");
        for (int i = 1; i <= longRuns; i++) {
            Path dir = freshDir("load-without-read-" + i);
            Files.copy(data("contacts-100k.csv"), dir.resolve("inbox/contacts-100k-a.csv"));
            Path traffic = dir.resolve("traffic.log");
            App app = App.start(this, dir, List.of("-D" + TrafficProbe.FILE_PROPERTY + "=" + traffic,
                    "-Dcrm-bridge.read-before-write=false"), true, "--once");
            app.awaitExit(Duration.ofMinutes(20));
            JsonNode first = report(dir, "contacts-100k-a.csv");
            long records = first.get("outcomes").get("created").asLong() + first.get("outcomes").get("updated").asLong();
            double rate = records * 1000.0 / first.get("durationMs").asDouble();
            long count429 = Traffic.read(traffic).stream().filter(t -> t.status() == 429).count();
            rates.add(rate);
            received429 += count429;
            loadRun(detail, first, records, rate, count429);
            System.out.printf("  run %d without the read before each batch: %.0f records/s (%d records in %d ms, %d"
                    + " requests, %d x 429)%n", i, rate, records, first.get("durationMs").asLong(),
                    first.get("requests").asLong(), count429);
        }
        double rate = median(rates);
        boolean met = rate >= 0.95 * CEILING_RECORDS_PER_SECOND && received429 == 0;
        load.put("recordsPerSecondWithoutRead", Math.round(rate));
        load.put("loadWithoutReadMet", met);
        line(String.format("load-rate-without-read %.0f records/s (target >= %.0f) %dx429, 100,000 rows at %d/10 s,"
                        + " crm-bridge.read-before-write=false [median of %d]", rate, 0.95 * CEILING_RECORDS_PER_SECOND,
                received429, BUDGET_PER_TEN_SECONDS, longRuns), met);
    }

    /**
     * The real tickets file (../shared/datasets/customer_support_tickets.csv: 8,469 tickets, the 8,320 contacts their
     * e-mails imply and a ticket -> contact link each) by {@code --once} at the default budget, 190 requests per 10 s,
     * against the sandbox's window of 190: the report's requests and {@code durationMs}, the 429s the sandbox sent
     * (traffic probe) and the association batches among the requests, which HubSpot leaves out of its 10-second
     * window; the client's waits for a permit from the run's closing totals. Target: 0 x 429.
     */
    private void tickets() throws Exception {
        List<Double> seconds = new ArrayList<>();
        long received429 = 0;
        long requests = 0;
        long associationBatches = 0;
        ArrayNode detail = results.putObject("tickets").putArray("runs");
        for (int i = 1; i <= runs; i++) {
            Path dir = freshDir("tickets-" + i);
            Files.copy(datasets.resolve("customer_support_tickets.csv"), dir.resolve("inbox/tickets-support.csv"));
            Path traffic = dir.resolve("traffic.log");
            App app = App.start(this, dir, List.of("-D" + TrafficProbe.FILE_PROPERTY + "=" + traffic), true, "--once");
            app.awaitExit(Duration.ofMinutes(10));
            JsonNode report = report(dir, "tickets-support.csv");
            List<Traffic> seen = Traffic.read(traffic);
            long count429 = seen.stream().filter(t -> t.status() == 429).count();
            associationBatches = seen.stream().filter(t -> t.path().contains("/associations/")).count();
            requests = report.get("requests").asLong();
            double s = report.get("durationMs").asDouble() / 1000;
            Matcher waits = RATE_WAITS.matcher(Files.readString(dir.resolve("app.log")));
            String waited = waits.find() ? waits.group(1) + " waits, " + waits.group(2) + " s" : "waits not logged";
            seconds.add(s);
            received429 += count429;
            ObjectNode run = detail.addObject();
            run.put("durationMs", report.get("durationMs").asLong());
            run.put("requests", requests);
            run.put("associationBatches", associationBatches);
            run.put("received429", count429);
            run.put("rateWaits", waited);
            run.set("outcomes", report.get("outcomes"));
            run.set("secondary", report.get("secondary"));
            run.set("associations", report.get("associations"));
            System.out.printf("  run %d: %.1f s, %d requests (%d association batches), %d x 429, %s; tickets %s,"
                    + " contacts %s, links %s%n", i, s, requests, associationBatches, count429, waited,
                    report.get("outcomes"), report.get("secondary").get("contacts"), report.get("associations"));
        }
        double median = median(seconds);
        ObjectNode r = (ObjectNode) results.get("tickets");
        r.put("seconds", round2(median));
        r.put("received429", received429);
        r.put("met", received429 == 0);
        line(String.format("tickets %.1f s for the real tickets file at %d/10 s: %d requests (%d association batches,"
                        + " outside HubSpot's 10-second window), %dx429 (target 0x429) [median of %d]", median,
                BUDGET_PER_TEN_SECONDS, requests, associationBatches, received429, runs), received429 == 0);
    }

    /** Target 3: the 1,000,000-row file with -Xmx256m (dry run: the sandbox lives in the same heap). */
    private void memory() throws Exception {
        Path dir = freshDir("memory");
        Files.copy(data("contacts-1m.csv"), dir.resolve("inbox/contacts-1m.csv"));
        Path gcLog = dir.resolve("gc.log");
        App app = App.start(this, dir, List.of("-Xmx256m", "-Xlog:gc:file=" + gcLog), false, "--once", "--dry-run");
        long[] peakKb = app.awaitExit(Duration.ofMinutes(20));
        JsonNode report = report(dir, "contacts-1m.csv");
        long peakBefore = 0;
        long lastYoungAfter = 0;
        for (String l : Files.readAllLines(gcLog)) {
            Matcher m = GC_PAUSE.matcher(l);
            if (m.find()) {
                peakBefore = Math.max(peakBefore, Long.parseLong(m.group(1)));
                if (l.contains("Pause Young")) {
                    // what a young collection leaves at the end of the file: live data plus old garbage
                    lastYoungAfter = Long.parseLong(m.group(2));
                }
            }
        }
        boolean completed = app.exitCode == 0 && report.get("rowsRead").asLong() == 1_000_000;
        long[] compiled = compiledRate(dir.resolve("app.log"));
        ObjectNode r = results.putObject("memory");
        r.put("exitCode", app.exitCode);
        r.put("rowsRead", report.get("rowsRead").asLong());
        r.set("outcomes", report.get("outcomes"));
        r.put("durationMs", report.get("durationMs").asLong());
        r.put("peakHeapMb", peakBefore);
        r.put("heapAfterLastYoungGcMb", lastYoungAfter);
        r.put("peakRssMb", peakKb[0] / 1024);
        r.put("completed", completed);
        String once = "";
        if (compiled != null) {
            r.put("compiledRowsPerSecond", compiled[0]);
            r.put("compiledFromRow", compiled[1]);
            r.put("compiledToRow", compiled[2]);
            once = String.format("; %d rows/s once compiled (rows %,d to %,d)", compiled[0], compiled[1], compiled[2]);
        }
        line(String.format("memory 1,000,000 rows %s with -Xmx256m: peak heap %d MB (%d MB after the last young GC),"
                        + " peak RSS %d MB, %.0f rows/s (dry run%s)", completed ? "completed" : "DID NOT complete",
                peakBefore, lastYoungAfter, peakKb[0] / 1024, report.get("rowsRead").asDouble() * 1000
                        / report.get("durationMs").asDouble(), once), completed);
    }

    /**
     * The dry run's rate after the JIT has compiled it: rows between the first progress line at 30% read or more
     * and the last progress line (RowPipeline logs one every 5 s), over the time between them; {rows/s, from row,
     * to row}, or null when the log has fewer than two such lines.
     */
    private static long[] compiledRate(Path appLog) throws IOException {
        long[] first = null;
        long[] last = null;
        for (String l : Files.readAllLines(appLog)) {
            Matcher m = PROGRESS.matcher(l);
            if (!m.find() || Integer.parseInt(m.group(6)) < 30) {
                continue;
            }
            long ms = ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3)))
                    * 1000 + Long.parseLong(m.group(4));
            long[] point = {ms, Long.parseLong(m.group(5))};
            if (first == null) {
                first = point;
            } else {
                last = point;
            }
        }
        if (last == null) {
            return null;
        }
        long elapsed = last[0] - first[0] + (last[0] < first[0] ? 86_400_000L : 0);
        return new long[] {(last[1] - first[1]) * 1000 / elapsed, first[1], last[1]};
    }

    /**
     * Target 5: a running service (short poll delay) is given 10-row files one at a time; latency is from
     * just before the file's atomic move into the inbox to the sandbox's answer to the upsert that holds them.
     */
    private void latency() throws Exception {
        Path dir = freshDir("latency");
        Path traffic = dir.resolve("traffic.log");
        int managementPort = freePort();
        App app = App.start(this, dir, List.of("-D" + TrafficProbe.FILE_PROPERTY + "=" + traffic,
                "-Dcrm-bridge.poll-delay-ms=100", "-Dcrm-bridge.read-lock-check-ms=100",
                "-Dcamel.management.port=" + managementPort), true);
        DataGenerator generator = DataGenerator.from(datasets.resolve("customers-10000.csv"));
        List<Double> latencies = new ArrayList<>();
        long warmUp = -1;
        ArrayNode detail = results.putObject("latency").putArray("files");
        try {
            awaitHttp200("http://127.0.0.1:" + managementPort + "/observe/health/ready", Duration.ofMinutes(3), app);
            // file 0 warms the service up (first HTTP connection, crm-bridge's custom properties created in the
            // portal, first ledger queries, JIT): it is reported apart, the target is about a running service
            int files = Math.max(runs, 5);
            for (int i = 0; i <= files; i++) {
                String name = "contacts-10-" + i + ".csv";
                Path staged = dir.resolve(name);
                generator.write(staged, 1_000_000L + i * 10L, 10, false);
                long landed = System.currentTimeMillis();
                Files.move(staged, dir.resolve("inbox").resolve(name), StandardCopyOption.ATOMIC_MOVE);
                JsonNode report = awaitReport(dir, name, Duration.ofMinutes(1), app);
                long inSandbox = Traffic.read(traffic).stream()
                        .filter(t -> t.epochMs() >= landed && t.isWrite() && t.path().endsWith("/batch/upsert")
                                && t.status() / 100 == 2)
                        .mapToLong(Traffic::epochMs).max().orElseThrow(() -> new IllegalStateException(
                                "no upsert reached the sandbox for " + name));
                long reported = Instant.parse(report.get("finishedAt").asText()).toEpochMilli();
                if (i == 0) {
                    warmUp = inSandbox - landed;
                } else {
                    latencies.add((double) (inSandbox - landed));
                }
                ObjectNode f = detail.addObject();
                f.put("file", name);
                f.put("inSandboxMs", inSandbox - landed);
                f.put("reportWrittenMs", reported - landed);
                f.set("outcomes", report.get("outcomes"));
                System.out.printf("  %s: in the sandbox after %d ms, report after %d ms, outcomes %s%n", name,
                        inSandbox - landed, reported - landed, report.get("outcomes"));
            }
        } finally {
            app.stop();
        }
        double median = median(latencies);
        double worst = Collections.max(latencies);
        ObjectNode r = (ObjectNode) results.get("latency");
        r.put("medianMs", Math.round(median));
        r.put("maxMs", Math.round(worst));
        r.put("firstFileMs", warmUp);
        r.put("met", worst <= 2000);
        line(String.format("latency %.0f ms median, %.0f ms max from landing in the inbox to the sandbox holding the"
                + " 10 records (target <= 2000 ms; running service, poll delay 100 ms) [%d files after a first"
                + " warm-up file, which took %d ms]", median, worst, latencies.size(), warmUp), worst <= 2000);
    }

    /** Target 6: a full sync of 100,000 generated sandbox contacts through the REST API at 190/10 s. */
    private void sync() throws Exception {
        List<Double> seconds = new ArrayList<>();
        ArrayNode detail = results.putObject("sync").putArray("runs");
        double bound = 1.1 * 1000 / 19.0;
        for (int i = 1; i <= longRuns; i++) {
            Path dir = freshDir("sync-" + i);
            int apiPort = freePort();
            int managementPort = freePort();
            App app = App.start(this, dir, List.of("-Dsandbox.seed-contacts=generate:100000",
                    "-Dcrm-bridge.api.token=bench-token", "-Dcamel.server.port=" + apiPort,
                    "-Dcamel.management.port=" + managementPort), false);
            JsonNode stats;
            long wallMs;
            try {
                awaitHttp200("http://127.0.0.1:" + managementPort + "/observe/health/ready", Duration.ofMinutes(3), app);
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + apiPort + "/api/integrations/hubspot/sync?mode=full"))
                        .header("Authorization", "Bearer bench-token").POST(HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofString());
                wallMs = (System.nanoTime() - start) / 1_000_000;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("sync answered " + response.statusCode() + ": " + response.body());
                }
                stats = json.readTree(response.body());
            } finally {
                app.stop();
            }
            double s = wallMs / 1000.0;
            seconds.add(s);
            ObjectNode run = detail.addObject();
            run.put("wallSeconds", s);
            run.set("stats", stats);
            System.out.printf("  run %d: %.1f s, %s synced, %s pages, %s requests, status %s%n", i, s,
                    stats.get("total_synced"), stats.get("total_pages"), stats.get("requests"), stats.get("status"));
        }
        double median = median(seconds);
        ObjectNode r = (ObjectNode) results.get("sync");
        r.put("seconds", round2(median));
        r.put("boundSeconds", round2(bound));
        r.put("met", median <= bound);
        line(String.format("sync %.1f s for a full sync of 100,000 contacts (target <= %.1f s = 1.1 x 1,000 pages /"
                + " 19 per s) [median of %d]", median, bound, longRuns), median <= bound);
    }

    /** Target 7: the sandbox alone, rate limit off, against the request rate the load scenario needs. */
    private void sandboxHeadroom() throws Exception {
        Path dir = freshDir("sandbox");
        List<Double> rates = new ArrayList<>();
        double needed = BUDGET_PER_TEN_SECONDS / 10.25;
        for (int i = 1; i <= runs; i++) {
            String printed = runJava(dir, List.of("-cp", jar + java.io.File.pathSeparator + classes,
                    SandboxLoad.class.getName(), "10", "8", "3"));
            Matcher m = Pattern.compile("requests=(\\d+) ok=(\\d+) seconds=(\\d+)").matcher(printed);
            if (!m.find()) {
                throw new IllegalStateException("SandboxLoad printed " + printed);
            }
            if (!m.group(1).equals(m.group(2))) {
                throw new IllegalStateException("the sandbox failed requests under load: " + printed);
            }
            double rate = Double.parseDouble(m.group(2)) / Double.parseDouble(m.group(3));
            rates.add(rate);
            System.out.printf("  run %d: %.0f batch upserts/s (%.0f records/s)%n", i, rate, rate * 100);
        }
        double rate = median(rates);
        ObjectNode r = results.putObject("sandbox");
        r.put("requestsPerSecond", Math.round(rate));
        r.put("neededRequestsPerSecond", round2(needed));
        r.put("headroom", round2(rate / needed));
        r.put("met", rate >= 10 * needed);
        line(String.format("sandbox %.0f batch upserts/s of 100 contacts, %.0fx the %.1f/s the benchmark needs (target"
                + " >= 10x; 8 client threads on the same cores) [median of %d]", rate, rate / needed, needed, runs),
                rate >= 10 * needed);
    }

    /**
     * A {@code --once} run of a 10-row contacts file through {@code bin/crm-bridge}, start to exit, on the default
     * JDK and on a JDK 25 when the machine has one (target: median <= {@value #STARTUP_TARGET_MS} ms on JDK 25), with
     * the launcher's start-up cache and without it, the runs of both JDKs alternating; then the first-file
     * {@code --dry-run} rate of the 100,000-row file through the launcher on both (reported, no target). The caches are
     * deleted first, so the first run of each JDK is the one that makes its cache (reported apart).
     */
    private void startup() throws Exception {
        Map<String, Path> jdks = new LinkedHashMap<>();
        Path defaultHome = Path.of(System.getProperty("java.home"));
        jdks.put("jdk" + Runtime.version().feature(), defaultHome);
        Path jdk25 = Launcher.findJdk(25);
        if (jdk25 != null && !jdk25.equals(defaultHome)) {
            jdks.put("jdk25", jdk25);
        }
        Files.deleteIfExists(Path.of(jar + ".aot"));
        Files.deleteIfExists(Path.of(jar + ".jsa"));
        ObjectNode r = results.putObject("startup");
        Path small = data("contacts-10.csv");
        DataGenerator.from(datasets.resolve("customers-10000.csv")).write(small, 1, 10, false);
        Map<String, Long> training = new LinkedHashMap<>();
        for (Map.Entry<String, Path> jdk : jdks.entrySet()) {
            training.put(jdk.getKey(), onceRun(jdk.getKey() + "-making-cache", jdk.getValue(), true, small));
        }
        Map<String, List<Double>> cached = new LinkedHashMap<>();
        Map<String, List<Double>> uncached = new LinkedHashMap<>();
        for (int i = 1; i <= STARTUP_RUNS; i++) {
            for (Map.Entry<String, Path> jdk : jdks.entrySet()) {
                cached.computeIfAbsent(jdk.getKey(), k -> new ArrayList<>())
                        .add((double) onceRun(jdk.getKey() + "-" + i, jdk.getValue(), true, small));
                uncached.computeIfAbsent(jdk.getKey(), k -> new ArrayList<>())
                        .add((double) onceRun(jdk.getKey() + "-" + i + "-no-cache", jdk.getValue(), false, small));
            }
        }
        for (String jdk : jdks.keySet()) {
            double withCache = median(cached.get(jdk));
            double without = median(uncached.get(jdk));
            ObjectNode j = r.putObject(jdk);
            j.put("javaHome", jdks.get(jdk).toString());
            j.put("onceMsWithCache", Math.round(withCache));
            j.put("onceMsWithoutCache", Math.round(without));
            j.put("firstRunMakingCacheMs", training.get(jdk));
            j.set("onceMsWithCacheRuns", json.valueToTree(cached.get(jdk)));
            j.set("onceMsWithoutCacheRuns", json.valueToTree(uncached.get(jdk)));
            boolean targeted = "jdk25".equals(jdk);
            String text = String.format("startup-once-%s %.0f ms%s: 10-row --once through bin/crm-bridge with its"
                            + " start-up cache, start to exit; %.0f ms without the cache; the first run after a build,"
                            + " which makes the cache, %d ms [median of %d]", jdk, withCache,
                    targeted ? " (target <= " + STARTUP_TARGET_MS + ")" : " (no target)", without, training.get(jdk),
                    STARTUP_RUNS);
            if (targeted) {
                line(text, withCache <= STARTUP_TARGET_MS);
            } else {
                lines.add(text);
                System.out.println(text);
            }
        }
        for (Map.Entry<String, Path> jdk : jdks.entrySet()) {
            Path dir = freshDir("startup-dry-run-" + jdk.getKey());
            Files.copy(data("contacts-100k.csv"), dir.resolve("inbox/contacts-100k.csv"));
            long ms = Launcher.run(Path.of("bin/crm-bridge").toAbsolutePath(), jar, jdk.getValue(), true, dir,
                    "--once", "--dry-run");
            JsonNode report = report(dir, "contacts-100k.csv");
            double rate = report.get("rowsRead").asDouble() * 1000 / report.get("durationMs").asDouble();
            ((ObjectNode) r.get(jdk.getKey())).put("firstFileDryRunRowsPerSecond", Math.round(rate));
            String text = String.format("startup-first-file-%s %.0f rows/s (no target): --dry-run of the 100,000-row"
                    + " file, the first file of a fresh process through bin/crm-bridge (%d ms start to exit)",
                    jdk.getKey(), rate, ms);
            lines.add(text);
            System.out.println(text);
        }
    }

    /** One 10-row {@code --once} run through the launcher in a fresh folder; its wall time, start to exit, in ms. */
    private long onceRun(String name, Path javaHome, boolean cache, Path file) throws Exception {
        Path dir = freshDir("startup-" + name);
        Files.copy(file, dir.resolve("inbox/contacts.csv"));
        long ms = Launcher.run(Path.of("bin/crm-bridge").toAbsolutePath(), jar, javaHome, cache, dir, "--once");
        JsonNode report = report(dir, "contacts.csv");
        if (report.get("rowsRead").asInt() != 10) {
            throw new IllegalStateException("the 10-row run read " + report.get("rowsRead") + " rows (" + dir + ")");
        }
        System.out.printf("  %s: %d ms%n", name, ms);
        return ms;
    }

    // ---------------------------------------------------------------- helpers

    private void line(String text, boolean met) {
        String l = text + (met ? "  OK" : "  BELOW TARGET");
        lines.add(l);
        System.out.println(l);
    }

    private Path freshDir(String name) throws IOException {
        Path dir = out.resolve("runs").resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Collections.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        Files.createDirectories(dir.resolve("inbox"));
        return dir;
    }

    /** The JSON report of {@code file} in the run's outbox. */
    private JsonNode report(Path dir, String file) throws IOException {
        Path reports = dir.resolve("outbox/reports");
        try (Stream<Path> s = Files.list(reports)) {
            Path found = s.filter(p -> p.getFileName().toString().startsWith(file + "-run")
                    && p.getFileName().toString().endsWith(".json")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no report for " + file + " in " + reports
                            + " (see " + dir.resolve("app.log") + ")"));
            return json.readTree(found.toFile());
        }
    }

    private JsonNode awaitReport(Path dir, String file, Duration timeout, App app) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            app.checkAlive();
            try {
                return report(dir, file);
            } catch (IllegalStateException | IOException notYet) {
                // written report files appear whole (the writer moves them in); poll again
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
        throw new IllegalStateException("no report for " + file + " within " + timeout);
    }

    private void awaitHttp200(String url, Duration timeout, App app) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            app.checkAlive();
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException(url + " did not answer 200 within " + timeout);
    }

    /** Runs a helper class of this benchmark in a fresh JVM and returns what it printed. */
    private String runJava(Path dir, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(args);
        Path log = Files.createTempFile(dir, "java-", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " failed: " + Files.readString(log));
        }
        return Files.readString(log);
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** One line of the traffic probe's log. */
    record Traffic(long epochMs, String method, String path, int status, int inputs) {

        static List<Traffic> read(Path log) throws IOException {
            if (!Files.exists(log)) {
                return List.of();
            }
            List<Traffic> all = new ArrayList<>();
            for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                String[] f = l.split(" ");
                if (f.length == 5) {
                    all.add(new Traffic(Long.parseLong(f[0]), f[1], f[2], Integer.parseInt(f[3]),
                            Integer.parseInt(f[4])));
                }
            }
            return all;
        }

        /** A request that changes the portal: any non-GET except searches and batch reads. */
        boolean isWrite() {
            return !method.equals("GET") && !path.endsWith("/search") && !path.endsWith("/batch/read");
        }
    }

    /** A crm-bridge JVM started for one scenario, its output in {@code app.log}. */
    static final class App {

        private final Process process;
        private final Path log;
        int exitCode = -1;
        /** User + system CPU of the process in clock ticks (1/100 s on Linux), last seen before it ended. */
        long cpuTicks;

        private App(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        /**
         * Starts {@code java [jvmOptions] -jar crm-bridge.jar [args]} in {@code dir} (inbox and outbox there), or,
         * with {@code probe}, the same main class with the benchmark's traffic probe on the class path.
         */
        static App start(Benchmark bench, Path dir, List<String> jvmOptions, boolean probe, String... args)
                throws IOException {
            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            boolean managementSet = jvmOptions.stream().anyMatch(o -> o.startsWith("-Dcamel.management."));
            boolean serverSet = jvmOptions.stream().anyMatch(o -> o.startsWith("-Dcamel.server."));
            // both servers stay on (the REST routes need the application's), on free ports beside other runs
            if (!managementSet) {
                command.add("-Dcamel.management.port=" + freePort());
            }
            if (!serverSet) {
                command.add("-Dcamel.server.port=" + freePort());
            }
            command.addAll(jvmOptions);
            // BENCH_APP_OPTS: JVM options for every application run, e.g. -Dcrm-bridge.phone.cache-size=0
            String extra = System.getenv("BENCH_APP_OPTS");
            if (extra != null && !extra.isBlank()) {
                command.addAll(Arrays.asList(extra.trim().split("\\s+")));
            }
            if (probe) {
                command.addAll(List.of("-cp", bench.jar + java.io.File.pathSeparator + bench.classes
                        + java.io.File.pathSeparator + bench.classes.resolveSibling("probe"), "io.crmbridge.Application"));
            } else {
                command.addAll(List.of("-jar", bench.jar.toString()));
            }
            command.addAll(List.of("--inbox", dir.resolve("inbox").toString(), "--outbox",
                    dir.resolve("outbox").toString()));
            command.addAll(List.of(args));
            Path log = dir.resolve("app.log");
            Files.writeString(log, String.join(" ", command) + "\n");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new App(p, log);
        }

        /**
         * Waits for the process to end, sampling its peak resident set (VmHWM of /proc/PID/status) on the way.
         *
         * @return {peak RSS in kB}
         */
        long[] awaitExit(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            long peak = 0;
            Path status = Path.of("/proc", Long.toString(process.pid()), "status");
            Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
            while (process.isAlive()) {
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the application did not finish within " + timeout + " (" + log + ")");
                }
                try {
                    for (String l : Files.readAllLines(status)) {
                        if (l.startsWith("VmHWM:")) {
                            Matcher m = STATUS_KB.matcher(l);
                            if (m.find()) {
                                peak = Math.max(peak, Long.parseLong(m.group(1)));
                            }
                        }
                    }
                    // fields after the command name ")": state is 3rd, utime 14th, stime 15th of the whole line
                    String line = Files.readString(stat);
                    String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
                    cpuTicks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (IOException | RuntimeException gone) {
                    // the process ended between isAlive and the read
                }
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
            exitCode = process.exitValue();
            if (exitCode != 0) {
                throw new IllegalStateException("the application exited with " + exitCode + " (" + log + ")");
            }
            return new long[] {peak};
        }

        void checkAlive() {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application stopped with " + process.exitValue() + " (" + log + ")");
            }
        }

        /** SIGTERM (Camel Main shuts down gracefully), then waits. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
