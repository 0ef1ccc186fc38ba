package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;

/**
 * {@code PATCH …/{objectType}/{id}[?idProperty=…]} (hubspot-api.md §1.1, §1.6): updates one record, found by
 * record id or by a unique {@code idProperty} (for contacts also {@code email}, which batch update refuses but
 * the single PATCH accepts: DOC-CONTACTS). Body {@code SimplePublicObjectInput} ({@code {"properties":{…}}});
 * answers 200 with the record. An unknown record answers 404; values are checked as on every write
 * ({@link WritePlanner}: 400 VALIDATION_ERROR, 409 CONFLICT for a unique value another record holds).
 */
final class RecordUpdateHandler {

    private final SandboxState state;
    private final WritePlanner planner;
    private final RecordJson json;

    RecordUpdateHandler(SandboxState state, WritePlanner planner, RecordJson json) {
        this.state = state;
        this.planner = planner;
        this.json = json;
    }

    /** @param version the path's version: from 2026-09 the portal's admin rules apply (hubspot-api.md §10.3) */
    ApiResponse update(ApiVersion version, ObjectType type, String id, QueryParameters params, JsonNode body) {
        String idProperty = params.first("idProperty");
        return state.write(() -> {
            SandboxRecord existing = IdPropertyRules.find(state, type, id, idProperty).orElseThrow(() ->
                    ErrorBodies.notFound("Object not found.  objectId are usually numeric."));
            var values = planner.check(type, BatchInputs.properties(body), existing, new WritePlanner.Pending(),
                    version.enforcesAdminRules());
            SandboxRecord updated = state.store(type).update(existing, values, Timestamps.now(),
                    state.schema().uniqueKeys(type));
            return new ApiResponse(200, json.full(updated));
        });
    }
}
