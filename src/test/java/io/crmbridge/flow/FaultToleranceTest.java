package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.Datasets;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.SandboxRecord;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The transient-fault run: customers-10000.csv through a sandbox that answers 10% 5xx,
 * 5% 429 (a third of them with Retry-After), drops 2% of connections and adds latency. Redelivery
 * (L3) must land every record exactly once: the end state equals a clean run's, nothing is
 * dead-lettered for a transient reason.
 */
class FaultToleranceTest extends ImportFlowTestSupport {

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("sandbox.faults.seed", "20261121");
        p.setProperty("sandbox.faults.server-error-rate", "0.10");
        p.setProperty("sandbox.faults.rate-limited-rate", "0.033");
        p.setProperty("sandbox.faults.retry-after-rate", "0.017");
        p.setProperty("sandbox.faults.retry-after-seconds", "1");
        p.setProperty("sandbox.faults.drop-rate", "0.02");
        p.setProperty("sandbox.faults.latency-ms", "1-15");
        // short backoff keeps the test quick; the attempts are the production default (6)
        p.setProperty("hubspot.backoff-initial-ms", "20");
        p.setProperty("hubspot.backoff-max-ms", "200");
        return p;
    }

    @Test
    void everyContactLandsExactlyOnceDespiteTransientFaults() throws Exception {
        Map<String, CSVRecord> expected = new HashMap<>();
        try (Reader r = Files.newBufferedReader(Datasets.CUSTOMERS, StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                expected.put(row.get("Email").trim().toLowerCase(Locale.ROOT), row);
            }
        }
        drop(Datasets.CUSTOMERS, "contacts-customers.csv");

        JsonNode report = awaitReport("contacts-customers.csv", 1, Duration.ofSeconds(180));

        // the faults happened, and were retried
        assertThat(report.path("retries").asLong()).isGreaterThan(10);
        assertThat(report.path("rateLimited").asLong()).isPositive();
        // ... and the result is a clean run's: every row created once, none failed or dead-lettered
        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(expected.size());
        assertThat(report.path("outcomes").path("failed").asLong()).isZero();
        assertThat(report.path("outcomes").path("rejected").asLong()).isZero();
        assertThat(deadLetter("contacts-customers.csv")).isEmpty();
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(expected.size());
        for (SandboxRecord contact : sandbox().state().records(ObjectType.CONTACTS)) {
            CSVRecord row = expected.get(contact.properties().get("email"));
            assertThat(row).as("contact %s comes from the file", contact.properties().get("email")).isNotNull();
            assertThat(contact.properties().get("firstname")).isEqualTo(row.get("First Name"));
            assertThat(contact.properties().get("lastname")).isEqualTo(row.get("Last Name"));
        }
    }
}
