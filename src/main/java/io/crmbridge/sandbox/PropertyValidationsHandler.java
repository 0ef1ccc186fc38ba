package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.validation.PropertyValidationRule;
import java.util.List;
import java.util.Map;

/**
 * The Property Validations API, read-only, on dated paths (propertyValidations.json of the 2026-03 and 2026-09
 * folders; hubspot-api.md §10.3), answering from the configured {@link PortalRules}: GET
 * {@code /crm/property-validations/<version>/{objectTypeId}} lists {@code {"results":[{propertyName,
 * propertyValidationRules:[PublicPropertyValidationRule]}]}} (the properties that have rules), GET
 * {@code .../{propertyName}} one property's {@code {"results":[rule…]}} (404 for a property the portal does not have),
 * GET {@code .../{propertyName}/rule-type/{ruleType}} one rule (404 when the property has none of that type). The
 * object type is a type id ({@code 0-1}) or a name ({@code contacts}).
 */
final class PropertyValidationsHandler {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PortalRules rules;
    private final PropertySchema schema;

    PropertyValidationsHandler(PortalRules rules, PropertySchema schema) {
        this.rules = rules;
        this.schema = schema;
    }

    ApiResponse list(ObjectType type) {
        ObjectNode body = NODES.objectNode();
        ArrayNode results = body.putArray("results");
        for (Map.Entry<String, List<PropertyValidationRule>> e : rules.validations(type).entrySet()) {
            ObjectNode property = results.addObject();
            property.put("propertyName", e.getKey());
            ArrayNode list = property.putArray("propertyValidationRules");
            e.getValue().forEach(r -> list.add(json(r)));
        }
        return new ApiResponse(200, body);
    }

    ApiResponse property(ObjectType type, String name) {
        ObjectNode body = NODES.objectNode();
        ArrayNode results = body.putArray("results");
        rulesOf(type, name).forEach(r -> results.add(json(r)));
        return new ApiResponse(200, body);
    }

    ApiResponse rule(ObjectType type, String name, String ruleType) {
        return rulesOf(type, name).stream().filter(r -> r.ruleType().equals(ruleType)).findFirst()
                .map(r -> new ApiResponse(200, json(r)))
                .orElseThrow(() -> ErrorBodies.notFound("No " + ruleType + " validation rule for property " + name
                        + " of object type " + type.typeId()));
    }

    private List<PropertyValidationRule> rulesOf(ObjectType type, String name) {
        if (schema.find(type, name).isEmpty()) {
            throw ErrorBodies.notFound("Unable to find property with name " + name + " for object type " + type.typeId());
        }
        return rules.validations(type).getOrDefault(name, List.of());
    }

    private static ObjectNode json(PropertyValidationRule rule) {
        ObjectNode node = NODES.objectNode();
        node.put("ruleType", rule.ruleType());
        ArrayNode arguments = node.putArray("ruleArguments");
        rule.arguments().forEach(arguments::add);
        node.put("shouldApplyNormalization", rule.shouldApplyNormalization());
        return node;
    }
}
