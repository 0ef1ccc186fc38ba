package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Batching (L1): rows go to HubSpot in upserts of at most {@code crm-bridge.batch-size} inputs,
 * HubSpot's limit being 100 per batch (hubspot-api.md §1.5).
 */
class BatchingTest extends ImportFlowTestSupport {

    private static final int ROWS = 250;

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.batch-size", "100");
        return p;
    }

    @Test
    void twoHundredFiftyContactsGoInThreeUpsertsOfAtMostOneHundred() throws Exception {
        StringBuilder csv = new StringBuilder("First Name,Last Name,Email,Company,City,Country\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("Person").append(i).append(",Batch,person").append(i)
                    .append("@batch-testing-co.com,Batch Testing Co,Leeds,United Kingdom\n");
        }
        drop("contacts-generated.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        JsonNode report = awaitReport("contacts-generated.csv");

        assertThat(report.path("rowsRead").asLong()).isEqualTo(ROWS);
        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(ROWS);
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(ROWS);
        List<RecordedRequest> upserts = sandbox().state().requests().stream()
                .filter(r -> "POST".equals(r.method()) && r.path().endsWith("/contacts/batch/upsert"))
                .toList();
        // rows are batched in file order: two full batches, then the 50 left when the file ends
        assertThat(upserts).extracting(RecordedRequest::inputCount).containsExactly(100, 100, 50);
        assertThat(upserts).extracting(RecordedRequest::status).containsOnly(200);
    }
}
