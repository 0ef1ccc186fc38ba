package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmbridge.model.ObjectType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST …/batch/create} and the single {@code POST …/{obj}} (hubspot-api.md §1.1, §1.5, §1.7, §2.4):
 * 201; with a trace id on every input, valid inputs are written and failures listed in a 207 (in the 201 from
 * 2026-09: {@link ApiVersion});
 * otherwise the first failing input fails the whole batch (400 or 409) and nothing is written.
 */
final class BatchCreateHandler {

    private final SandboxState state;
    private final WritePlanner planner;
    private final RecordJson json;
    private final AssociationTypes associationTypes;
    private final int maxInputs;

    BatchCreateHandler(SandboxState state, WritePlanner planner, RecordJson json, AssociationTypes associationTypes,
                       int maxInputs) {
        this.state = state;
        this.planner = planner;
        this.json = json;
        this.associationTypes = associationTypes;
        this.maxInputs = maxInputs;
    }

    /** A checked input ready to write. */
    private record Plan(Map<String, String> values, List<Link> links, String traceId) {
    }

    /** An inline association of the new record. */
    private record Link(AssociationTypes.Definition type, String toId) {
    }

    ApiResponse batchCreate(ApiVersion version, ObjectType type, JsonNode body) {
        boolean adminRules = version.enforcesAdminRules();
        List<JsonNode> inputs = BatchInputs.of(body, maxInputs);
        boolean traced = BatchInputs.allTraced(inputs);
        return state.write(() -> {
            BatchResult result = new BatchResult();
            Instant now = Timestamps.now();
            BatchWrite.apply(inputs, traced, planner, type, (input, pending) -> plan(type, input, pending, adminRules),
                    Plan::values, plan -> write(type, plan, now), result);
            return result.toResponse(201, version);
        });
    }

    /** Single create: 201 with the record, or the input's error. */
    ApiResponse createOne(ObjectType type, JsonNode body, boolean adminRules) {
        return state.write(() -> {
            Plan plan = plan(type, body, new WritePlanner.Pending(), adminRules);
            return new ApiResponse(201, write(type, plan, Timestamps.now()));
        });
    }

    private Plan plan(ObjectType type, JsonNode input, WritePlanner.Pending pending, boolean adminRules) {
        Map<String, String> values = planner.check(type, BatchInputs.properties(input), null, pending, adminRules);
        List<Link> links = new ArrayList<>();
        for (JsonNode association : input.path("associations")) {
            String toId = association.path("to").path("id").asText();
            for (JsonNode spec : association.path("types")) {
                int typeId = spec.path("associationTypeId").asInt(-1);
                AssociationTypes.Definition def = associationTypes.findFrom(type, typeId).orElseThrow(() ->
                        ErrorBodies.validation("invalid association type id " + typeId + " from " + type.typeId()));
                if (state.store(def.to()).get(toId).isEmpty()) {
                    throw ErrorBodies.validation("Association target " + def.to().typeId() + " " + toId + " does not exist");
                }
                links.add(new Link(def, toId));
            }
        }
        return new Plan(values, links, BatchInputs.traceId(input));
    }

    private ObjectNode write(ObjectType type, Plan plan, Instant now) {
        String id = state.newId();
        SandboxRecord record = state.store(type).insert(id, plan.values(), now, state.schema().uniqueKeys(type));
        for (Link link : plan.links()) {
            state.associations().add(link.type(), id, link.toId());
        }
        ObjectNode result = json.full(record);
        if (plan.traceId() != null) {
            result.put("objectWriteTraceId", plan.traceId());
        }
        return result;
    }
}
