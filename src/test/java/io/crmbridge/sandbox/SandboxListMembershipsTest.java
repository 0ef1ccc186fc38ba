package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.contract.OffContractRequests;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Lists API's membership batch read, which ../shared/hubspot-openapi has no document for: its answer
 * is checked here against the required fields of HubSpot's Lists v3 document
 * (HubSpot/HubSpot-public-api-spec-collection, PublicApiSpecs/CRM/Lists/Rollouts/144891/v3/lists.json:
 * BatchResponseRecordIdWithMemberships requires completedAt, results, startedAt, status;
 * RecordIdWithMemberships requires objectTypeId, recordId, recordListMemberships; RecordListMembership
 * requires listId, listVersion).
 */
class SandboxListMembershipsTest {

    private static final String PATH = "/crm/v3/lists/records/memberships/batch/read";

    @Test
    void answersEachRecordsListsWithTheFieldsHubSpotsDocumentRequires() {
        try (SandboxHttp http = new SandboxHttp()) {
            String a = http.createContact("a@lists.example");
            String b = http.createContact("b@lists.example");
            http.sandbox.state().addToList("12", a);
            http.sandbox.state().addToList("40", a);

            SandboxHttp.Answer answer = http.post(PATH, "{\"inputs\":[{\"objectTypeId\":\"0-1\",\"recordId\":\"" + a
                    + "\"},{\"objectTypeId\":\"0-1\",\"recordId\":\"" + b + "\"}]}");

            assertThat(answer.status()).isEqualTo(200);
            JsonNode body = answer.body();
            assertThat(body.path("status").asText()).isIn("CANCELED", "COMPLETE", "PENDING", "PROCESSING");
            assertThat(Instant.parse(body.path("startedAt").asText())).isBeforeOrEqualTo(
                    Instant.parse(body.path("completedAt").asText()));
            assertThat(body.path("results")).hasSize(2);
            JsonNode first = body.path("results").get(0);
            assertThat(first.path("objectTypeId").asText()).isEqualTo("0-1");
            assertThat(first.path("recordId").asText()).isEqualTo(a);
            assertThat(first.path("recordListMemberships")).hasSize(2);
            JsonNode membership = first.path("recordListMemberships").get(0);
            assertThat(membership.path("listId").asText()).isEqualTo("12");
            assertThat(membership.path("listVersion").isInt()).isTrue();
            Instant.parse(membership.path("firstAddedTimestamp").asText());
            assertThat(body.path("results").get(1).path("recordListMemberships").isArray()).isTrue();
            assertThat(body.path("results").get(1).path("recordListMemberships")).isEmpty();
        }
    }

    @Test
    @OffContractRequests("a refused scope and 101 inputs are wrong on purpose")
    void needsTheListsReadScopeAndAtMostOneHundredInputs() {
        Set<String> scopes = new HashSet<>(SandboxConfig.FLOW_SCOPES);
        scopes.remove("crm.lists.read");
        try (SandboxHttp http = new SandboxHttp(new SandboxConfig("127.0.0.1", 0, SandboxHttp.TOKEN, 100, 0)
                .withScopes(scopes))) {
            SandboxHttp.Answer refused = http.post(PATH, "{\"inputs\":[]}");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body().at("/errors/0/context/requiredGranularScopes").toString())
                    .isEqualTo("[\"crm.lists.read\"]");
        }
        try (SandboxHttp http = new SandboxHttp()) {
            StringBuilder inputs = new StringBuilder();
            for (int i = 0; i < 101; i++) {
                inputs.append(i == 0 ? "" : ",").append("{\"objectTypeId\":\"0-1\",\"recordId\":\"").append(i).append("\"}");
            }
            assertThat(http.post(PATH, "{\"inputs\":[" + inputs + "]}").status()).isEqualTo(400);
        }
    }

    @Test
    @OffContractRequests("the 401 of a revoked token is the point")
    void aRevokedTokenIsRefusedWith401UntilReset() {
        try (SandboxHttp http = new SandboxHttp()) {
            assertThat(http.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
            http.sandbox.state().revokeAccessToken();
            SandboxHttp.Answer refused = http.get("/crm/v3/objects/contacts");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.body().path("category").asText()).isEqualTo("INVALID_AUTHENTICATION");
            http.sandbox.state().reset();
            assertThat(http.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
        }
    }
}
