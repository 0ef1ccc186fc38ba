package io.crmbridge.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which contact lists each contact belongs to (static lists, objectTypeId {@code 0-1}), with the
 * times HubSpot's Lists API reports ({@code RecordListMembership}: listId, listVersion,
 * firstAddedTimestamp, lastAddedTimestamp). Not thread-safe: {@link SandboxState} guards it.
 */
final class ListMemberships {

    /** One contact's membership of one list. */
    record Membership(String listId, int listVersion, Instant firstAdded, Instant lastAdded) {
    }

    private final Map<String, Map<String, Membership>> byRecord = new HashMap<>();
    private final Map<String, Integer> listVersions = new HashMap<>();

    /** Adds a record to a list (again: lastAdded moves); the list's version goes up by one. */
    void add(String listId, String recordId, Instant when) {
        int version = listVersions.merge(listId, 1, Integer::sum);
        Map<String, Membership> lists = byRecord.computeIfAbsent(recordId, id -> new LinkedHashMap<>());
        Membership before = lists.get(listId);
        lists.put(listId, new Membership(listId, version, before == null ? when : before.firstAdded(), when));
    }

    /** The record's memberships in the order it joined its lists; empty when none. */
    List<Membership> of(String recordId) {
        Map<String, Membership> lists = byRecord.get(recordId);
        return lists == null ? List.of() : new ArrayList<>(lists.values());
    }

    void clear() {
        byRecord.clear();
        listVersions.clear();
    }
}
