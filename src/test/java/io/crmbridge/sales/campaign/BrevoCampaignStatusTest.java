package io.crmbridge.sales.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.sales.campaign.BrevoCampaignStatus.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What each status of Brevo's campaign answer means for the campaign log. */
class BrevoCampaignStatusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static BrevoCampaignStatus read(String body) throws Exception {
        JsonNode answer = JSON.readTree(body);
        return BrevoCampaignStatus.of(42, answer);
    }

    @Test
    void sentTakesBrevosSentDate() throws Exception {
        BrevoCampaignStatus s = read("{\"status\":\"sent\",\"sentDate\":\"2026-12-01T10:00:00.000+01:00\"}");
        assertThat(s.outcome()).isEqualTo(Outcome.SENT);
        assertThat(s.sentAt()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(s.reason()).isNull();
    }

    @Test
    void queuedAndInProcessAreReadAgainLater() throws Exception {
        assertThat(read("{\"status\":\"queued\"}").outcome()).isEqualTo(Outcome.PENDING);
        assertThat(read("{\"status\":\"in_process\"}").outcome()).isEqualTo(Outcome.PENDING);
        assertThat(read("{\"status\":\"something_new\"}").outcome()).isEqualTo(Outcome.PENDING);
    }

    @Test
    void suspendedAndDraftFailWithTheReason() throws Exception {
        BrevoCampaignStatus suspended = read("{\"status\":\"suspended\"}");
        assertThat(suspended.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(suspended.reason()).contains("suspended").contains("42");
        BrevoCampaignStatus draft = read("{\"status\":\"draft\"}");
        assertThat(draft.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(draft.reason()).contains("draft");
    }

    @Test
    void anArchivedCampaignIsSentOnlyWithASentDate() throws Exception {
        assertThat(read("{\"status\":\"archive\",\"sentDate\":\"2026-12-01T10:00:00Z\"}").outcome())
                .isEqualTo(Outcome.SENT);
        assertThat(read("{\"status\":\"archive\"}").outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void aCampaignBrevoNoLongerHasFails() {
        BrevoCampaignStatus missing = BrevoCampaignStatus.missing(42, "Campaign ID does not exist");
        assertThat(missing.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(missing.brevoStatus()).isNull();
        assertThat(missing.reason()).contains("404").contains("Campaign ID does not exist");
    }
}
