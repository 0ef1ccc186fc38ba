package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmbridge.model.ObjectType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * v4 association batches (hubspot-api.md §2.1-§2.3). {@code batch/create}: validates every type id for
 * the pair and every record id, then stores each pair in both directions (idempotent); 201. Any invalid
 * input fails the whole call with 400 (201 in v4 and 2026-03, 200 from 2026-09: {@link ApiVersion}).
 * {@code batch/read}: the associated ids with their type ids; ids without associations are reported as errors,
 * in a 207 before 2026-09.
 */
final class AssociationHandler {

    private static final int MAX_READ_INPUTS = 1000;

    private final SandboxState state;
    private final AssociationTypes types;
    private final int maxInputs;

    AssociationHandler(SandboxState state, AssociationTypes types, int maxInputs) {
        this.state = state;
        this.types = types;
        this.maxInputs = maxInputs;
    }

    /** A checked association to store. */
    private record Pair(AssociationTypes.Definition type, String fromId, String toId) {
    }

    ApiResponse create(ApiVersion version, ObjectType from, ObjectType to, JsonNode body) {
        List<JsonNode> inputs = BatchInputs.of(body, maxInputs);
        return state.write(() -> {
            List<Pair> pairs = new ArrayList<>();
            Set<String> unknown = new LinkedHashSet<>();
            for (JsonNode input : inputs) {
                String fromId = input.path("from").path("id").asText();
                String toId = input.path("to").path("id").asText();
                if (state.store(from).get(fromId).isEmpty()) {
                    unknown.add(fromId);
                }
                if (state.store(to).get(toId).isEmpty()) {
                    unknown.add(toId);
                }
                if (!input.path("types").isArray() || input.path("types").isEmpty()) {
                    throw ErrorBodies.validation("Association input is missing types");
                }
                for (JsonNode spec : input.path("types")) {
                    pairs.add(new Pair(definition(from, to, spec), fromId, toId));
                }
            }
            if (!unknown.isEmpty()) {
                ObjectNode error = ErrorBodies.error("VALIDATION_ERROR", "Could not find objects with ids "
                        + String.join(", ", unknown) + " to associate from " + from.typeId() + " to " + to.typeId());
                error.set("context", ErrorBodies.context("ids", unknown));
                throw new ApiException(400, error);
            }
            BatchResult result = new BatchResult();
            Set<String> reported = new LinkedHashSet<>();
            for (Pair pair : pairs) {
                state.associations().add(pair.type(), pair.fromId(), pair.toId());
                if (reported.add(pair.fromId() + '\u0000' + pair.toId())) {
                    ObjectNode r = JsonNodeFactory.instance.objectNode();
                    r.put("fromObjectTypeId", from.typeId());
                    r.put("fromObjectId", pair.fromId());
                    r.put("toObjectTypeId", to.typeId());
                    r.put("toObjectId", pair.toId());
                    r.putArray("labels");
                    result.addResult(r);
                }
            }
            return result.toResponse(version.associationCreateStatus(), version);
        });
    }

    ApiResponse read(ApiVersion version, ObjectType from, ObjectType to, JsonNode body) {
        List<JsonNode> inputs = BatchInputs.of(body, Math.max(maxInputs, MAX_READ_INPUTS));
        return state.read(() -> {
            BatchResult result = new BatchResult();
            for (JsonNode input : inputs) {
                String fromId = input.path("id").asText();
                Map<String, Set<Integer>> targets = state.associations().targets(from, fromId, to);
                if (targets.isEmpty()) {
                    ObjectNode error = ErrorBodies.standardError("OBJECT_NOT_FOUND", "No " + SandboxNames.singular(to).toLowerCase(Locale.ROOT)
                            + " is associated with " + SandboxNames.singular(from).toLowerCase(Locale.ROOT) + " " + fromId + ".",
                            ErrorBodies.context("fromObjectId", List.of(fromId)));
                    error.put("subCategory", "crm.associations.NO_ASSOCIATIONS_FOUND");
                    result.addError(error);
                    continue;
                }
                ObjectNode r = JsonNodeFactory.instance.objectNode();
                r.putObject("from").put("id", fromId);
                ArrayNode toArray = r.putArray("to");
                targets.forEach((toId, typeIds) -> {
                    ObjectNode t = toArray.addObject();
                    t.put("toObjectId", toId);
                    ArrayNode typeArray = t.putArray("associationTypes");
                    for (Integer typeId : typeIds) {
                        ObjectNode spec = typeArray.addObject();
                        spec.put("category", "HUBSPOT_DEFINED");
                        spec.put("typeId", typeId);
                    }
                });
                result.addResult(r);
            }
            return result.toResponse(200, version);
        });
    }

    private AssociationTypes.Definition definition(ObjectType from, ObjectType to, JsonNode spec) {
        String category = spec.path("associationCategory").asText();
        int typeId = spec.path("associationTypeId").asInt(-1);
        if (!"HUBSPOT_DEFINED".equals(category)) {
            throw ErrorBodies.validation("Unsupported association category " + category + " for type id " + typeId);
        }
        return types.find(from, to, typeId).orElseThrow(() -> ErrorBodies.validation("The association type id " + typeId
                + " is not valid from " + from.typeId() + " to " + to.typeId()));
    }
}
