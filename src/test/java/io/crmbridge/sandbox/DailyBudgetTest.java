package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DailyBudgetTest {

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private Instant now;
        private final ZoneId zone;

        MovableClock(Instant start) {
            this(start, ZoneOffset.UTC);
        }

        MovableClock(Instant start, ZoneId zone) {
            now = start;
            this.zone = zone;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void refusesOnceSpentAndStartsAgainAtMidnight() {
        MovableClock clock = new MovableClock(Instant.parse("2026-05-01T23:59:00Z"));
        DailyBudget budget = new DailyBudget(2, clock);
        assertThat(budget.tryAcquire()).isEqualTo(1);
        assertThat(budget.tryAcquire()).isZero();
        assertThat(budget.tryAcquire()).isEqualTo(-1);
        clock.advance(Duration.ofSeconds(59));
        assertThat(budget.tryAcquire()).isEqualTo(-1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(budget.tryAcquire()).isEqualTo(1);
    }

    @Test
    void tellsTodaysCountAndTheNextMidnightInThePortalsZone() {
        // 22:30 UTC on May 1st is already 00:30 on May 2nd in Paris (UTC+2 in summer)
        MovableClock clock = new MovableClock(Instant.parse("2026-05-01T21:30:00Z"), ZoneId.of("Europe/Paris"));
        DailyBudget budget = new DailyBudget(10, clock);
        budget.tryAcquire();
        budget.tryAcquire();
        DailyBudget.Usage usage = budget.usage();
        assertThat(usage.limit()).isEqualTo(10);
        assertThat(usage.used()).isEqualTo(2);
        assertThat(usage.resetsAt()).isEqualTo(Instant.parse("2026-05-01T22:00:00Z"));
        clock.advance(Duration.ofMinutes(30));
        assertThat(budget.usage().used()).isZero();
        assertThat(budget.usage().resetsAt()).isEqualTo(Instant.parse("2026-05-02T22:00:00Z"));
    }
}
