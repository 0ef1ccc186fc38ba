package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.cli.CommandLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user runs it ({@code java -jar target/crm-bridge.jar --once ...}): the packaged
 * jar in a child JVM ({@link ChildApplication}, run by failsafe in {@code mvn verify}) with no HubSpot token,
 * so that it runs against the embedded sandbox with an in-memory ledger. Checks exit status, output, report and archive,
 * and the key figures a run ends with (RunTotals).
 */
class ApplicationProcessIT {

    private static final long RUN_TIMEOUT_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Exit status and combined stdout/stderr of one finished run. */
    private record Run(int exitStatus, String output) {
    }

    @Test
    void onceImportsTheInboxAgainstTheSandboxAndExitsZero() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path outbox = dir.resolve("outbox");
        Files.copy(Path.of("data", "contacts.csv"), inbox.resolve("contacts.csv"));

        Run run = run("--once", "--inbox", inbox.toString(), "--outbox", outbox.toString());

        assertThat(run.exitStatus()).as(run.output()).isZero();
        assertThat(run.output()).contains("embedded HubSpot sandbox").contains("Report:");
        // the quiet console: what was configured, the file's summary and report, the totals and the exit; Camel's
        // and the libraries' own lines only with --verbose
        assertThat(run.output()).contains("crm-bridge --once: inbox " + inbox.toAbsolutePath())
                .contains("Finished (--once): exit status 0")
                .doesNotContain("Apache Camel").doesNotContain("Created HubSpot property");
        assertThat(run.output().lines().filter(l -> l.contains(" INFO ") || l.contains(" WARN "))).hasSizeLessThan(12);
        assertThat(closingLines(run)).hasSize(2).satisfiesExactly(
                totals -> assertThat(totals).contains("Totals: files 1 (done 1) | rows 58 (created 55, rejected 3)"
                        + " | HubSpot requests ").contains("retries 0, 429 answers 0"),
                byType -> assertThat(byType).endsWith("Rows by object type: contacts created 55, rejected 3"));
        Path report = outbox.resolve("reports").resolve("contacts.csv-run1.json");
        assertThat(report).exists();
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.path("rowsRead").asLong()).isEqualTo(58);
        assertThat(json.path("outcomes").path("created").asLong()).isEqualTo(55);
        assertThat(json.path("dryRun").asBoolean()).isFalse();
        assertThat(filesIn(inbox)).isEmpty();
        assertThat(filesIn(inbox.resolve(".done")))
                .singleElement().asString().startsWith("contacts-").endsWith(".csv");
    }

    @Test
    void verboseShowsCamelsAndTheLibrariesDetailWithEachLinesThread() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Files.copy(Path.of("data", "contacts.csv"), inbox.resolve("contacts.csv"));

        Run run = run("--once", "--verbose", "--inbox", inbox.toString(), "--outbox", dir.resolve("outbox").toString());

        assertThat(run.exitStatus()).as(run.output()).isZero();
        assertThat(run.output()).contains("Apache Camel").contains("Created HubSpot property contacts.crm_bridge_key")
                .contains("[main] AppConfiguration - crm-bridge --once: inbox ");
    }

    @Test
    void onceExitsOneWhenAFileCannotBeImported() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path outbox = dir.resolve("outbox");
        Files.write(inbox.resolve("mystery.csv"), new byte[0]);

        Run run = run("--once", "--inbox", inbox.toString(), "--outbox", outbox.toString());

        assertThat(run.exitStatus()).as(run.output()).isEqualTo(1);
        assertThat(closingLines(run)).singleElement().asString().contains("Totals: files 1 (dead_lettered 1) | rows 0"
                + " | HubSpot requests 0, retries 0, 429 answers 0, rate waits 0 (0.0 s)");
        assertThat(outbox.resolve("dead-letter").resolve("mystery.csv.error.txt")).exists();
        assertThat(outbox.resolve("reports").resolve("mystery.csv-run1.json")).doesNotExist();
    }

    @Test
    void dryRunFlagMakesADryRunReport() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path outbox = dir.resolve("outbox");
        Files.copy(Path.of("data", "contacts.csv"), inbox.resolve("contacts.csv"));

        Run run = run("--once", "--dry-run", "--inbox", inbox.toString(), "--outbox", outbox.toString());

        assertThat(run.exitStatus()).as(run.output()).isZero();
        // nothing was created: the rows an upsert would create say so
        assertThat(closingLines(run)).first().asString().contains("rows 58 (rejected 3, would_create 55)");
        try (Stream<Path> s = Files.list(outbox.resolve("reports"))) {
            Path report = s.filter(p -> p.getFileName().toString().startsWith("contacts.csv-run")
                    && p.getFileName().toString().endsWith(".json")).findFirst().orElseThrow();
            JsonNode json = JSON.readTree(report.toFile());
            assertThat(json.path("dryRun").asBoolean()).isTrue();
            assertThat(json.path("rowsRead").asLong()).isEqualTo(58);
        }
    }

    @Test
    void aSecondOnceRunWithTheInMemoryLedgerNeverReplacesTheFirstRunsReportsOrDeadLetter() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path outbox = dir.resolve("outbox");
        Files.copy(Path.of("data", "contacts.csv"), inbox.resolve("contacts.csv"));
        Run first = run("--once", "--inbox", inbox.toString(), "--outbox", outbox.toString());
        Path firstReport = outbox.resolve("reports").resolve("contacts.csv-run1.json");
        Path firstDeadLetter = outbox.resolve("dead-letter").resolve("contacts.csv-run1.rejected.csv");
        byte[] firstReportBytes = Files.readAllBytes(firstReport);
        byte[] firstDeadLetterBytes = Files.readAllBytes(firstDeadLetter);

        // a new process numbers its runs from 1 again: the same file, now as a dry run
        Files.copy(Path.of("data", "contacts.csv"), inbox.resolve("contacts.csv"));
        Run second = run("--once", "--dry-run", "--inbox", inbox.toString(), "--outbox", outbox.toString());

        assertThat(first.exitStatus()).as(first.output()).isZero();
        assertThat(second.exitStatus()).as(second.output()).isZero();
        assertThat(second.output()).contains("in memory");
        assertThat(firstReport).hasBinaryContent(firstReportBytes);
        assertThat(firstDeadLetter).hasBinaryContent(firstDeadLetterBytes);
        Path secondReport = outbox.resolve("reports").resolve("contacts.csv-run1-2.json");
        assertThat(JSON.readTree(secondReport.toFile()).path("dryRun").asBoolean()).isTrue();
        assertThat(outbox.resolve("dead-letter").resolve("contacts.csv-run1-2.rejected.csv")).exists();
        assertThat(filesIn(inbox.resolve(".done"))).hasSize(2);
    }

    @Test
    void checkPortalExitsOneAndNamesTheScopeTheSandboxTokenLacks() throws Exception {
        String allButLists = io.crmbridge.hubspot.PortalScopes.standard().names().stream()
                .filter(s -> !s.equals("crm.schemas.companies.write")).collect(java.util.stream.Collectors.joining(","));

        Run run = run("--check-portal", "--sandbox.scopes=" + allButLists);

        assertThat(run.exitStatus()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("checking the embedded HubSpot sandbox")
                .contains("[FAIL] scope crm.schemas.companies.write missing: HubSpot answered 403 MISSING_SCOPES"
                        + " (missing scopes: crm.schemas.companies.write)")
                .contains("[ok]   scope crm.schemas.contacts.write granted").contains("1 check(s) failed.")
                // no route, no Camel Main: the check only
                .doesNotContain("Inbox drained").doesNotContain("crm-bridge --once");
    }

    @Test
    void checkPortalExitsZeroWhenTheSandboxTokenHasEveryScope() throws Exception {
        Run run = run("--check-portal", "--sandbox.scopes=" + String.join(",",
                io.crmbridge.hubspot.PortalScopes.standard().names()));

        assertThat(run.exitStatus()).as(run.output()).isZero();
        assertThat(run.output()).contains("[ok]   token accepted").contains("[ok]   API version")
                .contains("[ok]   daily budget left: ").contains("All checks passed.").doesNotContain("[FAIL]");
    }

    @Test
    void anUnknownOptionStopsBeforeAnythingStartsWithTheUsageOnStderrAndExitTwo() throws Exception {
        Streams run = runSeparatingStreams("--bogus-flag", "1", "--once");

        assertThat(run.exitStatus()).as(run.stderr()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("crm-bridge: unknown option --bogus-flag\n" + CommandLine.usage());
        // nothing started: no log line, no folder
        assertThat(run.stdout()).isEmpty();
        assertThat(dir.resolve("outbox")).doesNotExist();
        assertThat(dir.resolve("inbox")).doesNotExist();
    }

    @Test
    void aFlagWithoutItsValueStopsWithExitTwo() throws Exception {
        Streams run = runSeparatingStreams("--once", "--inbox");

        assertThat(run.exitStatus()).as(run.stderr()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("crm-bridge: --inbox needs a value: --inbox DIR\n" + CommandLine.usage());
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void helpPrintsTheUsageOnStdoutAndExitsZero() throws Exception {
        Streams run = runSeparatingStreams("--help");

        assertThat(run.exitStatus()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo(CommandLine.usage()).startsWith("Usage: crm-bridge");
        assertThat(run.stderr()).isEmpty();
        assertThat(dir.resolve("outbox")).doesNotExist();
    }

    @Test
    void anUnknownPropertyStopsTheStartWithExitTwoBeforeAnyFileIsTaken() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path outbox = dir.resolve("outbox");
        Files.copy(Path.of("data", "contacts.csv"), inbox.resolve("contacts.csv"));

        Run run = run("--once", "--inbox", inbox.toString(), "--outbox", outbox.toString(), "--crm-bridge.bacth-size=50");

        assertThat(run.exitStatus()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("crm-bridge could not start: unknown property crm-bridge.bacth-size (did you"
                + " mean crm-bridge.batch-size?)").doesNotContain("sandbox").doesNotContain("Exception");
        assertThat(filesIn(inbox)).containsExactly("contacts.csv");
        assertThat(outbox).doesNotExist();
    }

    @Test
    void aMalformedValueInTheUsersConfigurationFileStopsTheStartAndNeverShowsASecret() throws Exception {
        Path file = dir.resolve("crm-bridge.properties");
        Files.writeString(file, "crm-bridge.db.password = canary-password\ncrm-bridge.batch-size = 500\n");

        Run run = run("--once", "--inbox", dir.resolve("inbox").toString(), "--crm-bridge.config-file=" + file);

        assertThat(run.exitStatus()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("crm-bridge could not start: crm-bridge.batch-size = 500: an integer from 1"
                + " to 100").doesNotContain("canary-password");
    }

    @Test
    void theUsersConfigurationFileSetsTheRunUnderTheCommandLine() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path outbox = dir.resolve("outbox");
        Files.copy(Path.of("data", "contacts.csv"), inbox.resolve("contacts.csv"));
        Path file = dir.resolve("crm-bridge.properties");
        Files.writeString(file, "crm-bridge.inbox = " + inbox.toString().replace("\\", "/") + "\n"
                + "crm-bridge.outbox = elsewhere\ncrm-bridge.dry-run = true\n");

        Run run = run("--once", "--outbox", outbox.toString(), "--config", file.toString());

        assertThat(run.exitStatus()).as(run.output()).isZero();
        JsonNode json = JSON.readTree(outbox.resolve("reports").resolve("contacts.csv-run1.json").toFile());
        assertThat(json.path("dryRun").asBoolean()).isTrue();
        assertThat(dir.resolve("elsewhere")).doesNotExist();
    }

    /** Runs the application in a child JVM in this test's folder; destroys it if it outlives the timeout. */
    private Run run(String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("run-" + System.nanoTime() + ".log");
        try (ChildApplication child = ChildApplication.start(dir, log, Map.of(), args)) {
            int status = child.awaitExit(Duration.ofSeconds(RUN_TIMEOUT_SECONDS));
            return new Run(status, child.output());
        }
    }

    /** Exit status, stdout and stderr of one finished run. */
    private record Streams(int exitStatus, String stdout, String stderr) {
    }

    /** As {@link #run}, with stdout and stderr kept apart. */
    private Streams runSeparatingStreams(String... args) throws IOException, InterruptedException {
        long id = System.nanoTime();
        Path out = dir.resolve("run-" + id + ".out");
        Path err = dir.resolve("run-" + id + ".err");
        try (ChildApplication child = ChildApplication.start(dir, out, err, Map.of(), args)) {
            int status = child.awaitExit(Duration.ofSeconds(RUN_TIMEOUT_SECONDS));
            return new Streams(status, child.output(), child.errorOutput());
        }
    }

    /** The lines of RunTotals, which come after the --once stop. */
    private static List<String> closingLines(Run run) {
        List<String> lines = run.output().lines().toList();
        int drained = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("Inbox drained (--once): stopping")) {
                drained = i;
            }
        }
        assertThat(drained).as(run.output()).isNotNegative();
        return lines.subList(drained, lines.size()).stream().filter(l -> l.contains(" RunTotals - ")).toList();
    }

    private static List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
        }
    }
}
