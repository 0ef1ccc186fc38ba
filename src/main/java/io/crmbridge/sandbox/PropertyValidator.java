package io.crmbridge.sandbox;

import com.sanctionco.jmail.EmailValidator;
import com.sanctionco.jmail.JMail;
import io.crmbridge.model.ObjectType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Checks property values against the portal schema as HubSpot does on every write
 * (hubspot-api.md §6) and normalises them (emails lower-cased, §1.3). An empty value clears the property.
 */
final class PropertyValidator {

    private static final long DAY_MILLIS = 86_400_000L;

    private final PropertySchema schema;
    // HubSpot refuses addresses without a top-level domain, e.g. foo@bar (hubspot-api.md §6).
    private final EmailValidator emails = JMail.strictValidator();

    PropertyValidator(PropertySchema schema) {
        this.schema = schema;
    }

    /** Validated values: the normalised values (empty string = clear) and the failures, empty when valid. */
    record Result(Map<String, String> values, List<PropertyFailure> failures) {
        boolean valid() {
            return failures.isEmpty();
        }
    }

    Result validate(ObjectType type, Map<String, String> input) {
        Map<String, String> values = new LinkedHashMap<>();
        List<PropertyFailure> failures = new ArrayList<>();
        for (Map.Entry<String, String> e : input.entrySet()) {
            String name = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue();
            PropertyDefinition def = schema.find(type, name).orElse(null);
            if (def == null) {
                failures.add(new PropertyFailure(name, "PROPERTY_DOESNT_EXIST", "Property \"" + name + "\" does not exist"));
                continue;
            }
            if (def.readOnlyValue()) {
                failures.add(new PropertyFailure(name, "READ_ONLY_VALUE",
                        "Property \"" + name + "\" is read-only and its value cannot be set"));
                continue;
            }
            if (value.isEmpty()) {
                values.put(name, "");
                continue;
            }
            if (type == ObjectType.CONTACTS && "email".equals(name)) {
                String email = value.trim().toLowerCase(Locale.ROOT);
                if (!emails.isValid(email)) {
                    failures.add(new PropertyFailure(name, "INVALID_EMAIL", "Email address " + value + " is invalid"));
                    continue;
                }
                values.put(name, email);
                continue;
            }
            PropertyFailure failure = checkType(def, value);
            if (failure != null) {
                failures.add(failure);
            } else {
                values.put(name, value);
            }
        }
        return new Result(values, failures);
    }

    private static PropertyFailure checkType(PropertyDefinition def, String value) {
        String name = def.name();
        switch (def.type()) {
            case "number":
                try {
                    new BigDecimal(value.trim());
                    return null;
                } catch (NumberFormatException ex) {
                    return new PropertyFailure(name, "INVALID_INTEGER", value + " was not a valid number.");
                }
            case "bool":
                return "true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)
                        ? null : new PropertyFailure(name, "INVALID_BOOLEAN", value + " was not a valid boolean.");
            case "date": {
                OptionalLong ms = Timestamps.toEpochMillis(value);
                return ms.isPresent() && ms.getAsLong() % DAY_MILLIS == 0
                        ? null : new PropertyFailure(name, "INVALID_DATE",
                        value + " is not a valid date at midnight UTC for property " + name);
            }
            case "datetime":
                return Timestamps.toEpochMillis(value).isPresent()
                        ? null : new PropertyFailure(name, "INVALID_DATE", value + " was not a valid date-time.");
            case "enumeration":
                return checkOptions(def, value);
            default:
                return null;
        }
    }

    private static PropertyFailure checkOptions(PropertyDefinition def, String value) {
        List<String> allowed = def.options().stream().map(PropertyOption::value).collect(Collectors.toList());
        String[] parts = def.multiValued() ? value.split(";") : new String[] {value};
        for (String part : parts) {
            if (!part.isEmpty() && !allowed.contains(part)) {
                return new PropertyFailure(def.name(), "INVALID_OPTION",
                        part + " was not one of the allowed options: [" + String.join(", ", allowed) + "]");
            }
        }
        return null;
    }
}
