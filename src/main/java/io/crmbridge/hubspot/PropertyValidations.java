package io.crmbridge.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.validation.PropertyValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The property validation rules of one object type of the portal, as the preflight knows them (PRODUCT.md P1):
 * read from {@code GET /crm/property-validations/<version>/{objectTypeId}}, or not read, with the reason.
 *
 * @param read         whether the rules were read; when not, no value is checked against them and HubSpot alone
 *                     enforces them
 * @param byProperty   each property's rules, by property name; empty when not read
 * @param unreadReason why they were not read (the API version has no such API, or HubSpot's answer); null when read
 */
public record PropertyValidations(boolean read, Map<String, List<PropertyValidationRule>> byProperty,
                                  String unreadReason) {

    public PropertyValidations {
        byProperty = Map.copyOf(byProperty);
    }

    /** Rules that were read. */
    public static PropertyValidations of(Map<String, List<PropertyValidationRule>> byProperty) {
        return new PropertyValidations(true, byProperty, null);
    }

    /** Rules that could not be read, and why. */
    public static PropertyValidations unread(String reason) {
        return new PropertyValidations(false, Map.of(), reason);
    }

    /**
     * Reads a propertyValidations.json {@code CollectionResponsePublicPropertyValidationRuleMapNoPaging} body:
     * {@code {"results":[{"propertyName", "propertyValidationRules":[{"ruleType", "ruleArguments":[…],
     * "shouldApplyNormalization"}]}]}}.
     */
    public static PropertyValidations parse(JsonNode body) {
        Map<String, List<PropertyValidationRule>> rules = new LinkedHashMap<>();
        for (JsonNode property : body.path("results")) {
            List<PropertyValidationRule> list = new ArrayList<>();
            for (JsonNode rule : property.path("propertyValidationRules")) {
                List<String> arguments = new ArrayList<>();
                rule.path("ruleArguments").forEach(a -> arguments.add(a.asText()));
                list.add(new PropertyValidationRule(rule.path("ruleType").asText(), arguments,
                        rule.path("shouldApplyNormalization").asBoolean(false)));
            }
            rules.put(property.path("propertyName").asText(), List.copyOf(list));
        }
        return of(rules);
    }

    /** The rules of {@code property}, empty when it has none. */
    public List<PropertyValidationRule> of(String property) {
        return byProperty.getOrDefault(property, List.of());
    }

    /** How many rules there are in all. */
    public int ruleCount() {
        return byProperty.values().stream().mapToInt(List::size).sum();
    }

    /** How many of them crm-bridge checks before the write ({@link PropertyValidationRule#checkable()}). */
    public int checkedCount() {
        return (int) byProperty.values().stream().flatMap(List::stream).filter(PropertyValidationRule::checkable).count();
    }
}
