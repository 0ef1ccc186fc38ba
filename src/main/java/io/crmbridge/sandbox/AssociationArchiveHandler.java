package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import java.util.ArrayList;
import java.util.List;

/**
 * Removing associations (hubspot-api.md §2.1): {@code DELETE …/objects/{from}/{fromId}/associations/{to}/{toId}}
 * and {@code POST …/associations/{from}/{to}/batch/archive} ({@code {"inputs":[{"from":{"id"},"to":[{"id"}]}]}})
 * remove every type between each pair, in both directions; {@code batch/labels/archive} (the body of
 * {@code batch/create}) removes only the types named, keeping the others. Pairs without associations are no
 * error. DELETE answers 204; the batches answer 204 on v4 and 200 with an empty {@code BatchResponse} on the
 * date-based versions, as each version's document declares (associations-v4.json, 2026-03/ and
 * 2026-09/associations.json).
 */
final class AssociationArchiveHandler {

    private final SandboxState state;
    private final AssociationTypes types;
    private final int maxInputs;

    AssociationArchiveHandler(SandboxState state, AssociationTypes types, int maxInputs) {
        this.state = state;
        this.types = types;
        this.maxInputs = maxInputs;
    }

    ApiResponse archiveOne(ObjectType from, String fromId, ObjectType to, String toId) {
        state.write(() -> state.associations().removePair(from, fromId, to, toId));
        return ApiResponse.noContent();
    }

    /** @param version the path's version: 204 on v4, 200 with an empty batch answer on a date-based one */
    ApiResponse archiveBatch(ObjectType from, ObjectType to, JsonNode body, ApiVersion version) {
        List<JsonNode> inputs = BatchInputs.of(body, maxInputs);
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            String fromId = BatchInputs.requiredId(inputs.get(i).path("from"), "inputs[" + i + "].from");
            JsonNode targets = inputs.get(i).path("to");
            for (int j = 0; j < targets.size(); j++) {
                pairs.add(new String[] {fromId, BatchInputs.requiredId(targets.get(j), "inputs[" + i + "].to[" + j + "]")});
            }
        }
        return state.write(() -> {
            pairs.forEach(p -> state.associations().removePair(from, p[0], to, p[1]));
            return answer(version);
        });
    }

    /** @param version the path's version: 204 on v4, 200 with an empty batch answer on a date-based one */
    ApiResponse archiveLabels(ObjectType from, ObjectType to, JsonNode body, ApiVersion version) {
        List<JsonNode> inputs = BatchInputs.of(body, maxInputs);
        // every type is checked before anything is removed: one invalid input fails the whole call
        List<Runnable> removals = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode input = inputs.get(i);
            String fromId = BatchInputs.requiredId(input.path("from"), "inputs[" + i + "].from");
            String toId = BatchInputs.requiredId(input.path("to"), "inputs[" + i + "].to");
            for (JsonNode spec : input.path("types")) {
                AssociationTypes.Definition type = types.require(from, to, spec);
                removals.add(() -> state.associations().removeType(type, fromId, toId));
            }
        }
        return state.write(() -> {
            removals.forEach(Runnable::run);
            return answer(version);
        });
    }

    private static ApiResponse answer(ApiVersion version) {
        return ApiVersion.LEGACY.equals(version) ? ApiResponse.noContent() : new BatchResult().toResponse(200, version);
    }
}
