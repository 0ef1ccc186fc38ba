package io.crmbridge.sandbox.brevo;

import java.util.List;
import java.util.Map;

/**
 * An e-mail campaign of the sandbox's Brevo account ({@code POST /v3/emailCampaigns},
 * developers.brevo.com/reference/create-email-campaign) and what it would send: one {@link Delivery} per
 * contact of its lists, less the contacts of its exclusion lists and the blacklisted ones, taken when the
 * campaign is created.
 *
 * @param id               Brevo's campaign id
 * @param name             campaign name
 * @param subject          subject (the template's when the request gave none)
 * @param templateId       the template it uses, or null when it came with its own {@code htmlContent}
 * @param listIds          {@code recipients.listIds}
 * @param exclusionListIds {@code recipients.exclusionListIds}
 * @param scheduledAt      {@code scheduledAt} as sent (ISO-8601 with offset), or null
 * @param status           {@code queued} when scheduled, else {@code draft}; {@code sent} once the sandbox's clock
 *                         passed {@code scheduledAt}; {@code suspended} on command ({@link BrevoAccount#suspend})
 * @param sentDate         when it was sent (its {@code scheduledAt}, ISO-8601 with offset), or null
 * @param deliveries       what each recipient would receive
 */
public record BrevoCampaign(long id, String name, String subject, Long templateId, List<Long> listIds,
                            List<Long> exclusionListIds, String scheduledAt, String status, String sentDate,
                            List<Delivery> deliveries) {

    public BrevoCampaign {
        listIds = List.copyOf(listIds);
        exclusionListIds = List.copyOf(exclusionListIds);
        deliveries = List.copyOf(deliveries);
    }

    /** The same campaign in another status, sent at {@code sentDate} (null when not sent). */
    BrevoCampaign withStatus(String newStatus, String newSentDate) {
        return new BrevoCampaign(id, name, subject, templateId, listIds, exclusionListIds, scheduledAt, newStatus,
                newSentDate, deliveries);
    }

    /**
     * One mail the campaign would send.
     *
     * @param email      the recipient
     * @param attributes the contact's attributes when the campaign was created
     * @param subject    the subject with the contact's attributes filled in
     * @param html       the body with the contact's attributes filled in
     */
    public record Delivery(String email, Map<String, Object> attributes, String subject, String html) {

        public Delivery {
            attributes = Map.copyOf(attributes);
        }
    }
}
