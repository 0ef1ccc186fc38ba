package io.crmbridge.sandbox;

import java.time.Clock;
import java.time.LocalDate;

/**
 * HubSpot's per-account daily request allowance (hubspot-api.md §4.1): at most {@code limit} requests per
 * calendar day, the count starting again at midnight in the clock's zone (the sandbox portal's time zone;
 * HubSpot uses the account's).
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
        LocalDate today = LocalDate.now(clock);
        if (!today.equals(day)) {
            day = today;
            used = 0;
        }
        if (used >= limit) {
            return -1;
        }
        used++;
        return limit - used;
    }

    long limit() {
        return limit;
    }
}
