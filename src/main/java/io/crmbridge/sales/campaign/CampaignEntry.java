package io.crmbridge.sales.campaign;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the campaign log (table {@code sales_campaign}, migrations V16 and V17).
 *
 * @param id               the log's id
 * @param segment          RFM segment
 * @param period           the period ({@code 2026-12}, {@code 2026-W49})
 * @param status           {@code creating}, {@code scheduled}, {@code sent}, {@code failed} or {@code skipped}
 * @param templateId       Brevo template id, or null
 * @param listId           Brevo list of the recipients, or null
 * @param exclusionListId  Brevo list of the excluded members, or null
 * @param brevoCampaignId  Brevo campaign id, or null
 * @param scheduledAt      when Brevo sends it, or null
 * @param recipients       clients mailed
 * @param exclusions       clients left out
 * @param failure          Brevo's reason of a failure, or why a campaign was skipped; null otherwise
 * @param reportPath       the report file relative to the outbox, or null
 * @param createdAt        when the row was claimed
 * @param updatedAt        last change
 * @param byReason         exclusions and removals by reason code
 * @param brevoStatus      the campaign's status in Brevo's last answer after {@code scheduledAt} ({@code queued},
 *                         {@code in_process}, {@code sent}, {@code suspended}...), or null before the first read
 * @param statusCheckedAt  when Brevo was last asked for that status, or null
 * @param sentAt           when Brevo sent the campaign (its {@code sentDate}), or null
 */
public record CampaignEntry(long id, String segment, String period, String status, Long templateId, Long listId,
                            Long exclusionListId, Long brevoCampaignId, Instant scheduledAt, int recipients,
                            int exclusions, String failure, String reportPath, Instant createdAt, Instant updatedAt,
                            Map<String, Long> byReason, String brevoStatus, Instant statusCheckedAt,
                            Instant sentAt) {
}
