package io.crmbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.hubspot.HubSpotTraffic.RateWait;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BridgeMetrics metrics = new BridgeMetrics(registry);

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void theSeriesWhoseTagsAreKnownExistAtZeroBeforeTheFirstEvent() {
        assertThat(registry.find(BridgeMetrics.FILES).counters()).hasSize(FileStatus.values().length)
                .allSatisfy(c -> assertThat(c.count()).isZero());
        assertThat(counter(BridgeMetrics.ROWS, "object_type", "tickets", "outcome", "rejected")).isZero();
        assertThat(counter(BridgeMetrics.RETRIES, "reason", "rate_limited")).isZero();
        assertThat(counter(BridgeMetrics.RATE_LIMITED)).isZero();
        assertThat(registry.get(BridgeMetrics.RATE_WAITS).tags("cause", "budget").timer().count()).isZero();
        assertThat(registry.find(BridgeMetrics.REQUESTS).meters()).isEmpty();
    }

    @Test
    void everyAttemptCountsAsARequestAndEvery429AsRateLimitedWhetherRetriedOrNot() {
        metrics.retried("batch_write", 429);
        metrics.retried("batch_write", 0);
        metrics.retried("search", 503);
        metrics.answered("batch_write", 200);
        metrics.answered("search", 429);

        assertThat(counter(BridgeMetrics.REQUESTS, "kind", "batch_write", "status", "429")).isEqualTo(1);
        assertThat(counter(BridgeMetrics.REQUESTS, "kind", "batch_write", "status", "io_error")).isEqualTo(1);
        assertThat(counter(BridgeMetrics.REQUESTS, "kind", "search", "status", "429")).isEqualTo(1);
        assertThat(metrics.requestsByStatus()).containsExactly(Map.entry("200", 1L), Map.entry("429", 2L),
                Map.entry("503", 1L), Map.entry("io_error", 1L));
        assertThat(counter(BridgeMetrics.RETRIES, "reason", "rate_limited")).isEqualTo(1);
        assertThat(counter(BridgeMetrics.RETRIES, "reason", "io_error")).isEqualTo(1);
        assertThat(counter(BridgeMetrics.RETRIES, "reason", "server_error")).isEqualTo(1);
        assertThat(metrics.retries()).isEqualTo(3);
        assertThat(metrics.rateLimited()).isEqualTo(2);
    }

    @Test
    void waitsAreTimedByCause() {
        metrics.waited(RateWait.BUDGET, Duration.ofMillis(1_500));
        metrics.waited(RateWait.BUDGET, Duration.ofMillis(500));
        metrics.waited(RateWait.STEERING, Duration.ofMillis(250));

        assertThat(registry.get(BridgeMetrics.RATE_WAITS).tags("cause", "budget").timer().count()).isEqualTo(2);
        assertThat(metrics.rateWaits()).isEqualTo(3);
        assertThat(metrics.rateWaitTime()).isEqualTo(Duration.ofMillis(2_250));
    }

    @Test
    void rowsAndFilesAddUpByTheirTags() {
        metrics.rows("contacts", "created", 55);
        metrics.rows("contacts", "rejected", 3);
        metrics.rows("contacts", "created", 5);
        metrics.rows("sales_lines", "held", 2);
        metrics.rows("companies", "updated", 0);
        metrics.fileEnded(FileStatus.DONE);
        metrics.fileEnded(FileStatus.DONE);
        metrics.fileEnded(FileStatus.SKIPPED);

        assertThat(metrics.rowsByType()).containsExactly(
                Map.entry("contacts", Map.of("created", 60L, "rejected", 3L)),
                Map.entry("sales_lines", Map.of("held", 2L)));
        assertThat(metrics.files()).containsEntry(FileStatus.DONE, 2L).containsEntry(FileStatus.SKIPPED, 1L)
                .containsEntry(FileStatus.FAILED, 0L);
    }

    @Test
    void tagsHoldOnlyTheKnownNames() {
        metrics.rows("contacts", "created", 1);
        metrics.answered("batch_write", 200);
        metrics.retried("read", 423);

        for (Meter m : registry.getMeters()) {
            m.getId().getTags().forEach(t -> assertThat(t.getKey())
                    .isIn("object_type", "outcome", "status", "kind", "reason", "cause"));
        }
    }
}
