package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /crm/v3/lists/records/memberships/batch/read}: the lists each record belongs to. Shapes from
 * HubSpot's Lists v3 document (HubSpot/HubSpot-public-api-spec-collection,
 * PublicApiSpecs/CRM/Lists/Rollouts/144891/v3/lists.json): request {@code BatchInputRecordIdInput}
 * ({@code inputs[]} of {@code objectTypeId} and {@code recordId}); answer 200
 * {@code BatchResponseRecordIdWithMemberships} ({@code status}, {@code results[]} of {@code objectTypeId},
 * {@code recordId} and {@code recordListMemberships[]}, {@code startedAt}, {@code completedAt}). The spec
 * sets no input limit; the sandbox applies the 100-input limit of the other batch APIs (an assumption).
 * A record in no list, or unknown, answers an empty {@code recordListMemberships}.
 */
final class ListMembershipsHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxState state;
    private final int maxInputs;

    ListMembershipsHandler(SandboxState state, int maxInputs) {
        this.state = state;
        this.maxInputs = maxInputs;
    }

    ApiResponse batchRead(JsonNode body) {
        List<JsonNode> inputs = BatchInputs.of(body, maxInputs);
        for (JsonNode input : inputs) {
            if (input.path("objectTypeId").asText("").isBlank() || input.path("recordId").asText("").isBlank()) {
                throw ErrorBodies.validation("Each input needs objectTypeId and recordId");
            }
        }
        String started = Instant.now().toString();
        ObjectNode out = JSON.createObjectNode();
        out.put("status", "COMPLETE");
        ArrayNode results = out.putArray("results");
        state.read(() -> {
            for (JsonNode input : inputs) {
                String type = input.path("objectTypeId").asText();
                String recordId = input.path("recordId").asText();
                ObjectNode result = results.addObject();
                result.put("objectTypeId", type);
                result.put("recordId", recordId);
                ArrayNode memberships = result.putArray("recordListMemberships");
                if ("0-1".equals(type)) {
                    for (ListMemberships.Membership m : state.listMemberships().of(recordId)) {
                        memberships.addObject().put("listId", m.listId()).put("listVersion", m.listVersion())
                                .put("firstAddedTimestamp", m.firstAdded().toString())
                                .put("lastAddedTimestamp", m.lastAdded().toString())
                                .put("isPublicList", false);
                    }
                }
            }
            return null;
        });
        out.put("startedAt", started);
        out.put("completedAt", Instant.now().toString());
        return new ApiResponse(200, out);
    }
}
