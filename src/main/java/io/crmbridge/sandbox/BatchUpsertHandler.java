package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmbridge.model.ObjectType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST …/batch/upsert} (hubspot-api.md §1.6): per input, finds the record whose {@code idProperty}
 * holds {@code id} and updates it, or creates one with that value; results carry {@code new}. 200; 207
 * with per-input errors when every input has a trace id; otherwise one bad input fails the batch.
 */
final class BatchUpsertHandler {

    private final SandboxState state;
    private final WritePlanner planner;
    private final RecordJson json;
    private final int maxInputs;

    BatchUpsertHandler(SandboxState state, WritePlanner planner, RecordJson json, int maxInputs) {
        this.state = state;
        this.planner = planner;
        this.json = json;
        this.maxInputs = maxInputs;
    }

    /** A checked input: the record to update (null = create) and the values. */
    private record Plan(SandboxRecord existing, Map<String, String> values, String traceId) {
    }

    ApiResponse upsert(ApiVersion version, ObjectType type, JsonNode body) {
        boolean adminRules = version.enforcesAdminRules();
        List<JsonNode> inputs = BatchInputs.of(body, maxInputs);
        for (JsonNode input : inputs) {
            String idProperty = BatchInputs.text(input, "idProperty");
            if (idProperty != null) {
                IdPropertyRules.requireUnique(state.schema(), type, idProperty);
            }
        }
        IdPropertyRules.requireDistinct(type, inputs);
        boolean traced = BatchInputs.allTraced(inputs);
        return state.write(() -> {
            BatchResult result = new BatchResult();
            Instant now = Timestamps.now();
            BatchWrite.apply(inputs, traced, planner, type, (input, pending) -> plan(type, input, pending, adminRules),
                    Plan::values, plan -> write(type, plan, now), result);
            return result.toResponse(200, version);
        });
    }

    private Plan plan(ObjectType type, JsonNode input, WritePlanner.Pending pending, boolean adminRules) {
        String idProperty = BatchInputs.text(input, "idProperty");
        String id = input.path("id").asText();
        Map<String, String> properties = BatchInputs.properties(input);
        RecordStore store = state.store(type);
        SandboxRecord existing;
        if (idProperty == null) {
            existing = store.get(id).orElseThrow(() -> ErrorBodies.notFound(
                    "Could not get some " + SandboxNames.singular(type) + " objects, they may be deleted or not exist. "
                            + "Check that ids are valid."));
        } else {
            properties.put(idProperty, id);
            existing = store.idByUniqueValue(idProperty, WritePlanner.lookupValue(type, idProperty, id))
                    .flatMap(store::get).orElse(null);
        }
        Map<String, String> values = planner.check(type, properties, existing, pending, adminRules);
        return new Plan(existing, values, BatchInputs.traceId(input));
    }

    private ObjectNode write(ObjectType type, Plan plan, Instant now) {
        RecordStore store = state.store(type);
        SandboxRecord record = plan.existing() == null
                ? store.insert(state.newId(), plan.values(), now, state.schema().uniqueKeys(type))
                : store.update(plan.existing(), plan.values(), now, state.schema().uniqueKeys(type));
        ObjectNode result = json.full(record);
        result.put("new", plan.existing() == null);
        if (plan.traceId() != null) {
            result.put("objectWriteTraceId", plan.traceId());
        }
        return result;
    }
}
