package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A property of the portal schema (properties-v3.json {@code Property}).
 *
 * @param name           internal name
 * @param label          display label
 * @param type           string, number, date, datetime, enumeration or bool
 * @param fieldType      e.g. text, number, date, select, checkbox, booleancheckbox
 * @param groupName      property group
 * @param options        allowed values for enumerations (empty otherwise)
 * @param hasUniqueValue whether values are unique per object type (usable as upsert idProperty)
 * @param readOnlyValue  whether writes are refused (system properties such as hs_object_id)
 * @param hubspotDefined whether it ships with HubSpot rather than being created over the API
 * @param createdAt      when it was defined
 */
record PropertyDefinition(String name, String label, String type, String fieldType, String groupName,
                          List<PropertyOption> options, boolean hasUniqueValue, boolean readOnlyValue,
                          boolean hubspotDefined, Instant createdAt) {

    /** The property types HubSpot accepts on create (properties-v3.json {@code PropertyCreate.type}). */
    static final Set<String> TYPES = Set.of("string", "number", "date", "datetime", "enumeration", "bool");

    PropertyDefinition {
        options = List.copyOf(options);
    }

    /** Whether several {@code ;}-separated values are allowed (multi-checkbox). */
    boolean multiValued() {
        return "enumeration".equals(type) && "checkbox".equals(fieldType);
    }

    /** The JSON shape of properties-v3.json {@code Property}. */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", name);
        json.put("label", label);
        json.put("type", type);
        json.put("fieldType", fieldType);
        json.put("description", "");
        json.put("groupName", groupName);
        ArrayNode opts = json.putArray("options");
        for (PropertyOption o : options) {
            ObjectNode on = opts.addObject();
            on.put("label", o.label());
            on.put("value", o.value());
            on.put("displayOrder", o.displayOrder());
            on.put("hidden", o.hidden());
        }
        json.put("displayOrder", -1);
        json.put("calculated", false);
        json.put("externalOptions", false);
        json.put("hasUniqueValue", hasUniqueValue);
        json.put("hidden", false);
        json.put("hubspotDefined", hubspotDefined);
        ObjectNode meta = json.putObject("modificationMetadata");
        meta.put("archivable", !hubspotDefined);
        meta.put("readOnlyDefinition", hubspotDefined);
        meta.put("readOnlyValue", readOnlyValue);
        json.put("formField", !readOnlyValue);
        json.put("createdAt", Timestamps.format(createdAt));
        json.put("updatedAt", Timestamps.format(createdAt));
        json.put("archived", false);
        return json;
    }
}
