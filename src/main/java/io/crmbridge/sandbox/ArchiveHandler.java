package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import java.util.List;

/**
 * Archiving records (hubspot-api.md §1.1): {@code DELETE …/{objectType}/{id}} and {@code POST …/batch/archive}
 * both answer 204 without a body, and an unknown id is no error: HubSpot answers 204 for an id it does not
 * have (🟡 n8n-io/n8n#3219). An archived record leaves listings, search and reads by id, and shows in
 * {@code ?archived=true} listings.
 */
final class ArchiveHandler {

    private final SandboxState state;
    private final int maxInputs;

    ArchiveHandler(SandboxState state, int maxInputs) {
        this.state = state;
        this.maxInputs = maxInputs;
    }

    ApiResponse archiveOne(ObjectType type, String id) {
        state.archive(type, id);
        return ApiResponse.noContent();
    }

    ApiResponse archiveBatch(ObjectType type, JsonNode body) {
        List<JsonNode> inputs = BatchInputs.of(body, maxInputs);
        return state.write(() -> {
            for (JsonNode input : inputs) {
                state.archive(type, input.path("id").asText());
            }
            return ApiResponse.noContent();
        });
    }
}
