package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmbridge.model.ObjectType;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Writes records as HubSpot's {@code SimplePublicObject} (hubspot-api.md §1.3). */
final class RecordJson {

    private final PropertySchema schema;

    RecordJson(PropertySchema schema) {
        this.schema = schema;
    }

    /** All stored properties, as returned by batch writes. */
    ObjectNode full(SandboxRecord record) {
        ObjectNode json = base(record);
        ObjectNode props = json.putObject("properties");
        record.properties().forEach(props::put);
        return json;
    }

    /**
     * The requested properties (null when unset, left out when not defined), plus the system fields;
     * HubSpot's default set when none are requested (hubspot-api.md §0, §3.2).
     */
    ObjectNode selected(ObjectType type, SandboxRecord record, Collection<String> requested) {
        Set<String> names = new LinkedHashSet<>();
        if (requested == null || requested.isEmpty()) {
            names.addAll(DefaultProperties.defaultReturned(type));
        } else {
            names.addAll(requested);
            names.add("hs_object_id");
            names.add("createdate");
            names.add(DefaultProperties.lastModifiedProperty(type));
        }
        ObjectNode json = base(record);
        ObjectNode props = json.putObject("properties");
        for (String name : names) {
            String value = record.property(name);
            if (value != null) {
                props.put(name, value);
            } else if (schema.find(type, name).isPresent()) {
                props.putNull(name);
            }
        }
        return json;
    }

    private static ObjectNode base(SandboxRecord record) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", record.id());
        json.put("createdAt", Timestamps.format(record.createdAt()));
        json.put("updatedAt", Timestamps.format(record.updatedAt()));
        json.put("archived", false);
        return json;
    }
}
