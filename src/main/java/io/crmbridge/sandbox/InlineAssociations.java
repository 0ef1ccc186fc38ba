package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmbridge.model.ObjectType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code associations} of a v3 read ({@code GET …/{objectType}/{id}?associations=companies} and the
 * listing; hubspot-api.md §2.4, SPEC {@code SimplePublicObjectWithAssociations}): per requested object type that
 * has any, {@code {"companies":{"results":[{"id":"…","type":"contact_to_company"}]}}}, one entry per
 * association type; a type without associations is left out. Call under the state's lock.
 */
final class InlineAssociations {

    private final SandboxState state;
    private final AssociationTypes types;

    InlineAssociations(SandboxState state, AssociationTypes types) {
        this.state = state;
        this.types = types;
    }

    /**
     * The object types named by the {@code associations} query parameter (names or type ids, comma-separated or
     * repeated); names HubSpot has but the sandbox does not (deals, ...) are left out.
     */
    static List<ObjectType> requested(QueryParameters params) {
        List<ObjectType> requested = new ArrayList<>();
        for (String name : params.list("associations")) {
            ObjectType.fromPathSegment(name).filter(t -> !requested.contains(t)).ifPresent(requested::add);
        }
        return requested;
    }

    /** Adds {@code associations} to a record's JSON when any of {@code toTypes} is associated. */
    void addTo(ObjectNode recordJson, ObjectType type, String id, List<ObjectType> toTypes) {
        ObjectNode associations = null;
        for (ObjectType to : toTypes) {
            Map<String, Set<Integer>> targets = state.associations().targets(type, id, to);
            if (targets.isEmpty()) {
                continue;
            }
            if (associations == null) {
                associations = recordJson.putObject("associations");
            }
            ArrayNode results = associations.putObject(to.pathName()).putArray("results");
            targets.forEach((toId, typeIds) -> typeIds.forEach(typeId -> types.of(typeId).ifPresent(def ->
                    results.addObject().put("id", toId).put("type", types.v3Name(def)))));
        }
    }
}
