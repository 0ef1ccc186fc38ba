package io.crmbridge.hubspot;

import java.time.Instant;
import java.util.Optional;

/**
 * The account's daily request budget as HubSpot last counted it (hubspot-api.md §10.4: the daily limit is per
 * account, shared by every app and key of the portal), or why it is unknown. Read from
 * {@code GET /account-info/<version>/api-usage/daily/private-apps} ({@code accountInfo.json} {@code ApiUsage}) by
 * {@link DailyUsageReader}.
 *
 * @param usageLimit    requests allowed today, or null when unknown
 * @param currentUsage  requests counted today (by every client of the account), or null when unknown
 * @param resetsAt      when the count starts again (midnight in the account's time zone), or null when HubSpot
 *                      did not say
 * @param unknownReason why the usage is unknown (a refused read, a failed count), or null when it is known
 */
public record DailyUsage(Long usageLimit, Long currentUsage, Instant resetsAt, String unknownReason) {

    /** A known usage. */
    public static DailyUsage known(long usageLimit, long currentUsage, Instant resetsAt) {
        return new DailyUsage(usageLimit, currentUsage, resetsAt, null);
    }

    /** An unknown usage and why, e.g. {@code "403 MISSING_SCOPES (missing scopes: oauth)"}. */
    public static DailyUsage unknown(String reason) {
        return new DailyUsage(null, null, null, reason);
    }

    /** Whether HubSpot's count is known. */
    public boolean isKnown() {
        return unknownReason == null;
    }

    /** Requests left today (never below 0); empty when unknown. */
    public Optional<Long> remaining() {
        return isKnown() ? Optional.of(Math.max(0, usageLimit - currentUsage)) : Optional.empty();
    }
}
