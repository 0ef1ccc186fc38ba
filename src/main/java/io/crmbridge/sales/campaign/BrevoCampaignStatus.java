package io.crmbridge.sales.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What Brevo's answer to {@code GET /v3/emailCampaigns/{campaignId}} (developers.brevo.com/reference/get-email-campaign)
 * means for a campaign crm-bridge scheduled, read after its {@code scheduledAt}. Brevo's {@code status} is one of
 * {@code draft}, {@code sent}, {@code archive}, {@code queued}, {@code suspended}, {@code in_process}; a sent campaign
 * carries its {@code sentDate}. Pure: an answer in, an outcome out.
 *
 * @param brevoStatus Brevo's {@code status}, lower case
 * @param outcome     what the log makes of it
 * @param sentAt      Brevo's {@code sentDate} for a sent campaign (null when Brevo gave none or another outcome)
 * @param reason      why the campaign was not sent, for {@link Outcome#FAILED}; null otherwise
 */
public record BrevoCampaignStatus(String brevoStatus, Outcome outcome, Instant sentAt, String reason) {

    /** What the campaign log does with Brevo's status. */
    public enum Outcome {
        /** Brevo sent the campaign: the log says {@code sent}. */
        SENT,
        /**
         * Brevo is still sending or about to ({@code queued}, {@code in_process}, or a status its reference does not
         * list): read it again later.
         */
        PENDING,
        /** Brevo will not send it as scheduled: the log says {@code failed} with the reason. */
        FAILED
    }

    /**
     * Interprets Brevo's answer for campaign {@code campaignId}.
     *
     * @param answer the JSON body of a 200 answer
     */
    public static BrevoCampaignStatus of(long campaignId, JsonNode answer) {
        String status = answer.path("status").asText("").trim().toLowerCase(Locale.ROOT);
        Instant sentDate = instant(answer.path("sentDate").asText(null));
        switch (status) {
            case "sent":
                return new BrevoCampaignStatus(status, Outcome.SENT, sentDate, null);
            case "queued":
            case "in_process":
                return new BrevoCampaignStatus(status, Outcome.PENDING, null, null);
            case "archive":
                // Brevo archives sent campaigns too: only a sentDate tells that it went out
                return sentDate != null ? new BrevoCampaignStatus(status, Outcome.SENT, sentDate, null)
                        : failed(status, "Brevo archived campaign " + campaignId + " without sending it");
            case "suspended":
                return failed(status, "Brevo suspended campaign " + campaignId + " (status suspended): it was not"
                        + " sent; see the campaign in Brevo for why (account review, sender or content)");
            case "draft":
                return failed(status, "Brevo holds campaign " + campaignId + " as a draft after its scheduledAt:"
                        + " its schedule was cancelled in Brevo");
            default:
                // a status Brevo's reference does not list says nothing of the sending: keep reading it
                return new BrevoCampaignStatus(status, Outcome.PENDING, null, null);
        }
    }

    /** The outcome for a campaign Brevo no longer has (404 {@code document_not_found}). */
    public static BrevoCampaignStatus missing(long campaignId, String brevoMessage) {
        return failed(null, "Brevo has no campaign " + campaignId + " any more (404: " + brevoMessage
                + "); it was deleted in Brevo");
    }

    private static BrevoCampaignStatus failed(String status, String reason) {
        return new BrevoCampaignStatus(status, Outcome.FAILED, null, reason);
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            // a sentDate we cannot read still says the campaign went out; the caller uses the time of the read
            return null;
        }
    }
}
