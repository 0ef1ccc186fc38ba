package io.crmbridge.hubspot;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What HubSpot did with one batch of upserts, by natural key.
 *
 * @param upserted key -> record id and whether HubSpot created it (upsert result {@code new})
 * @param rejected key -> HubSpot's reason, for records HubSpot refused (L5)
 * @param unreachable key -> reason, for records that could not be delivered after redelivery
 * @param portalRules the keys of {@code rejected} that HubSpot refused for one of the portal's admin rules
 *                    ({@link PortalRuleRefusal}, P1)
 */
public record UpsertResult(Map<String, Upserted> upserted, Map<String, String> rejected,
                           Map<String, String> unreachable, Set<String> portalRules) {

    /**
     * One record HubSpot accepted.
     *
     * @param updatedAt HubSpot's {@code updatedAt} of the record in the answer (hubspot-api.md §1.3), null when the
     *                  answer has none
     */
    public record Upserted(String id, boolean created, java.time.Instant updatedAt) {
    }

    public static UpsertResult empty() {
        return new UpsertResult(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                new LinkedHashSet<>());
    }

    /** Records a refusal of the record of {@code key}: HubSpot's {@code category} and {@code message}. */
    void reject(String key, String category, String message) {
        rejected.put(key, message);
        if (PortalRuleRefusal.isPortalRule(category, message)) {
            portalRules.add(key);
        }
    }

    void addAll(UpsertResult other) {
        upserted.putAll(other.upserted);
        rejected.putAll(other.rejected);
        unreachable.putAll(other.unreachable);
        portalRules.addAll(other.portalRules);
    }
}
