package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmbridge.model.ObjectType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /crm/v3/properties/{obj}} (properties-v3.json): GET lists {@code {"results":[Property…]}}, GET
 * {@code /{name}} one property (404 when unknown), POST creates from a {@code PropertyCreate} → 201,
 * 409 OBJECT_ALREADY_EXISTS when the name is taken, 400 when its group does not exist; PATCH
 * {@code /{name}} with a {@code PropertyUpdate} changes the label and replaces the options of a property
 * created over the API (400 for HubSpot's own, whose definition is read-only) → 200. The groups
 * under {@code /groups}: GET lists, GET {@code /groups/{name}} one (404 when unknown), POST creates
 * from a {@code PropertyGroupCreate} → 201, 409 when the name is taken.
 */
final class PropertiesHandler {

    private final PropertySchema schema;

    PropertiesHandler(PropertySchema schema) {
        this.schema = schema;
    }

    ApiResponse list(ObjectType type) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode results = body.putArray("results");
        schema.all(type).forEach(d -> results.add(d.toJson()));
        return new ApiResponse(200, body);
    }

    ApiResponse get(ObjectType type, String name) {
        return new ApiResponse(200, schema.find(type, name).orElseThrow(() -> ErrorBodies.notFound(
                "Unable to find property with name " + name + " for object type " + type.typeId())).toJson());
    }

    ApiResponse create(ObjectType type, JsonNode body) {
        List<String> missing = new ArrayList<>();
        for (String field : List.of("name", "label", "type", "fieldType", "groupName")) {
            if (BatchInputs.text(body, field) == null) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw ErrorBodies.validation("Missing required fields for property create: " + missing);
        }
        String propertyType = body.path("type").asText();
        if (!PropertyDefinition.TYPES.contains(propertyType)) {
            throw ErrorBodies.validation("Invalid property type " + propertyType + "; expected one of "
                    + new java.util.TreeSet<>(PropertyDefinition.TYPES));
        }
        List<PropertyOption> options = options(body);
        String name = body.path("name").asText();
        PropertyDefinition definition = new PropertyDefinition(name, body.path("label").asText(), propertyType,
                body.path("fieldType").asText(), body.path("groupName").asText(), options,
                body.path("hasUniqueValue").asBoolean(false), false, false, Timestamps.now());
        if (schema.find(type, name).isEmpty() && schema.group(type, definition.groupName()).isEmpty()) {
            throw ErrorBodies.validation("Property group " + definition.groupName() + " does not exist.");
        }
        if (!schema.add(type, definition)) {
            throw new ApiException(409, ErrorBodies.error("OBJECT_ALREADY_EXISTS",
                    "A property named '" + name + "' already exists."));
        }
        return new ApiResponse(201, definition.toJson());
    }

    /**
     * {@code POST /{obj}/batch/create} with a {@code BatchInputPropertyCreate}: creates each input as {@link #create}
     * does, in order, and answers 201 (200 from 2026-09) with a {@code BatchResponseProperty} of the created properties (an empty
     * batch creates nothing: {@code --check-portal}'s probe of the schema write scope); the first refused input
     * answers with its error, after the inputs before it were created.
     */
    ApiResponse batchCreate(ApiVersion version, ObjectType type, JsonNode body) {
        String started = Timestamps.now().toString();
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("status", "COMPLETE");
        ArrayNode results = answer.putArray("results");
        for (JsonNode input : BatchInputs.of(body, Integer.MAX_VALUE)) {
            results.add(create(type, input).body());
        }
        answer.put("startedAt", started);
        answer.put("completedAt", Timestamps.now().toString());
        return new ApiResponse(version.propertyBatchCreateStatus(), answer);
    }

    ApiResponse update(ObjectType type, String name, JsonNode body) {
        PropertyDefinition old = schema.find(type, name).orElseThrow(() -> ErrorBodies.notFound(
                "Unable to find property with name " + name + " for object type " + type.typeId()));
        if (old.hubspotDefined()) {
            throw ErrorBodies.validation("Property " + name + " is HubSpot-defined: its definition is read-only");
        }
        PropertyDefinition updated = new PropertyDefinition(name, body.path("label").asText(old.label()), old.type(),
                old.fieldType(), old.groupName(), body.has("options") ? options(body) : old.options(),
                old.hasUniqueValue(), old.readOnlyValue(), false, old.createdAt());
        schema.replace(type, updated);
        return new ApiResponse(200, updated.toJson());
    }

    private static List<PropertyOption> options(JsonNode body) {
        List<PropertyOption> options = new ArrayList<>();
        int order = 0;
        for (JsonNode o : body.path("options")) {
            String value = BatchInputs.text(o, "value");
            if (value == null) {
                throw ErrorBodies.validation("Every option needs a value");
            }
            options.add(new PropertyOption(o.path("label").asText(value), value,
                    o.path("displayOrder").asInt(order), o.path("hidden").asBoolean(false)));
            order++;
        }
        return options;
    }

    ApiResponse listGroups(ObjectType type) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode results = body.putArray("results");
        schema.groups(type).forEach(g -> results.add(g.toJson()));
        return new ApiResponse(200, body);
    }

    ApiResponse getGroup(ObjectType type, String name) {
        return new ApiResponse(200, schema.group(type, name).orElseThrow(() -> ErrorBodies.notFound(
                "Unable to find property group with name " + name + " for object type " + type.typeId())).toJson());
    }

    ApiResponse createGroup(ObjectType type, JsonNode body) {
        String name = BatchInputs.text(body, "name");
        String label = BatchInputs.text(body, "label");
        if (name == null || label == null) {
            throw ErrorBodies.validation("Missing required fields for property group create: name and label");
        }
        PropertyGroup group = new PropertyGroup(name, label, body.path("displayOrder").asInt(-1));
        if (!schema.addGroup(type, group)) {
            throw new ApiException(409, ErrorBodies.error("OBJECT_ALREADY_EXISTS",
                    "A property group named '" + name + "' already exists."));
        }
        return new ApiResponse(201, group.toJson());
    }
}
