package io.crmbridge.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/**
 * HubSpot's per-account daily request allowance (hubspot-api.md §4.1, §10.4): at most {@code limit} requests per
 * calendar day, the count starting again at midnight in the clock's zone (the sandbox portal's time zone,
 * {@code sandbox.time-zone}; HubSpot uses the account's). Serves the daily usage read too ({@link #usage()}).
 */
final class DailyBudget {

    private final long limit;
    private final Clock clock;
    private LocalDate day;
    private long used;

    DailyBudget(long limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
        this.day = LocalDate.now(clock);
    }

    /** Tries to spend one request today; returns what remains today, or -1 when today's budget is spent. */
    synchronized long tryAcquire() {
        rollOver();
        if (used >= limit) {
            return -1;
        }
        used++;
        return limit - used;
    }

    /** Today's count as the daily usage read answers it: the limit, the requests counted today, the next reset. */
    synchronized Usage usage() {
        rollOver();
        return new Usage(limit, used, day.plusDays(1).atStartOfDay(clock.getZone()).toInstant(), clock.instant());
    }

    /**
     * One day's count.
     *
     * @param limit       requests allowed a day
     * @param used        requests counted today
     * @param resetsAt    the next midnight in the portal's zone
     * @param collectedAt when it was counted
     */
    record Usage(long limit, long used, Instant resetsAt, Instant collectedAt) {
    }

    private void rollOver() {
        LocalDate today = LocalDate.now(clock);
        if (!today.equals(day)) {
            day = today;
            used = 0;
        }
    }

    long limit() {
        return limit;
    }
}
