package io.crmbridge.sales.campaign;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;

/**
 * The period a campaign belongs to, in the schedule's time zone: a month ({@code 2026-12}) or an ISO week
 * ({@code 2026-W49}). A segment gets at most one campaign per period, and the mail cap counts per period.
 */
public final class CampaignPeriod {

    private CampaignPeriod() {
    }

    /**
     * @param kind {@code month} or {@code week} ({@code crm-bridge.sales.campaigns.period})
     * @throws IllegalArgumentException for another kind
     */
    public static String of(Instant at, ZoneId zone, String kind) {
        ZonedDateTime t = at.atZone(zone);
        return switch (kind) {
            case "month" -> String.format("%04d-%02d", t.getYear(), t.getMonthValue());
            case "week" -> String.format("%04d-W%02d", t.get(IsoFields.WEEK_BASED_YEAR),
                    t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            default -> throw new IllegalArgumentException("period must be month or week, not " + kind);
        };
    }
}
