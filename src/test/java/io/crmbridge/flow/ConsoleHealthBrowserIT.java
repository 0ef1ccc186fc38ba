package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The Health page in a real browser (docs/console.md "Read the health"): the packaged application as a service
 * against a sandbox that limits the 10-second window and answers some requests 429, two files of {@code data/}
 * imported, then the page read as a user reads it: HubSpot's window and day from its headers, the daily usage, and
 * the last hour's chart (uPlot's canvas) with the totals that {@code GET /api/health} gives. Saves
 * {@code target/console-screenshots/health.png}.
 */
class ConsoleHealthBrowserIT {

    private static final List<String> FILES = List.of("companies.csv", "contacts.csv");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theHealthPageChartsTheLastHourAndShowsHubSpotsBudget() throws Exception {
        String token = "health-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        int port = ImportFlowTestSupport.freePort();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Map<String, String> p = new HashMap<>();
        p.put("camel.server.port", Integer.toString(port));
        p.put("crm-bridge.api.token", token);
        p.put("sandbox.requests-per-ten-seconds", "190");
        p.put("hubspot.requests-per-ten-seconds", "2000");
        p.put("sandbox.faults.seed", "7");
        p.put("sandbox.faults.rate-limited-rate", "0.3");
        p.put("hubspot.max-attempts", "10");
        p.put("hubspot.backoff-initial-ms", "20");
        p.put("hubspot.backoff-max-ms", "100");
        p.put("crm-bridge.poll-delay-ms", "200");
        String base = "http://127.0.0.1:" + port;
        try (ChildApplication app = ChildApplication.start(dir, dir.resolve("app.log"), p,
                "--inbox", inbox.toString(), "--outbox", dir.resolve("outbox").toString())) {
            for (String f : FILES) {
                Path staging = dir.resolve("staging-" + f);
                Files.copy(Path.of("data", f), staging);
                Files.move(staging, inbox.resolve(f));
            }
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                    health(base, token).path("dailyUsage").isObject()
                            && runs(base, token).findValues("status").stream().filter(s -> s.asText().equals("COMPLETED"))
                            .count() == FILES.size());
            // the runs' last requests (their links) are in once the count holds still for two seconds
            java.util.concurrent.atomic.AtomicLong previous = new java.util.concurrent.atomic.AtomicLong(-1);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                long now = health(base, token).path("lastHourTotals").path("requests").asLong();
                return previous.getAndSet(now) == now;
            });
            JsonNode hubspot = health(base, token);
            JsonNode totals = hubspot.path("lastHourTotals");
            assertThat(totals.path("tooManyRequests").asLong()).isPositive();

            WebDriver browser = ConsoleBrowser.start(dir);
            try {
                ConsoleBrowser.login(browser, base, token);
                browser.get(base + "/console/health");
                // uPlot draws the chart once its script has run: on a busy machine after the page is there
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                        .until(() -> !browser.findElements(By.cssSelector("#last-hour-chart canvas")).isEmpty());
                assertThat(browser.findElement(By.id("last-hour-requests")).getText())
                        .isEqualTo(totals.path("requests").asText());
                assertThat(browser.findElement(By.id("last-hour-retries")).getText())
                        .isEqualTo(totals.path("retries").asText());
                assertThat(browser.findElement(By.id("last-hour-429")).getText())
                        .isEqualTo(totals.path("tooManyRequests").asText());
                assertThat(browser.findElement(By.id("hubspot-window")).getText()).contains("of 190 left in 10,000 ms");
                assertThat(browser.findElement(By.id("hubspot-daily")).getText()).contains("of 1,000,000 left today");
                assertThat(browser.findElement(By.id("hubspot-daily-usage")).getText())
                        .contains("of 1,000,000 used by the account");
                assertThat(browser.findElement(By.id("ledger-url")).getText()).startsWith("jdbc:h2:mem:");
                assertThat(browser.getPageSource()).doesNotContain(token);
                ConsoleBrowser.screenshot(browser, "health");
            } finally {
                browser.quit();
            }
            assertThat(app.output()).doesNotContain(token);
        }
    }

    private static JsonNode health(String base, String token) throws Exception {
        return get(base + "/api/health", token).path("hubspot");
    }

    private static JsonNode runs(String base, String token) throws Exception {
        return get(base + "/api/runs", token).path("runs");
    }

    private static JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
