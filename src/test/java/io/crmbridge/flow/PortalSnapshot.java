package io.crmbridge.flow;

import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.HubSpotSandbox;
import io.crmbridge.sandbox.SandboxRecord;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a sandbox portal holds, comparable between two portals whose ids and timestamps differ: each type's records
 * by their key ({@code email} for contacts, {@code crm_bridge_key} otherwise) with their properties but the portal's
 * own, each association as the pair of its ends' keys, and how many records share a key with another (a record sent
 * twice as a create).
 *
 * @param records       type -> key -> properties
 * @param associations  "from->to" (e.g. {@code tickets->contacts}) -> "fromKey -> toKey" pairs
 * @param duplicateKeys records beyond the first of each key, all types together
 */
record PortalSnapshot(Map<ObjectType, Map<String, Map<String, String>>> records,
                      Map<String, Set<String>> associations, long duplicateKeys) {

    /** Properties the sandbox sets itself: ids and timestamps differ between two portals. */
    private static final Set<String> PORTAL_OWN = Set.of("hs_object_id", "createdate", "lastmodifieddate",
            "hs_lastmodifieddate");

    static PortalSnapshot of(HubSpotSandbox portal) {
        Map<ObjectType, Map<String, Map<String, String>>> records = new EnumMap<>(ObjectType.class);
        Map<ObjectType, Map<String, String>> keyById = new EnumMap<>(ObjectType.class);
        long duplicates = 0;
        for (ObjectType type : ObjectType.values()) {
            List<SandboxRecord> all = portal.state().records(type);
            Map<String, Map<String, String>> byKey = new TreeMap<>();
            Map<String, String> keys = new HashMap<>();
            for (SandboxRecord r : all) {
                Map<String, String> props = new TreeMap<>(r.properties());
                props.keySet().removeAll(PORTAL_OWN);
                byKey.put(key(type, r), props);
                keys.put(r.id(), key(type, r));
            }
            duplicates += all.size() - byKey.size();
            records.put(type, byKey);
            keyById.put(type, keys);
        }
        Map<String, Set<String>> associations = new TreeMap<>();
        for (ObjectType from : ObjectType.values()) {
            for (ObjectType to : ObjectType.values()) {
                Set<String> pairs = new TreeSet<>();
                for (SandboxRecord r : portal.state().records(from)) {
                    for (String toId : portal.state().associatedIds(from, r.id(), to)) {
                        pairs.add(key(from, r) + " -> " + keyById.get(to).get(toId));
                    }
                }
                if (!pairs.isEmpty()) {
                    associations.put(from.pathName() + "->" + to.pathName(), pairs);
                }
            }
        }
        return new PortalSnapshot(records, associations, duplicates);
    }

    /** One type's records by key. */
    Map<String, Map<String, String>> of(ObjectType type) {
        return records.get(type);
    }

    /** The keys of {@code to} records associated with each {@code from} record that has any. */
    Map<String, Set<String>> linked(ObjectType from, ObjectType to) {
        Map<String, Set<String>> linked = new TreeMap<>();
        for (String pair : associations.getOrDefault(from.pathName() + "->" + to.pathName(), Set.of())) {
            int arrow = pair.indexOf(" -> ");
            linked.computeIfAbsent(pair.substring(0, arrow), k -> new TreeSet<>()).add(pair.substring(arrow + 4));
        }
        return linked;
    }

    private static String key(ObjectType type, SandboxRecord r) {
        return r.property(type == ObjectType.CONTACTS ? "email" : "crm_bridge_key");
    }
}
