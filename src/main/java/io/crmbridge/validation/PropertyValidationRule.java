package io.crmbridge.validation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One of the portal's property validation rules, as HubSpot's Property Validations API lists it
 * (propertyValidations.json {@code PublicPropertyValidationRule {ruleType, ruleArguments[], shouldApplyNormalization}};
 * hubspot-api.md §10.3), and whether a value keeps it. Pure: a value in, a problem or none out.
 *
 * <p>The rule types checked here, with their arguments (HubSpot's property validations guide: "Arguments depend on
 * the ruleType"; every argument is a string):
 * <ul>
 *   <li>{@code ALPHANUMERIC [NUMERIC_ONLY | ALPHA_ONLY | ALPHANUMERIC]}: only digits, only letters, or only letters
 *       and digits. Whitespace is not judged: HubSpot has a rule type of its own for it ({@code WHITESPACE}).</li>
 *   <li>{@code MIN_LENGTH [n]}, {@code MAX_LENGTH [n]}: at least, at most n characters (code points).</li>
 *   <li>{@code MIN_NUMBER [x]}, {@code MAX_NUMBER [x]}: a number at least, at most x.</li>
 *   <li>{@code DECIMAL [n]}: a number with at most n decimal places (trailing zeros not counted).</li>
 *   <li>{@code REGEX [pattern]}: the pattern is found in the value (Java syntax; anchor it to match the whole
 *       value).</li>
 * </ul>
 * Every other type of the document's enum (dates and durations, days of week, e-mail, URL and domain lists, phone
 * country code, {@code FORMAT}, {@code SPECIAL_CHARACTERS}, {@code WHITESPACE}) and a rule whose arguments do not
 * have the shape above are not checked: HubSpot judges them at the write. Where a check could be read two ways it
 * takes the lenient one, so that a row HubSpot would accept is never held back. An empty value clears the property
 * and keeps every rule. With {@code shouldApplyNormalization} the value is checked without its surrounding
 * whitespace.
 *
 * @param ruleType                 HubSpot's rule type, e.g. {@code ALPHANUMERIC}
 * @param arguments                the rule's arguments, e.g. {@code [NUMERIC_ONLY]}
 * @param shouldApplyNormalization whether HubSpot normalises the value before validating it
 */
public record PropertyValidationRule(String ruleType, List<String> arguments, boolean shouldApplyNormalization) {

    /** The rule types {@link #problem(String)} checks. */
    public static final Set<String> CHECKED_TYPES =
            Set.of("ALPHANUMERIC", "MIN_LENGTH", "MAX_LENGTH", "MIN_NUMBER", "MAX_NUMBER", "DECIMAL", "REGEX");

    public PropertyValidationRule {
        arguments = List.copyOf(arguments);
    }

    /** Whether crm-bridge checks this rule before the write: a checked type with arguments of its shape. */
    public boolean checkable() {
        if (!CHECKED_TYPES.contains(ruleType) || arguments.isEmpty()) {
            return false;
        }
        String arg = arguments.get(0).trim();
        switch (ruleType) {
            case "ALPHANUMERIC":
                return Set.of("NUMERIC_ONLY", "ALPHA_ONLY", "ALPHANUMERIC").contains(arg);
            case "MIN_LENGTH":
            case "MAX_LENGTH":
            case "DECIMAL":
                return arg.matches("\\d{1,9}");
            case "MIN_NUMBER":
            case "MAX_NUMBER":
                return number(arg) != null;
            default:
                try {
                    Pattern.compile(arguments.get(0));
                    return true;
                } catch (PatternSyntaxException e) {
                    return false;
                }
        }
    }

    /**
     * What is wrong with {@code value} under this rule, in words that follow the value ("has characters other than
     * digits"); empty when the value keeps the rule, is empty, or the rule is not {@link #checkable()}.
     */
    public Optional<String> problem(String value) {
        if (value == null || !checkable()) {
            return Optional.empty();
        }
        String v = shouldApplyNormalization ? value.strip() : value;
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String arg = arguments.get(0).trim();
        switch (ruleType) {
            case "ALPHANUMERIC":
                return characters(v, arg);
            case "MIN_LENGTH":
                return v.codePointCount(0, v.length()) < Integer.parseInt(arg)
                        ? Optional.of("is shorter than " + arg + " characters") : Optional.empty();
            case "MAX_LENGTH":
                return v.codePointCount(0, v.length()) > Integer.parseInt(arg)
                        ? Optional.of("is longer than " + arg + " characters") : Optional.empty();
            case "MIN_NUMBER":
            case "MAX_NUMBER":
                return range(v, number(arg), "MIN_NUMBER".equals(ruleType));
            case "DECIMAL":
                return decimals(v, Integer.parseInt(arg));
            default:
                return Pattern.compile(arguments.get(0)).matcher(v).find()
                        ? Optional.empty() : Optional.of("does not match the pattern");
        }
    }

    /** The rule as HubSpot lists it, for messages: {@code ALPHANUMERIC [NUMERIC_ONLY]}. */
    public String describe() {
        return ruleType + " " + arguments;
    }

    private static Optional<String> characters(String value, String kind) {
        boolean ok = value.codePoints().allMatch(c -> Character.isWhitespace(c) || switch (kind) {
            case "NUMERIC_ONLY" -> Character.isDigit(c);
            case "ALPHA_ONLY" -> Character.isLetter(c);
            default -> Character.isLetterOrDigit(c);
        });
        if (ok) {
            return Optional.empty();
        }
        return Optional.of(switch (kind) {
            case "NUMERIC_ONLY" -> "has characters other than digits";
            case "ALPHA_ONLY" -> "has characters other than letters";
            default -> "has characters other than letters and digits";
        });
    }

    private static Optional<String> range(String value, BigDecimal bound, boolean minimum) {
        BigDecimal n = number(value.strip());
        if (n == null) {
            return Optional.of("is not a number");
        }
        if (minimum && n.compareTo(bound) < 0) {
            return Optional.of("is less than " + bound.toPlainString());
        }
        if (!minimum && n.compareTo(bound) > 0) {
            return Optional.of("is greater than " + bound.toPlainString());
        }
        return Optional.empty();
    }

    private static Optional<String> decimals(String value, int most) {
        BigDecimal n = number(value.strip());
        if (n == null) {
            return Optional.of("is not a number");
        }
        return n.stripTrailingZeros().scale() > most
                ? Optional.of("has more than " + most + " decimal places") : Optional.empty();
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
