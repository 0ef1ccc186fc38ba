package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A property group of the portal schema (properties-v3.json {@code PropertyGroup}).
 *
 * @param name         internal name, referenced by a property's {@code groupName}
 * @param label        display label
 * @param displayOrder display position; -1 after the positive ones
 */
record PropertyGroup(String name, String label, int displayOrder) {

    /** The JSON shape of properties-v3.json {@code PropertyGroup}. */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", name);
        json.put("label", label);
        json.put("displayOrder", displayOrder);
        json.put("archived", false);
        return json;
    }
}
