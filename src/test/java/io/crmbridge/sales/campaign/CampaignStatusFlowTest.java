package io.crmbridge.sales.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.sandbox.RecordedRequest;
import io.crmbridge.sandbox.brevo.BrevoAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A campaign's status followed after its scheduledAt (docs/campaigns.md "After scheduledAt") on the bundled sample
 * ledger, in real time: campaigns enabled, created by a firing with a scheduledAt one minute later, the status check
 * every two seconds. The Brevo sandbox sends each queued campaign at its scheduledAt; one campaign is suspended in
 * Brevo, and another's status reads answer 503 four times (one whole check of three attempts, then one redelivery).
 */
class CampaignStatusFlowTest extends CampaignFlowTestSupport {

    private static final int ATTEMPTS = 3;

    @Override
    protected Properties extraProperties() {
        Properties p = super.extraProperties();
        p.setProperty("brevo.max-attempts", Integer.toString(ATTEMPTS));
        p.setProperty("crm-bridge.sales.campaigns.status-cron", "0/2+*+*+*+*+?");
        p.setProperty("crm-bridge.sales.campaigns.send-delay-minutes", "1");
        return p;
    }

    @Test
    void givenScheduledCampaignsWhenTheirScheduledAtPassesThenTheLogTheReportsAndTheApiSayHowBrevoEndedThem()
            throws Exception {
        BrevoAccount brevo = brevo();
        CampaignLog log = context.getRegistry().lookupByNameAndType("campaignLog", CampaignLog.class);
        dropSampleLedger();
        awaitReport("ventes_lignes.csv", 1, Duration.ofSeconds(180));
        // the firing claims and creates the segments' campaigns one after the other: wait for at least three
        await().atMost(Duration.ofSeconds(60)).until(() -> log.campaigns().stream()
                .filter(c -> CampaignLog.SCHEDULED.equals(c.status())).count() >= 3 && log.campaigns().stream()
                .noneMatch(c -> CampaignLog.CREATING.equals(c.status())));
        List<CampaignEntry> scheduled = log.campaigns().stream()
                .filter(c -> CampaignLog.SCHEDULED.equals(c.status())).toList();
        assertThat(scheduled).hasSizeGreaterThanOrEqualTo(3);
        Instant scheduledAt = scheduled.get(0).scheduledAt();
        assertThat(Instant.now()).as("the campaigns were created well before their scheduledAt")
                .isBefore(scheduledAt.minusSeconds(20));
        CampaignEntry suspended = scheduled.get(0);
        CampaignEntry flaky = scheduled.get(1);
        assertThat(brevo.suspend(suspended.brevoCampaignId())).isTrue();
        String flakyPath = "/v3/emailCampaigns/" + flaky.brevoCampaignId();
        brevo.failNext("GET", flakyPath, 503, ATTEMPTS + 1);

        // before scheduledAt nothing is read back; then every campaign but the flaky one ends at the first check
        await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(statusReads(brevo)).isEmpty();
        assertThat(log.campaign(flaky.id()).orElseThrow().status()).isEqualTo(CampaignLog.SCHEDULED);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> scheduled.stream()
                .filter(c -> c.id() != flaky.id())
                .allMatch(c -> !CampaignLog.SCHEDULED.equals(log.campaign(c.id()).orElseThrow().status())));
        CampaignEntry stillScheduled = log.campaign(flaky.id()).orElseThrow();
        assertThat(stillScheduled.status()).as("a 5xx read changes nothing").isEqualTo(CampaignLog.SCHEDULED);
        assertThat(stillScheduled.failure()).isNull();
        assertThat(stillScheduled.sentAt()).isNull();
        assertThat(brevo.requests()).filteredOn(r -> r.path().equals(flakyPath)).extracting(RecordedRequest::status)
                .as("one check: every attempt answered 503").startsWith(503, 503, 503);

        await().atMost(Duration.ofSeconds(20)).until(() -> CampaignLog.SENT.equals(
                log.campaign(flaky.id()).orElseThrow().status()));
        assertThat(brevo.requests()).filteredOn(r -> r.path().equals(flakyPath)).extracting(RecordedRequest::status)
                .as("the next check is redelivered once, then read").containsExactly(503, 503, 503, 503, 200);

        CampaignEntry failed = log.campaign(suspended.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(CampaignLog.FAILED);
        assertThat(failed.brevoStatus()).isEqualTo("suspended");
        assertThat(failed.failure()).contains("suspended").contains(Long.toString(suspended.brevoCampaignId()));
        assertThat(failed.sentAt()).isNull();
        for (CampaignEntry c : scheduled.subList(1, scheduled.size())) {
            CampaignEntry sent = log.campaign(c.id()).orElseThrow();
            assertThat(sent.status()).as(c.segment()).isEqualTo(CampaignLog.SENT);
            assertThat(sent.brevoStatus()).isEqualTo("sent");
            // the sandbox sends at scheduledAt (the log keeps milliseconds, Brevo's sentDate too)
            assertThat(sent.sentAt()).isEqualTo(c.scheduledAt());
            assertThat(sent.statusCheckedAt()).isAfterOrEqualTo(c.scheduledAt());
        }

        // the reports and the API say the same
        for (CampaignEntry c : scheduled) {
            CampaignEntry now = log.campaign(c.id()).orElseThrow();
            JsonNode report = JSON.readTree(outbox().resolve(now.reportPath()).toFile());
            assertThat(report.path("status").asText()).as(c.segment()).isEqualTo(now.status());
            assertThat(report.path("brevo_status").asText()).isEqualTo(now.brevoStatus());
            if (now.sentAt() != null) {
                assertThat(Instant.parse(report.path("sent_at").asText())).isEqualTo(now.sentAt());
            } else {
                assertThat(report.path("sent_at").isNull()).isTrue();
                assertThat(report.path("failure").asText()).isEqualTo(now.failure());
            }
        }
        JsonNode api = get("/api/sales/campaigns");
        for (JsonNode c : api.path("campaigns")) {
            CampaignEntry now = log.campaign(c.path("id").asLong()).orElseThrow();
            assertThat(c.path("status").asText()).isEqualTo(now.status());
            assertThat(c.path("sent_at").isNull()).isEqualTo(now.sentAt() == null);
        }
        assertThat(api.path("campaigns").findValuesAsText("status")).contains(CampaignLog.SENT, CampaignLog.FAILED);

        // ended campaigns are not read again, and the suspended one is not created again in its period
        int reads = statusReads(brevo).size();
        int campaigns = brevo.campaigns().size();
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
        assertThat(statusReads(brevo)).hasSize(reads);
        assertThat(brevo.campaigns()).hasSize(campaigns);
        assertThat(log.campaign(suspended.id()).orElseThrow().status()).isEqualTo(CampaignLog.FAILED);
    }

    private static List<RecordedRequest> statusReads(BrevoAccount brevo) {
        return brevo.requests().stream().filter(r -> "GET".equals(r.method())
                && r.path().matches("/v3/emailCampaigns/\\d+")).toList();
    }
}
