package io.crmbridge.sandbox;

import io.crmbridge.model.ObjectType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Associations between records, kept in both directions (each direction with its own type id).
 * Adding an existing (pair, type) changes nothing. Not thread-safe: {@link SandboxState} guards it.
 */
final class AssociationStore {

    /** from type → to type → from id → to id → type ids. */
    private final Map<ObjectType, Map<ObjectType, Map<String, Map<String, Set<Integer>>>>> links =
            new EnumMap<>(ObjectType.class);

    /** Stores {@code fromId → toId} with {@code typeId} and the reverse with {@code reverseTypeId}. */
    void add(AssociationTypes.Definition type, String fromId, String toId) {
        direction(type.from(), type.to()).computeIfAbsent(fromId, k -> new LinkedHashMap<>())
                .computeIfAbsent(toId, k -> new TreeSet<>()).add(type.typeId());
        direction(type.to(), type.from()).computeIfAbsent(toId, k -> new LinkedHashMap<>())
                .computeIfAbsent(fromId, k -> new TreeSet<>()).add(type.reverseTypeId());
    }

    /** to id → type ids of the records of type {@code to} associated with {@code fromId}. */
    Map<String, Set<Integer>> targets(ObjectType from, String fromId, ObjectType to) {
        Map<String, Set<Integer>> targets = direction(from, to).get(fromId);
        return targets == null ? Collections.emptyMap() : Collections.unmodifiableMap(targets);
    }

    /** Distinct (fromId, toId) pairs from one type to another. */
    int pairCount(ObjectType from, ObjectType to) {
        int n = 0;
        for (Map<String, Set<Integer>> targets : direction(from, to).values()) {
            n += targets.size();
        }
        return n;
    }

    void clear() {
        links.clear();
    }

    private Map<String, Map<String, Set<Integer>>> direction(ObjectType from, ObjectType to) {
        return links.computeIfAbsent(from, k -> new EnumMap<>(ObjectType.class)).computeIfAbsent(to, k -> new HashMap<>());
    }
}
