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

    /**
     * Removes every association between {@code fromId} and {@code toId}, in both directions (a v4 DELETE or
     * batch/archive removes all types between the pair, hubspot-api.md §2.1).
     *
     * @return whether there was any
     */
    boolean removePair(ObjectType from, String fromId, ObjectType to, String toId) {
        boolean removed = removeEntry(from, fromId, to, toId, null);
        removeEntry(to, toId, from, fromId, null);
        return removed;
    }

    /** Removes one type (and its reverse) between the pair, keeping the others (batch/labels/archive). */
    void removeType(AssociationTypes.Definition type, String fromId, String toId) {
        removeEntry(type.from(), fromId, type.to(), toId, type.typeId());
        removeEntry(type.to(), toId, type.from(), fromId, type.reverseTypeId());
    }

    /**
     * Moves every association of record {@code mergedId} to record {@code primaryId} of the same type, in both
     * directions, as a merge does: the merged record's associations end up on the record that stays.
     */
    void moveAll(ObjectType type, String mergedId, String primaryId) {
        for (ObjectType to : ObjectType.values()) {
            Map<String, Set<Integer>> moved = direction(type, to).remove(mergedId);
            if (moved == null) {
                continue;
            }
            Map<String, Set<Integer>> into = direction(type, to).computeIfAbsent(primaryId, k -> new LinkedHashMap<>());
            moved.forEach((toId, typeIds) -> {
                into.computeIfAbsent(toId, k -> new TreeSet<>()).addAll(typeIds);
                Map<String, Set<Integer>> back = direction(to, type).get(toId);
                Set<Integer> reverse = back.remove(mergedId);
                back.computeIfAbsent(primaryId, k -> new TreeSet<>()).addAll(reverse);
            });
        }
    }

    /** Distinct (fromId, toId) pairs from one type to another. */
    int pairCount(ObjectType from, ObjectType to) {
        int n = 0;
        for (Map<String, Set<Integer>> targets : direction(from, to).values()) {
            n += targets.size();
        }
        return n;
    }

    /** Removes {@code typeId} (null: every type) from one direction's entry, dropping what becomes empty. */
    private boolean removeEntry(ObjectType from, String fromId, ObjectType to, String toId, Integer typeId) {
        Map<String, Map<String, Set<Integer>>> direction = direction(from, to);
        Map<String, Set<Integer>> targets = direction.get(fromId);
        Set<Integer> types = targets == null ? null : targets.get(toId);
        if (types == null) {
            return false;
        }
        boolean removed = typeId == null || types.remove(typeId);
        if (typeId == null || types.isEmpty()) {
            targets.remove(toId);
        }
        if (targets.isEmpty()) {
            direction.remove(fromId);
        }
        return removed;
    }

    void clear() {
        links.clear();
    }

    private Map<String, Map<String, Set<Integer>>> direction(ObjectType from, ObjectType to) {
        return links.computeIfAbsent(from, k -> new EnumMap<>(ObjectType.class)).computeIfAbsent(to, k -> new HashMap<>());
    }
}
