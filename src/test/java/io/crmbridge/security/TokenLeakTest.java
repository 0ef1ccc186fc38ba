package io.crmbridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.HubSpotSandbox;
import io.crmbridge.sandbox.SandboxConfig;
import io.crmbridge.sandbox.SandboxFaults;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.camel.ServiceStatus;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HubSpot token and the API token never leak (PRODUCT.md "Promises"): the
 * application runs against a sandbox of its own started here with a recognisable HubSpot token
 * (read from {@code hubspot.access-token-file}, {@code hubspot.sandbox=false}, as with a real
 * portal), through the main flows: imports with rejected rows, a record HubSpot refuses, injected
 * 5xx and 429 answers, a contact sync and REST calls with wrong tokens, and finally a 403 for a
 * missing scope, which stops the run. Every log line the log4j2 configuration emits (with stack
 * traces and causes), every HTTP answer (the REST API's, and the management server's health and metrics)
 * and every file written under this test's folder (reports, dead letters, archived inbox files) is then
 * searched for either token.
 */
class TokenLeakTest extends ImportFlowTestSupport {

    private static final String HUBSPOT_TOKEN = "pat-na1-LEAKCANARY-" + UUID.randomUUID();
    private static final String API_TOKEN = "api-LEAKCANARY-" + UUID.randomUUID();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String CONTACTS = String.join("\n",
            "First Name,Last Name,Email,Company,Subscription Date",
            "Ana,Silva,ana.silva@verde-exports.com.br,Verde Exports,2024-02-01T09:30:00Z",
            "Ben,Okafor,ben.okafor@lagos-freight.ng,Lagos Freight,2024-02-02T10:00:00Z",
            // HubSpot refuses this createdate (a space instead of the T): HUBSPOT_REJECTED
            "Chen,Wei,chen.wei@pearl-river-tools.cn,Pearl River Tools,2024-02-03 14:05",
            // crm-bridge rejects these
            "Bad,Mail,not-an-email,Nowhere,2024-02-04T11:15:00Z",
            "Eve,Formula,=HYPERLINK(\"http://evil.example\"),Evil,2024-02-05T16:45:00Z",
            "");

    // set from extraProperties(), which the test support's constructor calls before field initialisers run
    private List<String> logLines;
    private HubSpotSandbox portal;
    private AbstractAppender capture;
    private final List<String> httpAnswers = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Called from the test support's constructor: starts the "portal" and the log capture before the application. */
    @Override
    protected Properties extraProperties() {
        startLogCapture();
        if (portal != null) {
            throw new IllegalStateException("the application's properties are asked for once");
        }
        try {
            // every flow scope but tickets: the tickets file at the end gets HubSpot's 403
            Set<String> scopes = new HashSet<>(SandboxConfig.FLOW_SCOPES);
            scopes.remove("tickets");
            portal = HubSpotSandbox.start(new SandboxConfig("127.0.0.1", 0, HUBSPOT_TOKEN, 100, 0, scopes, 0,
                    SandboxFaults.none().withSeed(11).withServerErrorRate(0.1).withRateLimitedRate(0.05)));
            Path tokenFile = Files.createDirectories(work().resolve("secret")).resolve("hubspot-token");
            Files.writeString(tokenFile, HUBSPOT_TOKEN + "\n", StandardCharsets.UTF_8);
            Path mapping = work().resolve("secret").resolve("hubspot-properties.properties");
            Files.writeString(mapping, "contacts.subscription_date = createdate : text\n", StandardCharsets.UTF_8);
            Properties p = unlimitedRate();
            p.setProperty("hubspot.sandbox", "false");
            p.setProperty("hubspot.base-url", portal.baseUrl());
            p.setProperty("hubspot.access-token-file", tokenFile.toString());
            p.setProperty("hubspot.max-attempts", "4");
            p.setProperty("hubspot.backoff-initial-ms", "10");
            p.setProperty("hubspot.backoff-max-ms", "40");
            p.setProperty("crm-bridge.mapping.hubspot-properties-file", mapping.toString());
            p.setProperty("crm-bridge.api.token", API_TOKEN);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stopPortalAndCapture() {
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        logs.getConfiguration().getRootLogger().removeAppender(capture.getName());
        logs.updateLoggers();
        capture.stop();
        portal.close();
    }

    @Test
    void neitherTokenAppearsInLogsReportsDeadLettersArchivesOrHttpAnswers() throws Exception {
        drop("contacts-leak.csv", CONTACTS.getBytes(StandardCharsets.UTF_8));
        drop(Path.of("data", "companies.csv"), "companies.csv");
        JsonNode contacts = awaitReport("contacts-leak.csv", 1, TIMEOUT);
        awaitReport("companies.csv", 1, TIMEOUT);
        assertThat(contacts.path("outcomes").path("rejected").asLong()).isEqualTo(2);
        assertThat(contacts.path("errorsByCode").path("HUBSPOT_REJECTED").asLong()).isEqualTo(1);
        assertThat(portal.state().count(ObjectType.CONTACTS)).as("the token was used").isEqualTo(2);

        String api = "http://127.0.0.1:" + applicationPort() + "/api/integrations/hubspot";
        assertThat(call("POST", api + "/sync?mode=full", "Bearer " + API_TOKEN).statusCode()).isEqualTo(200);
        assertThat(call("GET", api + "/contacts", "Bearer " + API_TOKEN).statusCode()).isEqualTo(200);
        assertThat(call("GET", api + "/sync/stats", "Bearer " + API_TOKEN).statusCode()).isEqualTo(200);
        for (String wrong : List.of("Bearer " + HUBSPOT_TOKEN, "Bearer " + API_TOKEN + "x", "Bearer " + API_TOKEN.substring(1),
                "Basic " + API_TOKEN, API_TOKEN, "Bearer")) {
            HttpResponse<String> refused = call("GET", api + "/contacts", wrong);
            assertThat(refused.statusCode()).as("Authorization: %s", wrong).isEqualTo(401);
        }
        assertThat(call("GET", api + "/contacts", null).statusCode()).isEqualTo(401);
        // the management server: health with every detail (the hubspot check's evidence included), and the metrics
        String observe = "http://127.0.0.1:" + managementPort() + "/observe";
        assertThat(call("GET", observe + "/health/ready?exposureLevel=full&stackTrace=true&data=true", null).body())
                .contains("\"hubspot\"");
        assertThat(call("GET", observe + "/metrics", null).body()).contains("crm_bridge_hubspot_requests_total");

        // HubSpot answers 403 MISSING_SCOPES for tickets: the file fails and the run stops
        drop(Path.of("data", "tickets.csv"), "tickets.csv");
        await().atMost(TIMEOUT).until(() -> Files.exists(inbox().resolve(".failed").resolve("tickets.csv")));
        await().atMost(TIMEOUT).until(() -> context.getStatus() == ServiceStatus.Stopped);

        assertThat(logLines).as("log lines captured").anyMatch(l -> l.contains("contacts-leak.csv"))
                .anyMatch(l -> l.contains("MISSING_SCOPES") || l.contains("scope"));
        assertThat(leaks(List.of("a line with " + HUBSPOT_TOKEN), "probe")).as("the scan finds a token").isNotEmpty();
        List<String> found = new ArrayList<>();
        found.addAll(leaks(logLines, "log"));
        found.addAll(leaks(httpAnswers, "HTTP answer"));
        found.addAll(leaksInFiles());
        assertThat(found).isEmpty();
    }

    private List<String> leaksInFiles() throws IOException {
        Path secrets = work().resolve("secret");
        List<String> found = new ArrayList<>();
        List<Path> scanned = new ArrayList<>();
        try (Stream<Path> files = Files.walk(work())) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(secrets)).toList()) {
                scanned.add(file);
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                found.addAll(leaks(List.of(text), work().relativize(file).toString()));
            }
        }
        assertThat(scanned).as("files scanned")
                .anyMatch(f -> f.getFileName().toString().matches("contacts-leak\\.csv-run\\d+\\.rejected\\.csv"))
                .anyMatch(f -> f.toString().endsWith(".html"))
                .anyMatch(f -> f.toString().endsWith(".json"));
        return found;
    }

    private static List<String> leaks(List<String> texts, String where) {
        List<String> found = new ArrayList<>();
        for (String text : texts) {
            // the tokens' random parts: a token cut, quoted or masked in part still shows them
            for (String secret : List.of(HUBSPOT_TOKEN.substring(HUBSPOT_TOKEN.length() - 36),
                    API_TOKEN.substring(API_TOKEN.length() - 36))) {
                if (text.contains(secret)) {
                    found.add(where + ": " + text.substring(0, Math.min(300, text.length())));
                }
            }
        }
        return found;
    }

    private HttpResponse<String> call(String method, String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        httpAnswers.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
        return response;
    }

    /** Adds an appender to the root logger of the log4j2 configuration in force (src/main/resources/log4j2.properties). */
    private void startLogCapture() {
        if (capture != null) {
            return;
        }
        logLines = new CopyOnWriteArrayList<>();
        List<String> lines = logLines;
        capture = new AbstractAppender("token-leak-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                        .append(event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append('\n').append(trace);
                }
                lines.add(line.toString());
            }
        };
        capture.start();
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        logs.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        logs.updateLoggers();
    }
}
