package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/crm-bridge.jar --hubspot-emulator} as a developer runs it (the packaged jar in a child
 * JVM, {@link ChildApplication}): HubSpot's official Node client ({@code @hubspot/api-client}, pinned in
 * {@code src/test/node/hubspot-client-scenario/package-lock.json}) runs a scripted scenario against it and must
 * get no error; the emulator starts without Camel, never prints a token it was given, prints one it made up,
 * and stops on SIGTERM. Needs {@code node} and {@code npm} on the PATH; {@code npm ci} fetches the client (from
 * npm's cache when it has it) and gives up after its timeouts rather than hang without a network.
 */
class HubSpotEmulatorIT {

    private static final Path SCENARIO = Path.of("src", "test", "node", "hubspot-client-scenario");
    private static final Pattern BASE_URL = Pattern.compile("HubSpot emulator listening on (http://\\S+)");
    private static final Duration START = Duration.ofSeconds(60);
    private static final int BURST = 100;

    @TempDir
    Path dir;

    @Test
    void hubSpotsNodeClientRunsItsScenarioWithoutAnError() throws Exception {
        Path scenario = installScenario();
        String token = "emulator-it-token-" + System.nanoTime();
        String[] args = {"--hubspot-emulator", "--sandbox.port=" + ImportFlowTestSupport.freePort(),
            "--sandbox.token=" + token, "--sandbox.requests-per-ten-seconds=" + BURST};
        try (ChildApplication emulator = ChildApplication.start(dir, dir.resolve("emulator.log"), Map.of(), args)) {
            String baseUrl = awaitBaseUrl(emulator);

            Result run = run(scenario, Duration.ofSeconds(180), Map.of("HUBSPOT_BASE_URL", baseUrl,
                    "HUBSPOT_ACCESS_TOKEN", token, "HUBSPOT_BURST", Integer.toString(BURST)), "node", "scenario.js");

            assertThat(run.status()).as(run.output()).isZero();
            assertThat(run.output()).contains("scenario OK: 32 checks").doesNotContain("not ok");
            assertThat(emulator.output()).as("a given token is never printed").doesNotContain(token)
                    .contains("Access token: the one given in sandbox.token (not shown)");
        }
    }

    @Test
    void startsWithoutCamelPrintsTheTokenItMadeUpAndStopsOnSigterm() throws Exception {
        String[] args = {"--hubspot-emulator", "--verbose", "--sandbox.port=" + ImportFlowTestSupport.freePort(),
            "--sandbox.seed-contacts=generate:12"};
        try (ChildApplication emulator = ChildApplication.start(dir, dir.resolve("emulator.log"), Map.of(), args)) {
            String baseUrl = awaitBaseUrl(emulator);
            Matcher token = Pattern.compile("Access token: (hubspot-emulator-\\S+)").matcher(emulator.output());
            assertThat(token.find()).as(emulator.output()).isTrue();

            HttpResponse<String> contacts = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(baseUrl + "/crm/v3/objects/contacts?limit=100"))
                    .header("Authorization", "Bearer " + token.group(1)).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(contacts.statusCode()).isEqualTo(200);
            assertThat(contacts.body().split("\"hs_object_id\"", -1)).as("12 seeded contacts").hasSize(13);
            emulator.terminate();
            emulator.awaitExit(Duration.ofSeconds(30));
            assertThat(emulator.output()).contains("HubSpot emulator stopped").contains("Seeded contacts: 12 contacts")
                    .doesNotContain("Apache Camel").doesNotContain("Exception");
        }
    }

    private static String awaitBaseUrl(ChildApplication emulator) {
        emulator.awaitOutput("HubSpot emulator listening on ", START);
        Matcher url = BASE_URL.matcher(emulator.output());
        assertThat(url.find()).as(emulator.output()).isTrue();
        return url.group(1);
    }

    /** The scenario's folder copied here, with its pinned client installed by {@code npm ci}. */
    private Path installScenario() throws IOException, InterruptedException {
        Path scenario = Files.createDirectories(dir.resolve("hubspot-client-scenario"));
        for (String file : List.of("package.json", "package-lock.json", "scenario.js")) {
            Files.copy(SCENARIO.resolve(file), scenario.resolve(file));
        }
        Result install = run(scenario, Duration.ofSeconds(240), Map.of(), "npm", "ci", "--prefer-offline", "--no-audit",
                "--no-fund", "--fetch-timeout=30000", "--fetch-retries=1");
        assertThat(install.status()).as("npm ci of the Node client failed (is the npm registry reachable?):\n"
                + install.output()).isZero();
        return scenario;
    }

    /** Exit status and combined output of a finished command. */
    private record Result(int status, String output) {
    }

    /** Runs a command in {@code workDir}; kills it and fails when it outlives {@code timeout}. */
    private Result run(Path workDir, Duration timeout, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, command[0], ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is not on the PATH: the emulator's Node client test needs"
                    + " node and npm (Node 18 or later)", e);
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
