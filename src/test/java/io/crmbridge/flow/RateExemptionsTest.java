package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.hubspot.HubSpotRateLimitExemptions;
import io.crmbridge.ops.BridgeMetrics;
import io.crmbridge.sandbox.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The 10-second window holds only what HubSpot counts in it (hubspot-api.md §2.1, §10.2): a tickets file whose
 * upserts fit a small window and whose association batches take it beyond, with the client's budget and the
 * sandbox's window at the same size. The association batches go out without a permit and the sandbox does not
 * count them, so the file goes through without a wait and without a 429, where counting them would make the
 * client wait for permits (and a client that did not wait would draw 429s).
 */
class RateExemptionsTest extends ImportFlowTestSupport {

    /** The window of both sides: more than the file's counted requests, fewer than all its requests. */
    private static final int WINDOW = 63;
    /** 20 batches of tickets, 20 of their contacts, 20 of their ticket -> contact associations. */
    private static final int ROWS = 2_000;

    @Override
    protected Properties extraProperties() {
        Properties p = new Properties();
        p.setProperty("sandbox.requests-per-ten-seconds", Integer.toString(WINDOW));
        p.setProperty("hubspot.requests-per-ten-seconds", Integer.toString(WINDOW));
        // the reads before each batch count in the window too: without them the file's counted requests fit it
        p.setProperty("crm-bridge.read-before-write", "false");
        return p;
    }

    @Test
    void associationBatchesBeyondTheWindowGoOutWithoutAWaitAndWithoutA429() throws Exception {
        Path file = work().resolve("tickets-exempt.csv");
        LargeTicketsFile.write(file, ROWS);
        drop(file, "tickets-exempt.csv");

        JsonNode report = awaitReport("tickets-exempt.csv", 1, Duration.ofSeconds(120));

        List<RecordedRequest> seen = sandbox().state().requests();
        long associationBatches = seen.stream().filter(r -> r.path().endsWith("/batch/create")
                && r.path().contains("/associations/")).count();
        long counted = seen.stream()
                .filter(r -> !HubSpotRateLimitExemptions.isTenSecondlyExempt(r.method(), r.path())).count();
        // the shape this test needs: every ticket linked, the upserts inside the window, everything beyond it
        assertThat(report.path("associations").path("created").asLong())
                .isEqualTo(ROWS - LargeTicketsFile.rejectedRows(ROWS));
        assertThat(associationBatches).isEqualTo(seen.size() - counted).isGreaterThanOrEqualTo(ROWS / 100 - 1);
        assertThat(counted).as("requests HubSpot counts in its window").isLessThanOrEqualTo(WINDOW);
        assertThat(seen).as("every request of the file").hasSizeGreaterThan(WINDOW);
        assertThat(report.path("requests").asLong()).isEqualTo(seen.size());

        assertThat(seen).extracting(RecordedRequest::status).doesNotContain(429);
        assertThat(report.path("rateLimited").asLong()).isZero();
        assertThat(report.path("retries").asLong()).isZero();
        BridgeMetrics metrics = context.getRegistry().lookupByNameAndType("bridgeMetrics", BridgeMetrics.class);
        assertThat(metrics.rateWaits()).as("times a request waited for a permit or a steering pause").isZero();
    }
}
