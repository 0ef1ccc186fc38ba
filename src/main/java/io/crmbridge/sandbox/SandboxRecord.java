package io.crmbridge.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * One stored CRM record: its numeric-string id, property values (strings, as on HubSpot's wire,
 * including {@code hs_object_id}, {@code createdate} and the last-modified property) and timestamps.
 */
public record SandboxRecord(String id, Map<String, String> properties, Instant createdAt, Instant updatedAt) {

    public SandboxRecord {
        properties = Map.copyOf(properties);
    }

    /** The value of one property, or null when not set. */
    public String property(String name) {
        return properties.get(name);
    }
}
