package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One search filter (hubspot-api.md §3.2): number, date and datetime properties and ids compare
 * numerically (dates as epoch ms); enumerations compare case-sensitively, other strings ignoring case.
 */
final class SearchFilter {

    static final Set<String> OPERATORS = Set.of("EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN",
            "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN");

    private final String property;
    private final String operator;
    private final String value;
    private final String highValue;
    private final List<String> values;
    private final String kind;

    SearchFilter(JsonNode filter, ObjectType type, PropertySchema schema) {
        this.property = filter.path("propertyName").asText();
        this.operator = filter.path("operator").asText("EQ").toUpperCase(Locale.ROOT);
        if (!OPERATORS.contains(operator)) {
            throw ErrorBodies.validation("Invalid filter operator " + operator);
        }
        this.value = BatchInputs.text(filter, "value");
        this.highValue = BatchInputs.text(filter, "highValue");
        this.values = new ArrayList<>();
        filter.path("values").forEach(v -> values.add(v.asText()));
        this.kind = "hs_object_id".equals(property) ? "number"
                : schema.find(type, property).map(PropertyDefinition::type).orElse("string");
    }

    boolean matches(SandboxRecord record) {
        String actual = record.property(property);
        switch (operator) {
            case "HAS_PROPERTY":
                return actual != null;
            case "NOT_HAS_PROPERTY":
                return actual == null;
            case "NEQ":
                return actual == null || !Integer.valueOf(0).equals(compare(actual, value));
            case "NOT_IN":
                return actual == null || values.stream().noneMatch(v -> Integer.valueOf(0).equals(compare(actual, v)));
            case "NOT_CONTAINS_TOKEN":
                return actual == null || !containsToken(actual, value);
            default:
                break;
        }
        if (actual == null) {
            return false;
        }
        if ("CONTAINS_TOKEN".equals(operator)) {
            return containsToken(actual, value);
        }
        if ("IN".equals(operator)) {
            return values.stream().anyMatch(v -> Integer.valueOf(0).equals(compare(actual, v)));
        }
        Integer low = compare(actual, value);
        if (low == null) {
            return false;
        }
        switch (operator) {
            case "EQ":
                return low == 0;
            case "LT":
                return low < 0;
            case "LTE":
                return low <= 0;
            case "GT":
                return low > 0;
            case "GTE":
                return low >= 0;
            case "BETWEEN": {
                Integer high = compare(actual, highValue);
                return low >= 0 && high != null && high <= 0;
            }
            default:
                return false;
        }
    }

    /** Compares a stored value with a filter value by the property's type; null when they cannot be compared. */
    private Integer compare(String actual, String wanted) {
        if (wanted == null) {
            return null;
        }
        switch (kind) {
            case "number":
                try {
                    return new BigDecimal(actual).compareTo(new BigDecimal(wanted.trim()));
                } catch (NumberFormatException e) {
                    return null;
                }
            case "date":
            case "datetime": {
                OptionalLong a = Timestamps.toEpochMillis(actual);
                OptionalLong w = Timestamps.toEpochMillis(wanted);
                return a.isPresent() && w.isPresent() ? Long.compare(a.getAsLong(), w.getAsLong()) : null;
            }
            case "enumeration":
                return actual.compareTo(wanted);
            default:
                return actual.compareToIgnoreCase(wanted);
        }
    }

    /** CONTAINS_TOKEN: a whole-word match, {@code *} as a wildcard, ignoring case. */
    private static boolean containsToken(String actual, String token) {
        if (token == null) {
            return false;
        }
        String regex = Pattern.quote(token.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q");
        Pattern pattern = Pattern.compile(regex);
        String lower = actual.toLowerCase(Locale.ROOT);
        if (pattern.matcher(lower).matches()) {
            return true;
        }
        for (String word : lower.split("[\\s,;]+")) {
            if (pattern.matcher(word).matches()) {
                return true;
            }
        }
        return false;
    }
}
