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

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
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
}
