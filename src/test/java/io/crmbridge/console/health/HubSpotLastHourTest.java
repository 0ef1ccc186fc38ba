package io.crmbridge.console.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.console.health.HubSpotLastHour.Minute;
import io.crmbridge.console.health.HubSpotLastHour.Totals;
import io.crmbridge.ops.BridgeMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HubSpotLastHourTest {

    private static final Instant START = Instant.parse("2026-12-05T10:00:20Z");

    @Test
    void readsTheMetersAtEachMinuteAndShowsTheDifferencesPerMinute() {
        AtomicLong clock = new AtomicLong(START.toEpochMilli());
        BridgeMetrics metrics = new BridgeMetrics(new SimpleMeterRegistry());
        HubSpotLastHour lastHour = HubSpotLastHour.of(metrics, clock::get);

        // 10:00: three requests, one of them a 429 sent again
        metrics.retried("contacts_batch_upsert", 429);
        metrics.answered("contacts_batch_upsert", 200);
        metrics.answered("daily_usage", 200);
        clock.set(Instant.parse("2026-12-05T10:01:00.050Z").toEpochMilli());
        lastHour.read();
        // 10:01: two requests
        metrics.answered("contacts_batch_upsert", 200);
        metrics.answered("contacts_batch_upsert", 200);
        clock.set(Instant.parse("2026-12-05T10:02:30Z").toEpochMilli());

        List<Minute> minutes = lastHour.minutes();

        assertThat(minutes).hasSize(HubSpotLastHour.MINUTES);
        assertThat(minutes.get(59).minute()).isEqualTo(Instant.parse("2026-12-05T10:02:00Z"));
        assertThat(minutes.get(57).totals()).isEqualTo(new Totals(3, 1, 1));
        // the reading at 10:02 was missed (no timer here): its minute's requests show in the next one
        assertThat(minutes.get(58).totals()).isEqualTo(Totals.ZERO);
        assertThat(minutes.get(59).totals()).isEqualTo(new Totals(2, 0, 0));
        assertThat(minutes.subList(0, 57)).allMatch(m -> m.totals().equals(Totals.ZERO));
        assertThat(HubSpotLastHour.sum(minutes)).isEqualTo(new Totals(5, 1, 1));
    }

    @Test
    void aMinuteOlderThanAnHourLeavesTheWindow() {
        AtomicLong clock = new AtomicLong(START.toEpochMilli());
        BridgeMetrics metrics = new BridgeMetrics(new SimpleMeterRegistry());
        HubSpotLastHour lastHour = HubSpotLastHour.of(metrics, clock::get);
        metrics.answered("contacts_batch_upsert", 200);
        for (int minute = 1; minute <= 61; minute++) {
            clock.set(START.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plus(Duration.ofMinutes(minute)).toEpochMilli());
            lastHour.read();
            if (minute == 30) {
                metrics.answered("contacts_batch_upsert", 429);
            }
        }

        List<Minute> minutes = lastHour.minutes();

        // 10:00's request is more than an hour ago; 10:30's 429 is still in
        assertThat(minutes.get(0).minute()).isEqualTo(Instant.parse("2026-12-05T10:02:00Z"));
        assertThat(HubSpotLastHour.sum(minutes)).isEqualTo(new Totals(1, 0, 1));
        assertThat(minutes.get(28).totals()).isEqualTo(new Totals(1, 0, 1));
    }
}
