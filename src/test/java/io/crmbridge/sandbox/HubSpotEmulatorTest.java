package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmbridge.model.ObjectType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The emulator in this JVM: what it prints, the token, the settings it applies, and stopping. */
class HubSpotEmulatorTest {

    private static final Pattern URL = Pattern.compile(HubSpotEmulator.LISTENING + "(http://\\S+)");
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private final HttpClient http = HttpClient.newHttpClient();

    private HubSpotEmulator start(Map<String, String> settings, List<String> ignored) throws Exception {
        return HubSpotEmulator.start(new SandboxSettings(key -> Optional.ofNullable(settings.get(key))), ignored, out);
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void printsAMadeUpTokenOnceAndItOpensThePortal() throws Exception {
        try (HubSpotEmulator emulator = start(Map.of(), List.of())) {
            Matcher token = Pattern.compile("Access token: (" + HubSpotEmulator.TOKEN_PREFIX + "\\S+)").matcher(output());
            assertThat(token.find()).as(output()).isTrue();
            Matcher url = URL.matcher(output());
            assertThat(url.find()).isTrue();
            assertThat(url.group(1)).isEqualTo(emulator.baseUrl());

            assertThat(get(emulator.baseUrl() + "/crm/v3/objects/contacts", token.group(1)).statusCode()).isEqualTo(200);
            assertThat(output().split(Pattern.quote(token.group(1)), -1)).as("printed once").hasSize(2);
            assertThat(output()).contains("Seeded contacts: none").contains("Faults: none");
        }
    }

    @Test
    void neverPrintsAGivenTokenAndAcceptsOnlyIt() throws Exception {
        String token = "canary-emulator-token-4711";
        try (HubSpotEmulator emulator = start(Map.of("sandbox.token", token), List.of())) {
            assertThat(output()).doesNotContain(token).contains("Access token: the one given in sandbox.token (not shown)");
            assertThat(get(emulator.baseUrl() + "/crm/v3/pipelines/tickets", token).statusCode()).isEqualTo(200);
            assertThat(get(emulator.baseUrl() + "/crm/v3/pipelines/tickets", "another").statusCode()).isEqualTo(401);
        }
        assertThat(output()).doesNotContain(token);
    }

    @Test
    void appliesTheTierTheDailyBudgetTheScopesAndTheSeed() throws Exception {
        try (HubSpotEmulator emulator = start(Map.of("sandbox.token", "t", "sandbox.requests-per-ten-seconds", "100",
                "sandbox.daily-limit", "250000", "sandbox.scopes", "crm.objects.contacts.read",
                "sandbox.seed-contacts", "generate:25", "sandbox.faults.latency-ms", "1"), List.of("--once"))) {
            HttpResponse<String> list = get(emulator.baseUrl() + "/crm/v3/objects/contacts?limit=5", "t");

            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.headers().firstValue("X-HubSpot-RateLimit-Max")).contains("100");
            assertThat(list.headers().firstValue("X-HubSpot-RateLimit-Daily")).contains("250000");
            assertThat(get(emulator.baseUrl() + "/crm/v3/objects/companies", "t").statusCode()).isEqualTo(403);
            assertThat(emulator.state().count(ObjectType.CONTACTS)).isEqualTo(25);
            assertThat(output()).contains("Ignored (not a sandbox setting): --once")
                    .contains("Limits: 100 requests per 10 s, 250000 per day, 100 inputs per batch")
                    .contains("Scopes: crm.objects.contacts.read")
                    .contains("Seeded contacts: 25 contacts from generate:25 (0 contact lists)")
                    .contains("Faults: SandboxFaults[").contains("latencyMinMs=1");
        }
    }

    @Test
    void aTakenPortFailsNamingTheSettingToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> start(Map.of("sandbox.port", Integer.toString(taken.getLocalPort())), List.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " (sandbox.port)")
                    .hasMessageContaining("--sandbox.port=<another port>");
        }
    }

    @Test
    void aMalformedSettingNamesItself() {
        assertThatThrownBy(() -> start(Map.of("sandbox.requests-per-ten-seconds", "fast"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sandbox.requests-per-ten-seconds");
    }

    @Test
    void servesUntilClosedThenSaysSo() throws Exception {
        HubSpotEmulator emulator = start(Map.of("sandbox.token", "t"), List.of());
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                emulator.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(waiting).isNotDone();

        emulator.close();
        emulator.close();

        waiting.get(5, TimeUnit.SECONDS);
        assertThat(output()).containsOnlyOnce("HubSpot emulator stopped");
        HttpClient quick = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> quick.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/crm/v3/objects/contacts"))
                .GET().build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
    }
}
