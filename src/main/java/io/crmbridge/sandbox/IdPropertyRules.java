package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Rules on the ids of update and upsert inputs (hubspot-api.md §1.5, §1.6). */
final class IdPropertyRules {

    private IdPropertyRules() {
    }

    /**
     * Refuses an idProperty whose values are not unique: contacts allow {@code email} or a hasUniqueValue
     * property, other objects only a hasUniqueValue property ({@code hs_object_id} is refused too).
     */
    static void requireUnique(PropertySchema schema, ObjectType type, String idProperty) {
        boolean unique = schema.isUniqueKey(type, idProperty);
        if (!unique) {
            throw ErrorBodies.validation("Unable to perform update/upsert by non-unique " + type.typeId()
                    + " property " + idProperty);
        }
    }

    /**
     * The active record that {@code id} names: by record id when {@code idProperty} is null or
     * {@code hs_object_id}, else by the value of that unique property (emails compared lower-cased). Call under
     * the state's lock.
     *
     * @throws ApiException 400 when {@code idProperty} is not a unique property ({@link #requireUnique})
     */
    static Optional<SandboxRecord> find(SandboxState state, ObjectType type, String id, String idProperty) {
        RecordStore store = state.store(type);
        if (idProperty == null || "hs_object_id".equals(idProperty)) {
            return store.get(id);
        }
        requireUnique(state.schema(), type, idProperty);
        return store.idByUniqueValue(idProperty, WritePlanner.lookupValue(type, idProperty, id)).flatMap(store::get);
    }

    /** 400 "Duplicate IDs found in batch input" when two inputs name the same id (emails compared lower-cased). */
    static void requireDistinct(ObjectType type, List<JsonNode> inputs) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (JsonNode input : inputs) {
            String idProperty = Optional.ofNullable(BatchInputs.text(input, "idProperty")).orElse("hs_object_id");
            String id = WritePlanner.lookupValue(type, idProperty, input.path("id").asText());
            if (!seen.add(idProperty + '\u0000' + id)) {
                duplicates.add(id);
            }
        }
        if (!duplicates.isEmpty()) {
            throw ErrorBodies.duplicateIds(duplicates);
        }
    }
}
