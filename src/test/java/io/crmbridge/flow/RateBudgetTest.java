package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.Datasets;
import io.crmbridge.sandbox.RecordedRequest;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The client's rate budget (L4): against a sandbox enforcing HubSpot's Free tier
 * (a rolling 100 requests per 10 s), a client configured for that tier sends more than a window's
 * worth of requests and never receives a 429.
 */
class RateBudgetTest extends ImportFlowTestSupport {

    @Override
    protected Properties extraProperties() {
        Properties p = new Properties();
        p.setProperty("sandbox.requests-per-ten-seconds", "100");
        p.setProperty("hubspot.requests-per-ten-seconds", "100");
        return p;
    }

    @Test
    void aCleanRunAtTheTiersBudgetSeesNo429() throws Exception {
        drop(Datasets.CUSTOMERS, "contacts-customers.csv");

        JsonNode report = awaitReport("contacts-customers.csv", 1, Duration.ofSeconds(120));

        assertThat(report.path("requests").asLong()).isGreaterThan(100);
        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(10_000);
        assertThat(report.path("rateLimited").asLong()).isZero();
        assertThat(report.path("retries").asLong()).isZero();
        assertThat(sandbox().state().requests()).extracting(RecordedRequest::status).doesNotContain(429);
    }
}
