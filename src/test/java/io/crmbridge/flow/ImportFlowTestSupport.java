package io.crmbridge.flow;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.Application;
import io.crmbridge.Datasets;
import io.crmbridge.config.HubSpotConnection;
import io.crmbridge.sandbox.HubSpotSandbox;
import io.crmbridge.report.DeadLetterWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;

/**
 * Boots the real {@link Application} with the real YAML routes against the embedded HubSpot
 * sandbox, with an inbox, outbox and in-memory ledger of its own per test. Files are dropped the
 * way a user drops them: written under another name, then moved into the inbox.
 */
public abstract class ImportFlowTestSupport extends CamelMainTestSupport {

    protected static final Path DATASETS = Datasets.DIR;
    protected static final ObjectMapper JSON = new ObjectMapper();

    // created lazily: CamelTestSupport asks for the properties from its own constructor
    private Path work;
    private int managementPort;
    private int applicationPort;

    /** This test's own folder under target/flow-tests/. */
    protected Path work() {
        if (work == null) {
            try {
                Files.createDirectories(Path.of("target", "flow-tests"));
                work = Files.createTempDirectory(Path.of("target", "flow-tests"), "run-").toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return work;
    }

    /**
     * This test's management port (health, metrics): a port free when the test starts, so that
     * tests never collide on the default 9876 nor with a running crm-bridge. A fixed free port and
     * not {@code camel.management.port = 0}: with 0 the server works, but it reports 0 as its port
     * and registers the router {@code platform-http-router-0}, the very name platform-http
     * consumers fall back to when they miss their own router (Camel 4.17, see README "Operations").
     */
    protected int managementPort() {
        if (managementPort == 0) {
            managementPort = freePort();
        }
        return managementPort;
    }

    /**
     * This test's application HTTP port (camel.server.port: the REST API), free when the test starts, so
     * that flow tests never bind the default 8080 nor collide with a running crm-bridge.
     */
    protected int applicationPort() {
        if (applicationPort == 0) {
            applicationPort = freePort();
        }
        return applicationPort;
    }

    /**
     * A loopback port free at the time of the call, below Linux's ephemeral range (32768 and up): a port the kernel
     * handed out for port 0 and took back could be handed out again, before the application binds it, to a server
     * the same boot starts on port 0 (the embedded sandboxes), which then answered the requests meant for the
     * application.
     */
    static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12_000);
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (IOException taken) {
                // another process holds it: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port found between 20000 and 32000"));
    }

    @Override
    protected Class<?> getMainClass() {
        return Application.class;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.setProperty("crm-bridge.inbox", inbox().toString());
        p.setProperty("crm-bridge.outbox", outbox().toString());
        p.setProperty("crm-bridge.db.url", "jdbc:h2:mem:flow-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        p.setProperty("crm-bridge.poll-delay-ms", "200");
        p.setProperty("crm-bridge.read-lock-check-ms", "200");
        p.setProperty("hubspot.sandbox", "true");
        p.setProperty("camel.management.port", Integer.toString(managementPort()));
        p.setProperty("camel.server.port", Integer.toString(applicationPort()));
        p.putAll(extraProperties());
        return p;
    }

    /**
     * No sandbox rate limit and a client budget far above what a test sends: for tests about
     * correctness, not about the rate limit.
     */
    protected static Properties unlimitedRate() {
        Properties p = new Properties();
        p.setProperty("sandbox.requests-per-ten-seconds", "0");
        p.setProperty("hubspot.requests-per-ten-seconds", "2000");
        return p;
    }

    /**
     * True for a request that writes to HubSpot: a POST to a batch or association endpoint other than a batch read
     * (the preview's and the read before each batch's, docs/undo.md: reading is not writing).
     */
    protected static boolean isWrite(io.crmbridge.sandbox.RecordedRequest r) {
        return "POST".equals(r.method()) && !r.path().endsWith("/batch/read")
                && (r.path().contains("/batch/") || r.path().contains("/associations/"));
    }

    /** Properties a test class adds or overrides. */
    protected Properties extraProperties() {
        return new Properties();
    }

    protected Path inbox() {
        return work().resolve("inbox");
    }

    protected Path outbox() {
        return work().resolve("outbox");
    }

    protected HubSpotSandbox sandbox() {
        return context.getRegistry().lookupByNameAndType(HubSpotConnection.SANDBOX_BEAN, HubSpotSandbox.class);
    }

    /** Every file below the inbox (its hidden folders included), as paths relative to it; empty without an inbox. */
    protected List<String> inboxFiles() throws IOException {
        if (!Files.isDirectory(inbox())) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(inbox())) {
            return s.filter(Files::isRegularFile).map(p -> inbox().relativize(p).toString()).toList();
        }
    }

    /** Copies {@code source} into the inbox as {@code name}, atomically (a complete file appears at once). */
    protected void drop(Path source, String name) throws IOException {
        Files.createDirectories(inbox());
        Path staging = work().resolve("staging-" + name);
        Files.copy(source, staging, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staging, inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes {@code content} into the inbox as {@code name}, atomically. */
    protected void drop(String name, byte[] content) throws IOException {
        Files.createDirectories(inbox());
        Path staging = work().resolve("staging-" + name);
        Files.write(staging, content);
        Files.move(staging, inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Waits for the n-th report of {@code fileName} (1-based, in run order), JSON and HTML (the HTML is
     * written after the JSON), and parses the JSON.
     */
    protected JsonNode awaitReport(String fileName, int nth, Duration timeout) {
        Path[] found = new Path[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Path> reports = reports(fileName);
            if (reports.size() >= nth && Files.exists(htmlBeside(reports.get(nth - 1)))) {
                found[0] = reports.get(nth - 1);
                return true;
            }
            return false;
        });
        try {
            return JSON.readTree(found[0].toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected JsonNode awaitReport(String fileName) {
        return awaitReport(fileName, 1, Duration.ofSeconds(60));
    }

    /** The JSON reports written for {@code fileName}, oldest run first. */
    protected List<Path> reports(String fileName) throws IOException {
        Path dir = outbox().resolve("reports");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(fileName + "-run")
                            && p.getFileName().toString().endsWith(".json"))
                    .sorted((a, b) -> Long.compare(runNumber(a), runNumber(b))).toList();
        }
    }

    /** The HTML report written beside JSON report {@code json}. */
    protected static Path htmlBeside(Path json) {
        String name = json.getFileName().toString();
        return json.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".html");
    }

    /** N of {@code <file>-run<N>.json}, or of {@code <file>-run<N>-<k>.json} (a name an earlier run had taken). */
    private static long runNumber(Path report) {
        String n = report.getFileName().toString();
        String run = n.substring(n.lastIndexOf("-run") + 4, n.length() - ".json".length());
        return Long.parseLong(run.contains("-") ? run.substring(0, run.indexOf('-')) : run);
    }

    /** Waits until the inbox holds no file (everything dropped was taken and archived). */
    protected void awaitInboxEmpty(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (Stream<Path> s = Files.list(inbox())) {
                return s.noneMatch(Files::isRegularFile);
            }
        });
    }

    /** The dead-letter file of the latest run of {@code fileName} that wrote one ({@code <file>-run<N>.rejected.csv}). */
    protected Optional<Path> deadLetter(String fileName) throws IOException {
        Path dir = outbox().resolve("dead-letter");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(fileName + "-run")
                            && p.getFileName().toString().endsWith(DeadLetterWriter.SUFFIX))
                    .max(java.util.Comparator.comparingLong(p -> runNumber(p.resolveSibling(p.getFileName().toString()
                            .replace(DeadLetterWriter.SUFFIX, ".json")))));
        }
    }

    /**
     * The records of a dead-letter file, header first, read in the dialect it was written in (its source's
     * delimiter, charset and byte order mark).
     */
    protected static List<org.apache.commons.csv.CSVRecord> deadLetterRecords(Path file) throws IOException {
        io.crmbridge.intake.Dialect dialect = new io.crmbridge.intake.DialectSniffer().sniff(file);
        String text = Files.readString(file, dialect.charset());
        text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVFormat.RFC4180.builder()
                .setDelimiter(dialect.delimiter()).get().parse(new java.io.StringReader(text))) {
            return parser.getRecords();
        }
    }
}
