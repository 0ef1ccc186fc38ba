package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.report.OutboxNames;
import io.crmbridge.sandbox.SandboxRecord;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.ServiceStatus;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The hostile input corpus (PRODUCT.md "Promises": bad input never stops the other files): every file
 * of {@code src/test/resources/hostile/} plus the big and oddly named ones generated here are dropped into
 * ONE running application. Each ends in the outcome {@code hostile/expected.properties} (or this class,
 * for generated files) gives it, with a clear per-file or per-row error; no file blocks another, nothing is written
 * outside {@code outbox/} and the inbox's archive folders, and the application keeps running.
 */
class HostileInputCorpusTest extends ImportFlowTestSupport {

    private static final Path CORPUS = Path.of("src", "test", "resources", "hostile");
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final String HEADER = "First Name,Last Name,Email,Company,Job Title\n";
    private static final int BURST_FILES = 20;
    private static final int SLOW_ROWS = 60;
    private static final String LONG_NAME = "contacts-" + "long".repeat(58) + ".csv";
    private static final String BACKSLASH_NAME = "contacts-..\\..\\escape.csv";
    private static final String UNICODE_SLASH_NAME = "contacts-\u2215..\u2215..\uff0fescape\u2044.csv";
    private static final String LONG_HEADER_ONLY_NAME = "contacts-..-" + "empty".repeat(44) + ".csv";
    /** 255 bytes: the longest name a file system takes, too long for the file consumer's lock file. */
    private static final String TOO_LONG_NAME = "contacts-" + "x".repeat(242) + ".csv";
    private static final String BAD_ROW = "Bad,Row,not-an-email,Names,Engineer\n";

    @Override
    protected Properties extraProperties() {
        return unlimitedRate();
    }

    @Test
    void everyHostileFileEndsInItsExpectedOutcomeAndTheOthersStillImport() throws Exception {
        Properties expected = expectations();
        List<String> corpus = corpusFiles();
        for (String name : corpus) {
            drop(CORPUS.resolve(name), name);
        }
        dropGeneratedFiles();
        CompletableFuture<Void> slowWriter = writeSlowly("contacts-slow-writer.csv");
        slowWriter.get(60, TimeUnit.SECONDS);
        awaitInboxEmpty(TIMEOUT);
        // dropped last: an ordinary file still imports after the whole corpus
        drop(Path.of("data", "contacts.csv"), "zz-contacts-after-the-corpus.csv");
        JsonNode after = awaitReport("zz-contacts-after-the-corpus.csv", 1, TIMEOUT);
        awaitInboxEmpty(TIMEOUT);

        Map<String, String> failures = new TreeMap<>();
        for (String name : corpus) {
            String problem = checkOutcome(name, expected);
            if (problem != null) {
                failures.put(name, problem);
            }
        }
        assertThat(failures).as("files whose outcome differs from hostile/expected.properties").isEmpty();
        assertThat(expected.stringPropertyNames().stream().map(k -> k.substring(0, k.lastIndexOf('.'))))
                .as("every expectation names a corpus file").allMatch(corpus::contains);

        assertGeneratedOutcomes();
        assertCleanedValues();
        assertThat(after.path("outcomes").path("created").asLong()).isEqualTo(55);
        assertThat(context.getStatus()).isEqualTo(ServiceStatus.Started);
        assertNothingWrittenOutsideTheOutboxAndInbox();
        assertThat(inbox().resolve(".failed")).as("no file failed for another reason than its content").doesNotExist();
    }

    private void dropGeneratedFiles() throws IOException {
        // a 5 MB field: read and sent like any other value
        drop("contacts-5mb-field.csv", (HEADER + "Ada,Lovelace,ada@five-mb.io,Five MB,Engineer\n"
                + "Big,Field,big@five-mb.io,Five MB," + "x".repeat(5_000_000) + "\n"
                + "Grace,Hopper,grace@five-mb.io,Five MB,Admiral\n").getBytes(StandardCharsets.UTF_8));
        // 5,000 columns: three mapped, 4,997 reported as unmapped
        StringBuilder wide = new StringBuilder("First Name,Last Name,Email");
        for (int i = 4; i <= 5000; i++) {
            wide.append(",Extra ").append(i);
        }
        wide.append('\n');
        for (int r = 1; r <= 3; r++) {
            wide.append("Wide,Row").append(r).append(",row").append(r).append("@five-thousand.io");
            wide.append(",v".repeat(4997)).append('\n');
        }
        drop("contacts-5000-columns.csv", wide.toString().getBytes(StandardCharsets.UTF_8));
        // twenty files at once
        for (int f = 1; f <= BURST_FILES; f++) {
            StringBuilder rows = new StringBuilder(HEADER);
            for (int r = 1; r <= 5; r++) {
                rows.append("Burst").append(f).append(",Row").append(r).append(",burst").append(f).append("-row").append(r)
                        .append("@burst.io,Burst,Tester\n");
            }
            drop(String.format("contacts-burst-%02d.csv", f), rows.toString().getBytes(StandardCharsets.UTF_8));
        }
        // file names: near the 255-byte limit, a backslash path, look-alike slashes, HTML
        // (each with a rejected row, so that its dead-letter file is written too)
        drop(LONG_NAME, (HEADER + "Long,Name,long@names.io,Names,Engineer\n" + BAD_ROW).getBytes(StandardCharsets.UTF_8));
        drop(LONG_HEADER_ONLY_NAME, HEADER.getBytes(StandardCharsets.UTF_8));
        // written in place: the staging name of drop() would pass 255 bytes
        Files.write(inbox().resolve(TOO_LONG_NAME), (HEADER + "Too,Long,too@names.io,Names,Engineer\n")
                .getBytes(StandardCharsets.UTF_8));
        drop(BACKSLASH_NAME, (HEADER + "Back,Slash,back@names.io,Names,Engineer\n").getBytes(StandardCharsets.UTF_8));
        drop(UNICODE_SLASH_NAME, (HEADER + "Uni,Slash,uni@names.io,Names,Engineer\n" + BAD_ROW).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Creates {@code name} in the inbox itself and appends one row every 20 ms, the way a slow copy
     * or an export still running writes it: the intake must wait until it stops changing.
     */
    private CompletableFuture<Void> writeSlowly(String name) throws IOException {
        Files.createDirectories(inbox());
        Writer out = Files.newBufferedWriter(inbox().resolve(name), StandardCharsets.UTF_8);
        out.write(HEADER);
        out.flush();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger written = new AtomicInteger();
        writer.scheduleAtFixedRate(() -> {
            try {
                int r = written.incrementAndGet();
                out.write("Slow,Row" + r + ",slow-row" + r + "@slow-writer.io,Slow Writer,Tester\n");
                out.flush();
                if (r == SLOW_ROWS) {
                    out.close();
                    done.complete(null);
                    writer.shutdown();
                }
            } catch (IOException e) {
                done.completeExceptionally(e);
                writer.shutdown();
            }
        }, 20, 20, TimeUnit.MILLISECONDS);
        return done;
    }

    private void assertGeneratedOutcomes() throws IOException {
        JsonNode big = onlyReport("contacts-5mb-field.csv");
        assertCounts(big, 3, 3, 0);
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "big@five-mb.io")
                .map(r -> r.property("jobtitle").length())).contains(5_000_000);

        JsonNode wide = onlyReport("contacts-5000-columns.csv");
        assertCounts(wide, 3, 3, 0);
        assertThat(wide.path("unmappedColumns")).hasSize(4997);

        for (int f = 1; f <= BURST_FILES; f++) {
            assertCounts(onlyReport(String.format("contacts-burst-%02d.csv", f)), 5, 5, 0);
        }

        JsonNode slow = onlyReport("contacts-slow-writer.csv");
        assertCounts(slow, SLOW_ROWS, SLOW_ROWS, 0);

        String longOutbox = OutboxNames.of(LONG_NAME);
        assertThat(longOutbox.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(OutboxNames.MAX_BYTES);
        assertCounts(onlyReport(longOutbox), 2, 1, 1);
        assertThat(onlyReport(longOutbox).path("file").asText()).isEqualTo(LONG_NAME);
        assertThat(outbox().resolve("dead-letter").resolve(longOutbox + "-run" + onlyReport(longOutbox).path("runId")
                .asLong() + ".rejected.csv")).exists();
        assertThat(archived(LONG_NAME)).as("archived").isTrue();

        String longHeaderOnly = OutboxNames.of(LONG_HEADER_ONLY_NAME);
        assertThat(outbox().resolve("dead-letter").resolve(longHeaderOnly)).exists();
        assertThat(outbox().resolve("dead-letter").resolve(longHeaderOnly + ".error.txt")).content()
                .contains("no data rows");

        Path tooLong = outbox().resolve("dead-letter").resolve(OutboxNames.of(TOO_LONG_NAME));
        assertThat(tooLong).exists();
        assertThat(Path.of(tooLong + ".error.txt")).content().contains("255 bytes long");
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "too@names.io")).isEmpty();

        assertCounts(onlyReport(UNICODE_SLASH_NAME), 2, 1, 1);
        assertThat(outbox().resolve("dead-letter").resolve(UNICODE_SLASH_NAME + "-run"
                + onlyReport(UNICODE_SLASH_NAME).path("runId").asLong() + ".rejected.csv")).exists();

        Path quarantined = outbox().resolve("dead-letter").resolve(OutboxNames.of(BACKSLASH_NAME));
        assertThat(quarantined).exists();
        assertThat(Files.readString(Path.of(quarantined + ".error.txt"))).contains("backslash");
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "back@names.io")).isEmpty();
    }

    /** Values the reader cleaned or decoded reach HubSpot as the person meant them. */
    private void assertCleanedValues() {
        assertThat(contact("jose.alvarez@utf16-export.es").property("lastname")).isEqualTo("Álvarez");
        assertThat(contact("soren@cp1252-export.fr").property("lastname")).isEqualTo("Großmann");
        assertThat(contact("soren@cp1252-export.fr").property("company")).isEqualTo("Café € Crème");
        assertThat(contact("dan@line-endings.io").property("lastname")).isEqualTo("Multi\r\nLine");
        assertThat(contact("alan@bom-middle.io").property("lastname")).isEqualTo("Turing");
        assertThat(contact("grace@bom-middle.io").property("firstname")).isEqualTo("Grace");
        assertThat(contact("ada@dup-headers.io").property("company")).isEqualTo("Dup Headers");
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "other@dup-headers.io")).isEmpty();
        assertThat(contact("zoe@rtl-emoji.io").property("lastname")).isEqualTo("Smith \uD83D\uDC69\u200D\uD83D\uDCBB");
        assertThat(contact("kenji@unicode-name.jp").property("company")).isEqualTo("日本 株式会社");
        assertThat(sandbox().state().records(ObjectType.CONTACTS))
                .as("no NUL character reaches HubSpot")
                .allSatisfy(r -> assertThat(r.properties().values()).noneMatch(v -> v != null && v.indexOf('\0') >= 0));
        assertThat(sandbox().state().findByProperty(ObjectType.COMPANIES, "domain", "script-inject.io")
                .map(r -> r.property("name"))).contains("<script>alert('xss')</script> Ltd");
    }

    private SandboxRecord contact(String email) {
        return sandbox().state().findByProperty(ObjectType.CONTACTS, "email", email)
                .orElseThrow(() -> new AssertionError("no contact " + email + " in the sandbox"));
    }

    /** Null when {@code name} ended as expected, else what differs. */
    private String checkOutcome(String name, Properties expected) throws IOException {
        String outcome = expected.getProperty(name + ".outcome");
        if (outcome == null) {
            return "no expected outcome in hostile/expected.properties";
        }
        Path deadLetter = outbox().resolve("dead-letter");
        List<Path> reports = reports(OutboxNames.of(name));
        switch (outcome) {
            case "unprocessable" -> {
                Path error = deadLetter.resolve(OutboxNames.of(name) + ".error.txt");
                if (!reports.isEmpty() || !Files.exists(error) || !Files.exists(deadLetter.resolve(OutboxNames.of(name)))) {
                    return "expected no report and a dead-lettered copy with its reason; reports " + reports;
                }
                String text = Files.readString(error, StandardCharsets.UTF_8);
                return text.contains(expected.getProperty(name + ".error")) ? null : "error was: " + text.strip();
            }
            case "skipped" -> {
                return reports.isEmpty() && archived(name) ? null : "expected no report and an archived file; reports " + reports;
            }
            case "imported" -> {
                if (reports.size() != 1) {
                    return "expected one report, found " + reports;
                }
                JsonNode r = JSON.readTree(reports.get(0).toFile());
                Map<String, Object> actual = new LinkedHashMap<>();
                Map<String, Object> wanted = new LinkedHashMap<>();
                wanted.put("rowsRead", Long.parseLong(expected.getProperty(name + ".rowsRead")));
                actual.put("rowsRead", r.path("rowsRead").asLong());
                wanted.put("created", Long.parseLong(expected.getProperty(name + ".created")));
                actual.put("created", r.path("outcomes").path("created").asLong());
                wanted.put("rejected", Long.parseLong(expected.getProperty(name + ".rejected")));
                actual.put("rejected", r.path("outcomes").path("rejected").asLong());
                wanted.put("errors", expected.getProperty(name + ".errors", "").strip());
                actual.put("errors", errorsByCode(r));
                if (expected.containsKey(name + ".duplicateColumns")) {
                    wanted.put("duplicateColumns", expected.getProperty(name + ".duplicateColumns"));
                    List<String> columns = new ArrayList<>();
                    r.path("duplicateColumns").forEach(c -> columns.add(c.asText()));
                    actual.put("duplicateColumns", String.join(",", columns));
                }
                if (expected.containsKey(name + ".charset")) {
                    wanted.put("charset", expected.getProperty(name + ".charset"));
                    actual.put("charset", r.path("charset").asText());
                }
                if (!actual.equals(wanted) || !archived(name)) {
                    return "expected " + wanted + ", report has " + actual + ", archived " + archived(name);
                }
                return checkDeadLetter(r);
            }
            default -> {
                return "unknown outcome '" + outcome + "'";
            }
        }
    }

    /** Null when the report's dead-letter file holds one row per rejected or failed row, with the report's codes. */
    private String checkDeadLetter(JsonNode report) throws IOException {
        long expectedRows = report.path("outcomes").path("rejected").asLong() + report.path("outcomes").path("failed").asLong();
        if (expectedRows == 0) {
            return report.hasNonNull("deadLetterFile") ? "a dead-letter file without rejected rows" : null;
        }
        Path file = outbox().resolve(report.path("deadLetterFile").asText());
        if (!file.normalize().startsWith(outbox().resolve("dead-letter"))) {
            return "dead-letter file outside outbox/dead-letter: " + file;
        }
        List<CSVRecord> rows = deadLetterRecords(file);
        // error_code is the 4th cell from a row's end
        Map<String, Long> codes = new TreeMap<>();
        rows.subList(1, rows.size()).forEach(row -> codes.merge(row.get(row.size() - 4), 1L, Long::sum));
        Map<String, Long> reported = new TreeMap<>();
        report.path("errorsByCode").fields().forEachRemaining(e -> reported.put(e.getKey(), e.getValue().asLong()));
        return rows.size() - 1 == expectedRows && codes.equals(reported) ? null
                : "dead letter has " + (rows.size() - 1) + " rows with codes " + codes + ", report " + reported;
    }

    private static String errorsByCode(JsonNode report) {
        List<String> codes = new ArrayList<>();
        report.path("errorsByCode").fields().forEachRemaining(e -> codes.add(e.getKey() + ":" + e.getValue().asLong()));
        return String.join(",", codes.stream().sorted().toList());
    }

    private JsonNode onlyReport(String outboxName) throws IOException {
        List<Path> reports = reports(outboxName);
        assertThat(reports).as("reports of %s", outboxName).hasSize(1);
        return JSON.readTree(reports.get(0).toFile());
    }

    private static void assertCounts(JsonNode report, long rowsRead, long created, long rejected) {
        assertThat(report.path("rowsRead").asLong()).as("rows read of %s", report.path("file").asText()).isEqualTo(rowsRead);
        assertThat(report.path("outcomes").path("created").asLong()).as("created of %s", report.path("file").asText())
                .isEqualTo(created);
        assertThat(report.path("outcomes").path("rejected").asLong()).as("rejected of %s", report.path("file").asText())
                .isEqualTo(rejected);
    }

    /** Whether {@code name} was archived in inbox/.done/ under its outbox name and a time stamp. */
    private boolean archived(String name) throws IOException {
        String safe = OutboxNames.of(name);
        int dot = safe.lastIndexOf('.');
        String stem = dot > 0 ? safe.substring(0, dot) : safe;
        try (Stream<Path> done = Files.list(inbox().resolve(".done"))) {
            return done.anyMatch(p -> p.getFileName().toString().startsWith(stem + "-2"));
        }
    }

    /** The application wrote only under outbox/ and the inbox (archives); the folder above this test's is untouched. */
    private void assertNothingWrittenOutsideTheOutboxAndInbox() throws IOException {
        try (Stream<Path> files = Files.walk(work())) {
            assertThat(files.filter(Files::isRegularFile).map(p -> work().relativize(p).getName(0).toString()))
                    .as("top folders holding files").allMatch(top -> top.equals("outbox") || top.equals("inbox"));
        }
        try (Stream<Path> beside = Files.list(work().getParent())) {
            assertThat(beside.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("escape"));
        }
    }

    private static List<String> corpusFiles() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().toList();
        }
    }

    private static Properties expectations() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(CORPUS.resolve("expected.properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }
}
