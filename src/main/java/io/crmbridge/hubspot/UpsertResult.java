package io.crmbridge.hubspot;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What HubSpot did with one batch of upserts, by natural key.
 *
 * @param upserted key -> record id and whether HubSpot created it (upsert result {@code new})
 * @param rejected key -> HubSpot's reason, for records HubSpot refused (L5)
 * @param unreachable key -> reason, for records that could not be delivered after redelivery
 */
public record UpsertResult(Map<String, Upserted> upserted, Map<String, String> rejected,
                           Map<String, String> unreachable) {

    /** One record HubSpot accepted. */
    public record Upserted(String id, boolean created) {
    }

    public static UpsertResult empty() {
        return new UpsertResult(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    void addAll(UpsertResult other) {
        upserted.putAll(other.upserted);
        rejected.putAll(other.rejected);
        unreachable.putAll(other.unreachable);
    }
}
