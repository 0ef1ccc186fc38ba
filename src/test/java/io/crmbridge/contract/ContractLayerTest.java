package io.crmbridge.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.sandbox.HubSpotSandbox;
import io.crmbridge.sandbox.SandboxConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layer end to end: a real sandbox, found listener, recorded verdicts. */
class ContractLayerTest {

    private static final String TOKEN = "pat-na1-contract-test";

    private static int post(HubSpotSandbox sandbox, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void recordsTheViolationOfARequestSentToARealSandbox() throws Exception {
        ContractRecords records = ContractRecords.shared();
        long before = records.requestsValidated();
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(new SandboxConfig("127.0.0.1", 0, TOKEN, 100, 0))) {
            // the sandbox answers a number as a property value; HubSpot's spec wants strings (§0)
            post(sandbox, "/crm/v3/objects/contacts/batch/upsert",
                    "{\"inputs\":[{\"id\":\"a@x.io\",\"idProperty\":\"email\",\"properties\":{\"email\":\"a@x.io\",\"age\":17}}]}");
        }

        // drained here, so this test's own afterEach sees nothing: the extension would fail a test with these
        List<ContractViolation> violations = records.drain();

        assertThat(records.requestsValidated()).isEqualTo(before + 1);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("/crm/v3/objects/contacts/batch/upsert");
            assertThat(v.requestMessages()).singleElement().asString()
                    .startsWith("validation.request.body.schema.type at /inputs/0/properties/age");
        });
    }

    @Test
    void recordsNothingForAnExchangeThatKeepsTheContract() throws Exception {
        ContractRecords records = ContractRecords.shared();
        long before = records.responsesValidated();
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(new SandboxConfig("127.0.0.1", 0, TOKEN, 100, 0))) {
            assertThat(post(sandbox, "/crm/v3/objects/contacts/batch/upsert",
                    "{\"inputs\":[{\"id\":\"a@x.io\",\"idProperty\":\"email\",\"properties\":{\"email\":\"a@x.io\"}}]}"))
                    .isEqualTo(200);
        }

        assertThat(records.responsesValidated()).isEqualTo(before + 1);
        assertThat(records.drain()).isEmpty();
    }
}
