package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.push.CapturedLog;
import io.crmbridge.sandbox.HubSpotSandbox;
import io.crmbridge.sandbox.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The account's daily budget before a file (hubspot-api.md §10.4), against a sandbox whose daily limit is nearly
 * used: 3 requests a day, one of them the usage read itself, so that 2 are left for a file of 58 contacts.
 */
class DailyBudgetFlowTest {

    static final String FILE = "contacts.csv";

    static Properties nearlyUsedDailyLimit(String mode) {
        Properties p = ImportFlowTestSupport.unlimitedRate();
        p.setProperty("sandbox.daily-limit", "3");
        // the requests past the limit are refused at once: the test is about the check, not the redelivery
        p.setProperty("hubspot.max-attempts", "1");
        p.setProperty("crm-bridge.daily-budget.mode", mode);
        return p;
    }

    static Instant nextUtcMidnight() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    abstract static class WithCapturedLog extends ImportFlowTestSupport {
        CapturedLog log;

        @BeforeEach
        void captureLog() {
            log = CapturedLog.attach();
        }

        @AfterEach
        void releaseLog() {
            log.close();
        }

        boolean logged(String... parts) {
            return log.lines().stream().anyMatch(l -> java.util.Arrays.stream(parts).allMatch(l::contains));
        }
    }

    @Nested
    class ByDefault extends WithCapturedLog {

        @Override
        protected Properties extraProperties() {
            return nearlyUsedDailyLimit("warn");
        }

        @Test
        void theFileIsWarnedAboutBeforeItStartsAndSentAnyway() throws Exception {
            drop(Path.of("data", FILE), FILE);

            JsonNode report = awaitReport(FILE);

            JsonNode usage = report.path("dailyUsage");
            assertThat(usage.path("usageLimit").asLong()).isEqualTo(3);
            assertThat(usage.path("currentUsage").asLong()).isEqualTo(1);
            assertThat(Instant.parse(usage.path("resetsAt").asText())).isEqualTo(nextUtcMidnight());
            long estimate = usage.path("estimatedRequests").asLong();
            assertThat(estimate).isGreaterThan(2);
            assertThat(usage.path("unknown").isNull()).isTrue();
            assertThat(logged(FILE + ": estimated at " + estimate + " HubSpot requests", "2 of its 3 daily requests left"))
                    .as("the WARN line names the file, the estimate and what is left").isTrue();
            // sent anyway: HubSpot refused what went past the limit
            assertThat(report.path("outcomes").path("failed").asLong()).isPositive();
            assertThat(report.path("topErrors").toString()).contains("daily limit");
            assertThat(Files.readString(htmlBeside(reports(FILE).get(0))))
                    .contains("2 of 3 left (resets " + nextUtcMidnight() + "); " + estimate + " requests estimated");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox().resolve(".done")));
        }
    }

    @Nested
    class WhenToldToWait extends WithCapturedLog {

        @Override
        protected Properties extraProperties() {
            return nearlyUsedDailyLimit("wait");
        }

        @Test
        void theFileWaitsInTheInboxUntilTheResetAndNothingIsSent() throws Exception {
            HubSpotSandbox sandbox = sandbox();
            drop(Path.of("data", FILE), FILE);

            await().atMost(Duration.ofSeconds(30)).until(() -> logged(FILE, "is taken again at " + nextUtcMidnight()));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(inbox().resolve(FILE)));
            // several polls later it is still there, not taken again before the reset
            Thread.sleep(1_000);

            assertThat(inbox().resolve(FILE)).exists();
            assertThat(inbox().resolve(".failed").resolve(FILE)).doesNotExist();
            assertThat(inbox().resolve(".done")).doesNotExist();
            assertThat(reports(FILE)).isEmpty();
            assertThat(sandbox.state().requests()).extracting(RecordedRequest::path)
                    .containsExactly("/account-info/" + apiVersion() + "/api-usage/daily/private-apps");
            assertThat(sandbox.state().count(ObjectType.CONTACTS)).isZero();
            assertThat(logged(FILE + ": estimated at", "2 of its 3 daily requests left", "waits in the inbox")).isTrue();
        }

        private String apiVersion() {
            return context.getPropertiesComponent().resolveProperty("hubspot.api-version").orElse("v3");
        }
    }
}
