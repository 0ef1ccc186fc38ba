package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;

/**
 * {@code POST …/{objectType}/merge} with {@code PublicMergeInput} ({@code primaryObjectId},
 * {@code objectIdToMerge}; contacts-v3.json, also companies and tickets): merges the second record into the
 * first ({@link SandboxState#merge}) and answers 200 with the primary record. A missing field or the same id
 * twice answers 400 VALIDATION_ERROR; an id that is no active record answers 404 OBJECT_NOT_FOUND.
 */
final class MergeHandler {

    private final SandboxState state;
    private final RecordJson json;

    MergeHandler(SandboxState state, RecordJson json) {
        this.state = state;
        this.json = json;
    }

    ApiResponse merge(ObjectType type, JsonNode body) {
        String primaryId = BatchInputs.text(body, "primaryObjectId");
        String mergedId = BatchInputs.text(body, "objectIdToMerge");
        if (primaryId == null || mergedId == null) {
            throw ErrorBodies.validation("Invalid input JSON: primaryObjectId and objectIdToMerge are required");
        }
        if (primaryId.equals(mergedId)) {
            throw ErrorBodies.validation("Cannot merge " + SandboxNames.singular(type) + " " + primaryId + " into itself");
        }
        return state.write(() -> {
            for (String id : new String[] {primaryId, mergedId}) {
                if (state.store(type).get(id).isEmpty()) {
                    throw ErrorBodies.notFound("Object not found. " + SandboxNames.singular(type) + " " + id
                            + " does not exist or is archived");
                }
            }
            return new ApiResponse(200, json.full(state.merge(type, primaryId, mergedId)));
        });
    }
}
