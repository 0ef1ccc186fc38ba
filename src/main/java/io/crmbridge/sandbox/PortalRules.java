package io.crmbridge.sandbox;

import io.crmbridge.model.ObjectType;
import io.crmbridge.validation.PropertyValidationRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules an admin set in the sandbox's portal (hubspot-api.md §10.3; docs/configuration.md
 * {@code sandbox.portal-rules.*}): what the "create record" form requires, properties required once another has a
 * given value, and property validation rules. The sandbox serves the validation rules from the Property Validations
 * API and enforces all of them on writes ({@link WritePlanner}).
 *
 * @param requiredOnCreate    per object type, the properties a record created through the API must have
 * @param conditionalRequired properties a record must have once another property has a given value
 * @param validations         per object type, each property's validation rules, in the order configured
 */
public record PortalRules(Map<ObjectType, Set<String>> requiredOnCreate, List<ConditionalRequirement> conditionalRequired,
                          Map<ObjectType, Map<String, List<PropertyValidationRule>>> validations) {

    /**
     * The rule types of propertyValidations.json's {@code PublicPropertyValidationRule.ruleType} enum (2026-03 and
     * 2026-09 documents).
     */
    static final Set<String> RULE_TYPES = Set.of("AFTER_DATETIME_DURATION", "AFTER_DURATION", "ALPHANUMERIC",
            "BEFORE_DATETIME_DURATION", "BEFORE_DURATION", "DAYS_OF_WEEK", "DECIMAL", "DOMAIN", "EMAIL",
            "EMAIL_ALLOWED_DOMAINS", "EMAIL_BLOCKED_DOMAINS", "END_DATE", "END_DATETIME", "FORMAT", "MAX_LENGTH",
            "MAX_NUMBER", "MIN_LENGTH", "MIN_NUMBER", "PHONE_NUMBER_WITH_EXPLICIT_COUNTRY_CODE", "REGEX",
            "SPECIAL_CHARACTERS", "START_DATE", "START_DATETIME", "URL", "URL_ALLOWED_DOMAINS", "URL_BLOCKED_DOMAINS",
            "WHITESPACE");

    /**
     * A property required once another property has a given value (HubSpot's "conditional property rules", e.g.
     * {@code deals.closedate} once {@code dealstage} is {@code closedwon}).
     *
     * @param type         the object type
     * @param property     the property then required
     * @param whenProperty the property whose value sets the condition
     * @param whenValue    the value that sets it (compared exactly, as HubSpot's internal values)
     */
    public record ConditionalRequirement(ObjectType type, String property, String whenProperty, String whenValue) {
    }

    public PortalRules {
        Map<ObjectType, Set<String>> required = new EnumMap<>(ObjectType.class);
        requiredOnCreate.forEach((t, names) -> required.put(t, Set.copyOf(names)));
        requiredOnCreate = required;
        conditionalRequired = List.copyOf(conditionalRequired);
        Map<ObjectType, Map<String, List<PropertyValidationRule>>> rules = new EnumMap<>(ObjectType.class);
        validations.forEach((t, byProperty) -> {
            Map<String, List<PropertyValidationRule>> copy = new LinkedHashMap<>();
            byProperty.forEach((name, list) -> copy.put(name, List.copyOf(list)));
            rules.put(t, copy);
        });
        validations = rules;
    }

    /** A portal without admin rules. */
    public static PortalRules none() {
        return new PortalRules(Map.of(), List.of(), Map.of());
    }

    /**
     * Reads the rules from the three {@code sandbox.portal-rules.*} settings (empty: none).
     *
     * @param requiredOnCreate    comma-separated {@code <type>.<property>}, e.g. {@code contacts.jobtitle}
     * @param conditionalRequired comma-separated {@code <type>.<property> if <property>=<value>}, e.g.
     *                            {@code contacts.company if lifecyclestage=customer}
     * @param propertyValidations {@code ;}-separated {@code <type>.<property> <RULE_TYPE> [arguments]}, the arguments
     *                            comma-separated except for {@code REGEX}, whose one argument is the rest of the
     *                            entry; e.g. {@code contacts.zip ALPHANUMERIC NUMERIC_ONLY; contacts.firstname
     *                            MAX_LENGTH 40}. The type is a path name ({@code contacts}) or a type id ({@code 0-1}).
     * @throws IllegalArgumentException naming the entry that cannot be read
     */
    public static PortalRules parse(String requiredOnCreate, String conditionalRequired, String propertyValidations) {
        Map<ObjectType, Set<String>> required = new EnumMap<>(ObjectType.class);
        for (String entry : entries(requiredOnCreate, ",")) {
            TypedProperty p = TypedProperty.of(entry);
            required.computeIfAbsent(p.type(), t -> new LinkedHashSet<>()).add(p.name());
        }
        List<ConditionalRequirement> conditional = new ArrayList<>();
        for (String entry : entries(conditionalRequired, ",")) {
            String[] parts = entry.split("\\s+if\\s+", 2);
            int eq = parts.length == 2 ? parts[1].indexOf('=') : -1;
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + entry
                        + "' is not <type>.<property> if <property>=<value>");
            }
            TypedProperty p = TypedProperty.of(parts[0]);
            conditional.add(new ConditionalRequirement(p.type(), p.name(), parts[1].substring(0, eq).trim(),
                    parts[1].substring(eq + 1).trim()));
        }
        Map<ObjectType, Map<String, List<PropertyValidationRule>>> validations = new EnumMap<>(ObjectType.class);
        for (String entry : entries(propertyValidations, ";")) {
            String[] parts = entry.split("\\s+", 3);
            String ruleType = parts.length < 2 ? "" : parts[1];
            if (!RULE_TYPES.contains(ruleType)) {
                throw new IllegalArgumentException("'" + entry
                        + "' is not <type>.<property> <RULE_TYPE> [arguments] with a rule type of HubSpot's " + RULE_TYPES);
            }
            TypedProperty p = TypedProperty.of(parts[0]);
            String rest = parts.length == 3 ? parts[2].trim() : "";
            List<String> arguments = rest.isEmpty() ? List.of()
                    : "REGEX".equals(ruleType) ? List.of(rest)
                    : Arrays.stream(rest.split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList();
            validations.computeIfAbsent(p.type(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(p.name(), n -> new ArrayList<>())
                    .add(new PropertyValidationRule(ruleType, arguments, false));
        }
        return new PortalRules(required, conditional, validations);
    }

    /** The validation rules of a type's properties, by property name (empty when none). */
    Map<String, List<PropertyValidationRule>> validations(ObjectType type) {
        return validations.getOrDefault(type, Map.of());
    }

    /**
     * The admin-rule properties a write leaves empty, in configured order: those the "create record" form requires
     * (when {@code creating}) and those a condition requires.
     *
     * @param values the record's values after the write (existing values with the input's over them)
     */
    List<String> missingRequired(ObjectType type, Map<String, String> values, boolean creating) {
        Set<String> missing = new LinkedHashSet<>();
        if (creating) {
            for (String name : requiredOnCreate.getOrDefault(type, Set.of())) {
                if (isEmpty(values.get(name))) {
                    missing.add(name);
                }
            }
        }
        for (ConditionalRequirement c : conditionalRequired) {
            if (c.type() == type && c.whenValue().equals(values.get(c.whenProperty())) && isEmpty(values.get(c.property()))) {
                missing.add(c.property());
            }
        }
        return new ArrayList<>(missing);
    }

    /**
     * The values that break a validation rule, as HubSpot lists them in "Property values were not valid" (hubspot-api.md
     * §6): {@code INVALID_ALPHA} "Enter only letters" is HubSpot's own (developer changelog, July 2023, "Property
     * Validations Rules will be enforced for APIs and Integrations"); the other codes and messages are the sandbox's,
     * named after the rule type.
     */
    List<PropertyFailure> formatFailures(ObjectType type, Map<String, String> values) {
        List<PropertyFailure> failures = new ArrayList<>();
        validations(type).forEach((name, rules) -> {
            String value = values.get(name);
            for (PropertyValidationRule rule : rules) {
                var problem = rule.problem(value);
                if (problem.isPresent()) {
                    failures.add(failure(name, value, rule, problem.get()));
                    break;
                }
            }
        });
        return failures;
    }

    private static PropertyFailure failure(String name, String value, PropertyValidationRule rule, String problem) {
        if ("ALPHANUMERIC".equals(rule.ruleType())) {
            return switch (rule.arguments().get(0).trim()) {
                case "NUMERIC_ONLY" -> new PropertyFailure(name, "INVALID_NUMERIC", "Enter only numbers");
                case "ALPHA_ONLY" -> new PropertyFailure(name, "INVALID_ALPHA", "Enter only letters");
                default -> new PropertyFailure(name, "INVALID_ALPHANUMERIC", "Enter only letters and numbers");
            };
        }
        return new PropertyFailure(name, "INVALID_" + rule.ruleType(), value + " " + problem);
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    private static List<String> entries(String setting, String separator) {
        if (setting == null || setting.isBlank()) {
            return List.of();
        }
        return Arrays.stream(setting.split(separator)).map(String::trim).filter(e -> !e.isEmpty()).toList();
    }

    /** {@code <type>.<property>}. */
    private record TypedProperty(ObjectType type, String name) {
        static TypedProperty of(String text) {
            String t = text.trim();
            int dot = t.indexOf('.');
            ObjectType type = dot <= 0 ? null : ObjectType.fromPathSegment(t.substring(0, dot)).orElse(null);
            if (type == null || dot == t.length() - 1) {
                throw new IllegalArgumentException("'" + t + "' is not <object type>.<property>, with an"
                        + " object type of contacts, companies, tickets (or 0-1, 0-2, 0-5)");
            }
            return new TypedProperty(type, t.substring(dot + 1));
        }
    }
}
