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
    void picksTheDocumentOfThePathsOwnVersion() {
        assertThat(HubSpotContract.documentFor("/crm/v3/objects/0-1/batch/create")).contains("objects-v3.json");
        assertThat(HubSpotContract.documentFor("/crm/v3/objects/tickets/batch/create")).contains("tickets-v3.json");
        assertThat(HubSpotContract.documentFor("/crm/v4/associations/0-1/0-2/batch/create")).contains("associations-v4.json");
        assertThat(HubSpotContract.documentFor("/crm/objects/2026-03/contacts/batch/upsert")).contains("2026-03/contacts.json");
        assertThat(HubSpotContract.documentFor("/crm/objects/2026-09/0-5/batch/read")).contains("2026-09/objects.json");
        assertThat(HubSpotContract.documentFor("/crm/objects/2026-09/contacts/12/associations/companies"))
                .contains("2026-09/associations.json");
        assertThat(HubSpotContract.documentFor("/crm/associations/2026-09/0-1/0-2/batch/create"))
                .contains("2026-09/associations.json");
        assertThat(HubSpotContract.documentFor("/crm/property-validations/2026-09/0-1")).contains("2026-09/propertyValidations.json");
        assertThat(HubSpotContract.documentFor("/account-info/2026-09/api-usage/daily/private-apps"))
                .contains("2026-09/accountInfo.json");
        assertThat(HubSpotContract.documentFor("/crm/lists/2026-09/records/memberships/batch/read")).contains("2026-09/lists.json");
        assertThat(HubSpotContract.documentFor("/crm/v3/lists/records/memberships/batch/read")).isEmpty();
        assertThat(HubSpotContract.documentFor("/crm/v3/pipelines/tickets")).contains("pipelines-v3.json");
        assertThat(HubSpotContract.documentFor("/crm/pipelines/2026-03/tickets/0/stages")).contains("2026-03/pipelines.json");
        assertThat(HubSpotContract.documentFor("/crm/gadgets/2026-09/x")).isEmpty();
        assertThat(HubSpotContract.versionOf("/crm/objects/2026-09/contacts")).isEqualTo("2026-09");
        assertThat(HubSpotContract.versionOf("/crm/v4/associations/0-1/0-2/batch/create")).isEqualTo("v3/v4");
    }

    @Test
    void holdsEachVersionToItsOwnStatusCodes() {
        String partial = "{\"status\":\"COMPLETE\",\"results\":[" + RESULT + "],\"numErrors\":1,\"errors\":[{\"status\":\"error\","
                + "\"category\":\"VALIDATION_ERROR\",\"message\":\"bad\",\"context\":{\"objectWriteTraceId\":[\"r2\"]}}],"
                + "\"startedAt\":\"2026-01-01T00:00:00.000Z\",\"completedAt\":\"2026-01-01T00:00:01.000Z\"}";

        ContractVerdict multiStatus2603 = contract.check(exchange("POST", "/crm/objects/2026-03/contacts/batch/upsert",
                JSON_REQUEST, UPSERT, 207, partial));
        ContractVerdict multiStatus2609 = contract.check(exchange("POST", "/crm/objects/2026-09/contacts/batch/upsert",
                JSON_REQUEST, UPSERT, 207, partial));
        ContractVerdict ok2609 = contract.check(exchange("POST", "/crm/objects/2026-09/contacts/batch/upsert",
                JSON_REQUEST, UPSERT, 200, partial));

        assertThat(multiStatus2603.kept()).isTrue();
        assertThat(multiStatus2609.responseProblems()).isNotEmpty();
        assertThat(ok2609.kept()).as(ok2609.responseProblems().toString()).isTrue();
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
