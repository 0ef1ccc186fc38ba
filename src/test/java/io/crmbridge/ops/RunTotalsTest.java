package io.crmbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.hubspot.HubSpotTraffic.RateWait;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunTotalsTest {

    private final BridgeMetrics metrics = new BridgeMetrics(new SimpleMeterRegistry());
    private final RunTotals totals = new RunTotals(metrics);

    @Test
    void aRunThatTookNoFileSaysSoInOneLine() {
        assertThat(totals.lines()).containsExactly(
                "Totals: files 0 | rows 0 | HubSpot requests 0, retries 0, 429 answers 0, rate waits 0 (0.0 s)");
    }

    @Test
    void theTotalsAreTheMetricsSummedWithTheirNonZeroParts() {
        metrics.fileEnded(FileStatus.DONE);
        metrics.fileEnded(FileStatus.DONE);
        metrics.fileEnded(FileStatus.DEAD_LETTERED);
        metrics.rows("contacts", "created", 55);
        metrics.rows("contacts", "rejected", 3);
        metrics.rows("companies", "created", 46);
        metrics.retried("batch_write", 429);
        metrics.answered("batch_write", 200);
        metrics.answered("properties", 201);
        metrics.waited(RateWait.BUDGET, Duration.ofMillis(1_250));

        assertThat(totals.lines()).containsExactly(
                "Totals: files 3 (done 2, dead_lettered 1) | rows 104 (created 101, rejected 3)"
                        + " | HubSpot requests 3 (200 1, 201 1, 429 1), retries 1, 429 answers 1, rate waits 1 (1.3 s)",
                "Rows by object type: companies created 46; contacts created 55, rejected 3");
    }
}
