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
 * Creating and reading typed v4 associations (hubspot-api.md §2.1-§2.3). {@code batch/create}: validates every
 * type id for the pair and every record id, then stores each pair in both directions (idempotent); 201 (200 from
 * 2026-09: {@link ApiVersion}) with the labels now between each pair. Any invalid input fails the whole call with
 * 400. {@code PUT …/objects/{from}/{id}/associations/{to}/{toId}} with an array of {@code AssociationSpec} does the
 * same for one pair; 201 {@code LabelsBetweenObjectPair}. {@code batch/read}: the associated ids with their type
 * ids; ids without associations are reported as errors, in a 207 before 2026-09.
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
            for (int i = 0; i < inputs.size(); i++) {
                JsonNode input = inputs.get(i);
                String fromId = BatchInputs.requiredId(input.path("from"), "inputs[" + i + "].from");
                String toId = BatchInputs.requiredId(input.path("to"), "inputs[" + i + "].to");
                collectUnknown(state, from, fromId, to, toId, unknown);
                pairs.addAll(pairs(from, fromId, to, toId, input.path("types")));
            }
            if (!unknown.isEmpty()) {
                throw unknownRecords(from, to, unknown);
            }
            BatchResult result = new BatchResult();
            pairs.forEach(pair -> state.associations().add(pair.type(), pair.fromId(), pair.toId()));
            Set<String> reported = new LinkedHashSet<>();
            for (Pair pair : pairs) {
                if (reported.add(pair.fromId() + '\u0000' + pair.toId())) {
                    result.addResult(labelsBetween(from, pair.fromId(), to, pair.toId()));
                }
            }
            return result.toResponse(version.associationCreateStatus(), version);
        });
    }

    /** One pair: {@code specs} is the request body, an array of {@code AssociationSpec}. */
    ApiResponse createOne(ObjectType from, String fromId, ObjectType to, String toId, JsonNode specs) {
        return state.write(() -> {
            Set<String> unknown = new LinkedHashSet<>();
            collectUnknown(state, from, fromId, to, toId, unknown);
            if (!unknown.isEmpty()) {
                throw unknownRecords(from, to, unknown);
            }
            pairs(from, fromId, to, toId, specs).forEach(pair -> state.associations().add(pair.type(), fromId, toId));
            return new ApiResponse(201, labelsBetween(from, fromId, to, toId));
        });
    }

    private List<Pair> pairs(ObjectType from, String fromId, ObjectType to, String toId, JsonNode specs) {
        if (!specs.isArray() || specs.isEmpty()) {
            throw ErrorBodies.validation("Association input is missing types");
        }
        List<Pair> pairs = new ArrayList<>();
        for (JsonNode spec : specs) {
            pairs.add(new Pair(types.require(from, to, spec), fromId, toId));
        }
        return pairs;
    }

    /** {@code LabelsBetweenObjectPair}: the pair and the labels of the types now between it (hubspot-api.md §2.1). */
    private ObjectNode labelsBetween(ObjectType from, String fromId, ObjectType to, String toId) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("fromObjectTypeId", from.typeId());
        r.put("fromObjectId", fromId);
        r.put("toObjectTypeId", to.typeId());
        r.put("toObjectId", toId);
        ArrayNode labels = r.putArray("labels");
        for (Integer typeId : state.associations().targets(from, fromId, to).getOrDefault(toId, Set.of())) {
            types.of(typeId).map(AssociationTypes.Definition::label).ifPresent(labels::add);
        }
        return r;
    }

    /** Adds to {@code unknown} each of the two ids that is no active record of its type. */
    static void collectUnknown(SandboxState state, ObjectType from, String fromId, ObjectType to, String toId,
                               Set<String> unknown) {
        if (state.store(from).get(fromId).isEmpty()) {
            unknown.add(fromId);
        }
        if (state.store(to).get(toId).isEmpty()) {
            unknown.add(toId);
        }
    }

    /** 400 naming the ids that are no records, in {@code context.ids}; nothing of the call is written. */
    static ApiException unknownRecords(ObjectType from, ObjectType to, Set<String> unknown) {
        ObjectNode error = ErrorBodies.error("VALIDATION_ERROR", "Could not find objects with ids "
                + String.join(", ", unknown) + " to associate from " + from.typeId() + " to " + to.typeId());
        error.set("context", ErrorBodies.context("ids", unknown));
        return new ApiException(400, error);
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
                    typeIds.forEach(typeId -> typeArray.add(types.specWithLabel(typeId)));
                });
                result.addResult(r);
            }
            return result.toResponse(200, version);
        });
    }
}
