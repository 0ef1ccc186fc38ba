package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmbridge.model.ObjectType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST …/batch/update} (hubspot-api.md §1.1, §1.4, §1.6): updates records by id (contacts only by
 * record id; other objects also by a hasUniqueValue {@code idProperty}). 200; unknown ids give 207 with
 * one aggregated OBJECT_NOT_FOUND error; invalid values fail the batch unless every input has a trace id.
 */
final class BatchUpdateHandler {

    private final SandboxState state;
    private final WritePlanner planner;
    private final RecordJson json;
    private final int maxInputs;

    BatchUpdateHandler(SandboxState state, WritePlanner planner, RecordJson json, int maxInputs) {
        this.state = state;
        this.planner = planner;
        this.json = json;
        this.maxInputs = maxInputs;
    }

    private record Plan(SandboxRecord existing, Map<String, String> values, String traceId) {
    }

    ApiResponse update(ApiVersion version, ObjectType type, JsonNode body) {
        boolean adminRules = version.enforcesAdminRules();
        List<JsonNode> inputs = BatchInputs.of(body, maxInputs);
        for (JsonNode input : inputs) {
            String idProperty = BatchInputs.text(input, "idProperty");
            if (idProperty != null) {
                if (type == ObjectType.CONTACTS) {
                    // Contacts batch update must use record ids (hubspot-api.md §1.6).
                    throw ErrorBodies.validation("Unable to perform update/upsert by non-unique 0-1 property " + idProperty);
                }
                IdPropertyRules.requireUnique(state.schema(), type, idProperty);
            }
        }
        IdPropertyRules.requireDistinct(type, inputs);
        boolean traced = BatchInputs.allTraced(inputs);
        return state.write(() -> {
            BatchResult result = new BatchResult();
            List<String> missingIds = new ArrayList<>();
            List<String> missingTraceIds = new ArrayList<>();
            Instant now = Timestamps.now();
            BatchWrite.apply(inputs, traced, planner, type, (input, pending) -> {
                String traceId = BatchInputs.traceId(input);
                SandboxRecord existing = find(type, input);
                if (existing == null) {
                    // one aggregated OBJECT_NOT_FOUND error for the batch, below (hubspot-api.md §1.4)
                    missingIds.add(input.path("id").asText());
                    if (traceId != null) {
                        missingTraceIds.add(traceId);
                    }
                    return null;
                }
                return new Plan(existing, planner.check(type, BatchInputs.properties(input), existing, pending,
                        adminRules), traceId);
            }, Plan::values, plan -> write(type, plan, now), result);
            if (!missingIds.isEmpty()) {
                ObjectNode context = ErrorBodies.context("ids", missingIds);
                if (!missingTraceIds.isEmpty()) {
                    context.set("objectWriteTraceId", ErrorBodies.context("x", missingTraceIds).get("x"));
                }
                result.addError(ErrorBodies.standardError("OBJECT_NOT_FOUND", "Could not get some " + SandboxNames.singular(type)
                        + " objects, they may be deleted or not exist. Check that ids are valid.", context));
            }
            return result.toResponse(200, version);
        });
    }

    private SandboxRecord find(ObjectType type, JsonNode input) {
        String id = input.path("id").asText();
        String idProperty = BatchInputs.text(input, "idProperty");
        RecordStore store = state.store(type);
        if (idProperty == null) {
            return store.get(id).orElse(null);
        }
        return store.idByUniqueValue(idProperty, id).flatMap(store::get).orElse(null);
    }

    private ObjectNode write(ObjectType type, Plan plan, Instant now) {
        SandboxRecord record = state.store(type).update(plan.existing(), plan.values(), now, state.schema().uniqueKeys(type));
        ObjectNode result = json.full(record);
        if (plan.traceId() != null) {
            result.put("objectWriteTraceId", plan.traceId());
        }
        return result;
    }
}
