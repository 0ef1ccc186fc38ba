package io.crmbridge.sales.campaign;

import java.util.List;

/**
 * What a segment's campaign of one period mails and leaves out, as the guardrails decided.
 *
 * @param segment    the RFM segment
 * @param period     the period ({@code 2026-12} for a month, {@code 2026-W49} for a week)
 * @param mailed     false for a segment never mailed (then every client is an exclusion)
 * @param recipients who is mailed, in client-code order
 * @param exclusions who is left out and what was removed, in client-code order
 */
public record SegmentPlan(String segment, String period, boolean mailed, List<CampaignRecipient> recipients,
                          List<CampaignExclusion> exclusions) {

    public SegmentPlan {
        recipients = List.copyOf(recipients);
        exclusions = List.copyOf(exclusions);
    }

    /** The clients left out (exclusions that remove only a product are not counted). */
    public long excludedClients() {
        return exclusions.stream().filter(e -> e.reason().excludesClient()).count();
    }
}
