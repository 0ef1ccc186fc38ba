package io.crmbridge.report;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressMeterTest {

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void emitsAtMostOncePerInterval() {
        MutableClock clock = new MutableClock();
        ProgressMeter meter = new ProgressMeter("contacts.csv", 1000, Duration.ofSeconds(5), clock);

        assertThat(meter.update(10, 10)).isEmpty();
        clock.advance(Duration.ofSeconds(4));
        assertThat(meter.update(100, 100)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(meter.update(120, 120)).isPresent();
        assertThat(meter.update(121, 121)).isEmpty();
        clock.advance(Duration.ofMillis(4999));
        assertThat(meter.update(200, 200)).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(meter.update(210, 210)).isPresent();
    }

    @Test
    void lineGivesRowsRateShareReadAndTimeLeft() {
        MutableClock clock = new MutableClock();
        ProgressMeter meter = new ProgressMeter("contacts.csv", 10_000, Duration.ofSeconds(5), clock);
        clock.advance(Duration.ofSeconds(5));

        // 5000 rows in 5 s; 4200 of 10000 bytes in 5 s -> 5800 bytes left at 840 B/s -> 6.9 s
        assertThat(meter.update(5000, 4200)).contains("contacts.csv: 5000 rows, 1000 rows/s, 42% read, ~7 s left");
    }

    @Test
    void leavesOutShareAndTimeLeftWhenFileSizeIsUnknown() {
        MutableClock clock = new MutableClock();
        ProgressMeter meter = new ProgressMeter("stream.csv", 0, Duration.ofSeconds(1), clock);
        clock.advance(Duration.ofSeconds(2));

        assertThat(meter.update(300, 999)).contains("stream.csv: 300 rows, 150 rows/s");
    }

    @Test
    void writesLongWaitsInMinutesAndHours() {
        assertThat(ProgressMeter.humanDuration(200_000)).isEqualTo("3 min 20 s");
        assertThat(ProgressMeter.humanDuration(3_900_000)).isEqualTo("1 h 5 min");
    }
}
