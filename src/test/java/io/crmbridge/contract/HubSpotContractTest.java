package io.crmbridge.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.sandbox.SandboxExchange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubSpotContractTest {

    private static final Map<String, List<String>> JSON_REQUEST =
            Map.of("Authorization", List.of("Bearer pat-na1-x"), "Content-type", List.of("application/json"));
    private static final Map<String, List<String>> JSON_RESPONSE =
            Map.of("Content-type", List.of("application/json;charset=utf-8"));
    private static final String UPSERT = "{\"inputs\":[{\"id\":\"a@x.io\",\"idProperty\":\"email\","
            + "\"properties\":{\"email\":\"a@x.io\"},\"objectWriteTraceId\":\"r1\"}]}";
    private static final String RESULT = "{\"id\":\"1\",\"properties\":{\"email\":\"a@x.io\"},"
            + "\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"updatedAt\":\"2026-01-01T00:00:00.000Z\","
            + "\"archived\":false,\"new\":true}";

    private final HubSpotContract contract = HubSpotContract.standard();

    private static SandboxExchange exchange(String method, String path, Map<String, List<String>> requestHeaders,
                                            String requestBody, int status, String responseBody) {
        return new SandboxExchange(method, path, null, requestHeaders, requestBody, status, JSON_RESPONSE, responseBody);
    }

    private static String upsertResponse(String result) {
        return "{\"status\":\"COMPLETE\",\"results\":[" + result + "],"
                + "\"startedAt\":\"2026-01-01T00:00:00.000Z\",\"completedAt\":\"2026-01-01T00:00:01.000Z\"}";
    }

    @Test
    void keepsTheContractForAWellFormedUpsertAndItsAnswer() {
        ContractVerdict verdict = contract.check(exchange("POST", "/crm/v3/objects/contacts/batch/upsert",
                JSON_REQUEST, UPSERT, 200, upsertResponse(RESULT)));

        assertThat(verdict.requestProblems()).isEmpty();
        assertThat(verdict.responseProblems()).isEmpty();
        assertThat(verdict.requestValidated()).isTrue();
        assertThat(verdict.responseValidated()).isTrue();
    }

    @Test
    void catchesAResponseResultWithoutItsRequiredId() {
        ContractVerdict verdict = contract.check(exchange("POST", "/crm/v3/objects/contacts/batch/upsert",
                JSON_REQUEST, UPSERT, 200, upsertResponse(RESULT.replace("\"id\":\"1\",", ""))));

        assertThat(verdict.kept()).isFalse();
        assertThat(verdict.responseProblems()).singleElement().asString()
                .startsWith("validation.response.body.schema.required at /results/0").contains("\"id\"");
    }

    @Test
    void catchesARequestWhosePropertyValueIsNotAString() {
        ContractVerdict verdict = contract.check(exchange("POST", "/crm/v3/objects/contacts/batch/upsert",
                JSON_REQUEST, UPSERT.replace("\"email\":\"a@x.io\"}", "\"email\":17}"), 200, upsertResponse(RESULT)));

        assertThat(verdict.requestProblems()).singleElement().asString()
                .startsWith("validation.request.body.schema.type at /inputs/0/properties/email");
    }

    @Test
    void catchesARequestWithoutBearerToken() {
        ContractVerdict verdict = contract.check(exchange("POST", "/crm/v3/objects/contacts/batch/upsert",
                Map.of("Content-type", List.of("application/json")), UPSERT, 200, upsertResponse(RESULT)));

        assertThat(verdict.requestProblems()).singleElement().asString().startsWith(HubSpotContract.MISSING_BEARER);
    }

    @Test
    void catchesAStatusTheOperationDoesNotDocumentWithABody() {
        ContractVerdict verdict = contract.check(exchange("POST", "/crm/v3/objects/contacts/batch/archive",
                JSON_REQUEST, "{\"inputs\":[{\"id\":\"1\"}]}", 204, "{\"status\":\"COMPLETE\"}"));

        assertThat(verdict.responseProblems()).isNotEmpty();
    }

    @Test
    void catchesAPathNoHubSpotDocumentDescribes() {
        ContractVerdict verdict = contract.check(exchange("GET", "/crm/v3/nothing/here", JSON_REQUEST, "", 404,
                "{\"category\":\"OBJECT_NOT_FOUND\",\"message\":\"x\",\"correlationId\":\"aeb5f871-7f07-4993-9211-075dc63e7cbf\"}"));

        assertThat(verdict.requestValidated()).isFalse();
        assertThat(verdict.requestProblems()).singleElement().asString().startsWith(HubSpotContract.NO_DOCUMENT);
    }

    @Test
    void checksDateBasedAssociationAndPipelinePathsAgainstTheirOwnVersionsDocument() {
        assertThat(HubSpotContract.ownVersionDocument("/crm/associations/2026-03/0-1/0-2/batch/archive"))
                .contains("2026-03/associations.json");
        assertThat(HubSpotContract.ownVersionDocument("/crm/objects/2026-09/contacts/1001/associations/companies/7"))
                .contains("2026-09/associations.json");
        assertThat(HubSpotContract.ownVersionDocument("/crm/pipelines/2026-03/tickets/0/stages"))
                .contains("2026-03/pipelines.json");
        assertThat(HubSpotContract.ownVersionDocument("/crm/objects/2026-03/contacts/batch/upsert")).isEmpty();
        assertThat(HubSpotContract.ownVersionDocument("/crm/v4/associations/0-1/0-2/batch/archive")).isEmpty();
        assertThat(HubSpotContract.documentFor("/crm/v3/pipelines/tickets")).contains("pipelines-v3.json");
    }

    @Test
    void checksDateBasedPathsAgainstTheirV3Twin() {
        assertThat(HubSpotContract.specPath("/crm/objects/2026-03/0-1/batch/create"))
                .isEqualTo("/crm/v3/objects/0-1/batch/create");
        assertThat(HubSpotContract.specPath("/crm/associations/2026-03/0-1/0-2/batch/create"))
                .isEqualTo("/crm/v4/associations/0-1/0-2/batch/create");
        assertThat(HubSpotContract.documentFor("/crm/v3/objects/0-1/batch/create")).contains("objects-v3.json");
        assertThat(HubSpotContract.documentFor("/crm/v3/objects/tickets/batch/create")).contains("tickets-v3.json");

        ContractVerdict verdict = contract.check(exchange("POST", "/crm/objects/2026-03/contacts/batch/upsert",
                JSON_REQUEST, UPSERT, 200, upsertResponse(RESULT.replace("\"id\":\"1\",", ""))));

        assertThat(verdict.responseValidated()).isTrue();
        assertThat(verdict.responseProblems()).isNotEmpty();
    }

    @Test
    void excusesOnlyTheDocumentedMissingAssociationsOnBatchCreate() {
        String created = "{\"status\":\"COMPLETE\",\"results\":[" + RESULT.replace(",\"new\":true", "") + "],"
                + "\"startedAt\":\"2026-01-01T00:00:00.000Z\",\"completedAt\":\"2026-01-01T00:00:01.000Z\"}";
        ContractVerdict excused = contract.check(exchange("POST", "/crm/v3/objects/contacts/batch/create",
                JSON_REQUEST, "{\"inputs\":[{\"properties\":{\"email\":\"a@x.io\"}}]}", 201, created));
        ContractVerdict notExcused = contract.check(exchange("POST", "/crm/v3/objects/contacts/batch/create",
                JSON_REQUEST, "{\"inputs\":[{}]}", 201, created));

        assertThat(excused.kept()).isTrue();
        assertThat(excused.excused()).containsExactly("associations-optional-on-create");
        assertThat(notExcused.requestProblems()).singleElement().asString().contains("properties");
    }

    @Test
    void excusesTheRealStatusFieldOfAnErrorBodyButNoInventedField() {
        String error = "{\"status\":\"error\",\"message\":\"m\",\"correlationId\":\"aeb5f871-7f07-4993-9211-075dc63e7cbf\","
                + "\"category\":\"VALIDATION_ERROR\"}";
        ContractVerdict real = contract.check(exchange("POST", "/crm/v3/objects/contacts/batch/upsert",
                JSON_REQUEST, UPSERT, 400, error));
        ContractVerdict invented = contract.check(exchange("POST", "/crm/v3/objects/contacts/batch/upsert",
                JSON_REQUEST, UPSERT, 400, error.replace("\"status\"", "\"severity\"")));

        assertThat(real.kept()).isTrue();
        assertThat(real.excused()).containsExactly("error-body-status");
        assertThat(invented.responseProblems()).singleElement().asString()
                .startsWith("validation.response.body.schema.additionalProperties").contains("severity");
    }
}
