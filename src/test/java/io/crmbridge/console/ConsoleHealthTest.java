package io.crmbridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.sandbox.RecordedRequest;
import io.crmbridge.sandbox.SandboxConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Health page's use of HubSpot's rate budget (docs/console.md "Read the health") on the real application against
 * a sandbox that limits the 10-second window, keeps a daily count and answers some requests 429: after an import the
 * last hour counts exactly the requests and 429s the sandbox received, the figures of HubSpot's rate-limit headers and
 * of the daily usage read are shown, and the ledger's URL is shown without the user and password it carries.
 */
class ConsoleHealthTest extends ImportFlowTestSupport {

    private static final String TOKEN = "console-health-token-8c1e";
    /** A ledger password written in the JDBC URL: the page and the API must show it masked. */
    private static final String DB_PASSWORD = "canary-url-pw-41d9";
    private static final int WINDOW = 1000;

    @Override
    protected Properties extraProperties() {
        Properties p = new Properties();
        p.setProperty("crm-bridge.api.token", TOKEN);
        p.setProperty("sandbox.requests-per-ten-seconds", Integer.toString(WINDOW));
        p.setProperty("hubspot.requests-per-ten-seconds", "2000");
        p.setProperty("sandbox.faults.seed", "20261205");
        p.setProperty("sandbox.faults.rate-limited-rate", "0.4");
        // no request gives up after its 429s (0.4^10): each 429 is retried
        p.setProperty("hubspot.max-attempts", "10");
        p.setProperty("hubspot.backoff-initial-ms", "20");
        p.setProperty("hubspot.backoff-max-ms", "100");
        p.setProperty("crm-bridge.db.url", "jdbc:h2:mem:health-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;USER=ledger;PASSWORD=" + DB_PASSWORD);
        p.setProperty("crm-bridge.db.user", "ledger");
        p.setProperty("crm-bridge.db.password", DB_PASSWORD);
        return p;
    }

    @Test
    void afterAnImportTheLastHourCountsWhatTheSandboxReceivedWithTheRateHeadersAndTheDailyUsage() throws Exception {
        ConsoleHttp http = new ConsoleHttp(applicationPort());
        String cookie = http.session(TOKEN);
        Instant before = Instant.now();
        drop(Path.of("data", "contacts.csv"), "contacts.csv");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                JSON.readTree(http.get("/api/runs", null, cookie).body()).path("runs").path(0).path("status").asText()
                        .equals("COMPLETED"));

        // the run's last requests (its links) may still be on their way: the counts agree once they are in
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<RecordedRequest> received = sandbox().state().requests();
            JsonNode totals = health(http).path("hubspot").path("lastHourTotals");
            assertThat(totals.path("requests").asLong()).isEqualTo(received.size());
            assertThat(totals.path("tooManyRequests").asLong())
                    .isEqualTo(received.stream().filter(r -> r.status() == 429).count()).isPositive();
        });
        List<RecordedRequest> received = sandbox().state().requests();
        long tooMany = received.stream().filter(r -> r.status() == 429).count();
        JsonNode hubspot = health(http).path("hubspot");
        // every 429 is sent again (no other fault here)
        assertThat(hubspot.path("lastHourTotals").path("retries").asLong()).isEqualTo(tooMany);
        JsonNode lastHour = hubspot.path("lastHour");
        assertThat(lastHour).hasSize(60);
        long sum = 0;
        for (JsonNode minute : lastHour) {
            sum += minute.path("requests").asLong();
        }
        assertThat(sum).isEqualTo(received.size());
        assertThat(Instant.parse(lastHour.path(59).path("minute").asText()))
                .isBeforeOrEqualTo(Instant.now()).isAfter(Instant.now().minusSeconds(61));

        JsonNode window = hubspot.path("rateLimitWindow");
        assertThat(window.path("max").asLong()).isEqualTo(WINDOW);
        assertThat(window.path("intervalMs").asLong()).isEqualTo(10_000);
        assertThat(window.path("remaining").asLong()).isBetween(0L, (long) WINDOW - 1);
        assertThat(Instant.parse(window.path("seenAt").asText())).isAfterOrEqualTo(before);
        JsonNode daily = hubspot.path("rateLimitDaily");
        assertThat(daily.path("daily").asLong()).isEqualTo(SandboxConfig.DEFAULT_DAILY_LIMIT);
        // the latest answer's count: every request the sandbox admitted until then spent the day's budget
        assertThat(daily.path("dailyRemaining").asLong())
                .isBetween(SandboxConfig.DEFAULT_DAILY_LIMIT - received.size(), SandboxConfig.DEFAULT_DAILY_LIMIT - 1);
        JsonNode usage = hubspot.path("dailyUsage");
        assertThat(usage.path("unknownReason").isNull()).isTrue();
        assertThat(usage.path("usageLimit").asLong()).isEqualTo(SandboxConfig.DEFAULT_DAILY_LIMIT);
        assertThat(usage.path("currentUsage").asLong()).isBetween(1L, (long) received.size());
        assertThat(usage.path("remaining").asLong())
                .isEqualTo(SandboxConfig.DEFAULT_DAILY_LIMIT - usage.path("currentUsage").asLong());
        assertThat(Instant.parse(usage.path("readAt").asText())).isAfterOrEqualTo(before);

        String page = http.get("/console/health", null, cookie).body();
        // the page groups big numbers; the API above answered them raw
        assertThat(SandboxConfig.DEFAULT_DAILY_LIMIT).isEqualTo(1_000_000L);
        assertThat(page).contains("/console/assets/uPlot.min.js").contains("id=\"last-hour-chart\"")
                .contains("id=\"last-hour-requests\">" + grouped(received.size()) + "<")
                .contains("id=\"last-hour-429\">" + grouped(tooMany) + "<")
                .contains("<span class=\"num\">" + grouped(window.path("max").asLong()) + "</span>")
                .contains("<span class=\"num\">1,000,000</span>").doesNotContain("<span class=\"num\">1000000<");
        String requests = page.replaceAll("(?s).*data-requests=\"([0-9,]*)\".*", "$1");
        assertThat(Arrays.stream(requests.split(",")).mapToLong(Long::parseLong).sum()).isEqualTo(received.size());
    }

    /** {@code n} with its thousands grouped by commas, as the page writes counts (12345 reads 12,345). */
    private static String grouped(long n) {
        StringBuilder digits = new StringBuilder(Long.toString(n));
        for (int at = digits.length() - 3; at > 0; at -= 3) {
            digits.insert(at, ',');
        }
        return digits.toString();
    }

    @Test
    void theLedgerUrlIsShownWithoutItsUserAndPassword() throws Exception {
        ConsoleHttp http = new ConsoleHttp(applicationPort());
        String answer = http.get("/api/health", "Bearer " + TOKEN, null).body();
        JsonNode health = JSON.readTree(answer);
        assertThat(health.path("ledger").path("url").asText()).startsWith("jdbc:h2:mem:health-")
                .endsWith(";DB_CLOSE_DELAY=-1;USER=***;PASSWORD=***;DB_CLOSE_ON_EXIT=FALSE");
        health.path("settings").forEach(s -> {
            if (s.path("name").asText().equals("crm-bridge.db.url")) {
                assertThat(s.path("value").asText()).endsWith(";USER=***;PASSWORD=***");
            }
        });
        assertThat(answer).doesNotContain(DB_PASSWORD);
        String page = http.get("/console/health", null, http.session(TOKEN)).body();
        assertThat(page).contains("id=\"ledger-url\"").contains("PASSWORD&#61;***").doesNotContain(DB_PASSWORD);
    }

    private static JsonNode health(ConsoleHttp http) throws Exception {
        return JSON.readTree(http.get("/api/health", "Bearer " + TOKEN, null).body());
    }
}
