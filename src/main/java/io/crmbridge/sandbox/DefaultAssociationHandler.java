package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmbridge.model.ObjectType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Associations with the default (unlabeled) type of a direction (hubspot-api.md §2.1, §2.3):
 * {@code POST …/associations/{from}/{to}/batch/associate/default} ({@code {"inputs":[{"from":{"id"},"to":{"id"}}]}})
 * and {@code PUT …/objects/{from}/{fromId}/associations/default/{to}/{toId}}; both answer 200
 * {@code BatchResponsePublicDefaultAssociation} with one {@code {from, to, associationSpec}} per pair (a default
 * ticket→contact association is type 16). Idempotent; an id that is no record fails the whole call with 400,
 * and so does a pair of types without a default type.
 */
final class DefaultAssociationHandler {

    private final SandboxState state;
    private final AssociationTypes types;
    private final int maxInputs;

    DefaultAssociationHandler(SandboxState state, AssociationTypes types, int maxInputs) {
        this.state = state;
        this.types = types;
        this.maxInputs = maxInputs;
    }

    ApiResponse batch(ObjectType from, ObjectType to, JsonNode body) {
        List<JsonNode> inputs = BatchInputs.of(body, maxInputs);
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            pairs.add(new String[] {BatchInputs.requiredId(inputs.get(i).path("from"), "inputs[" + i + "].from"),
                BatchInputs.requiredId(inputs.get(i).path("to"), "inputs[" + i + "].to")});
        }
        return associate(from, to, pairs);
    }

    ApiResponse one(ObjectType from, String fromId, ObjectType to, String toId) {
        return associate(from, to, List.<String[]>of(new String[] {fromId, toId}));
    }

    private ApiResponse associate(ObjectType from, ObjectType to, List<String[]> pairs) {
        AssociationTypes.Definition type = types.defaultType(from, to).orElseThrow(() -> ErrorBodies.validation(
                "There is no default association type from " + from.typeId() + " to " + to.typeId()));
        return state.write(() -> {
            Set<String> unknown = new LinkedHashSet<>();
            pairs.forEach(p -> AssociationHandler.collectUnknown(state, from, p[0], to, p[1], unknown));
            if (!unknown.isEmpty()) {
                throw AssociationHandler.unknownRecords(from, to, unknown);
            }
            BatchResult result = new BatchResult();
            for (String[] pair : pairs) {
                state.associations().add(type, pair[0], pair[1]);
                ObjectNode r = JsonNodeFactory.instance.objectNode();
                r.putObject("from").put("id", pair[0]);
                r.putObject("to").put("id", pair[1]);
                r.putObject("associationSpec").put("associationCategory", "HUBSPOT_DEFINED")
                        .put("associationTypeId", type.typeId());
                result.addResult(r);
            }
            // no input fails alone here (unknown ids fail the whole call above), so no version answers 207
            return result.toResponse(200, ApiVersion.LEGACY);
        });
    }
}
