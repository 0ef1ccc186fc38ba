package io.crmbridge.validation;

/**
 * Result of checking or normalising one value: either the normalised {@code value} or a
 * human-readable {@code problem}, never both and never neither.
 *
 * @param value   the normalised value when valid, else {@code null}
 * @param problem why the value was refused (for example "missing @"), else {@code null}
 */
public record ValueCheck(String value, String problem) {

    /** @throws IllegalArgumentException unless exactly one of value and problem is non-null */
    public ValueCheck {
        if ((value == null) == (problem == null)) {
            throw new IllegalArgumentException("exactly one of value and problem must be set");
        }
    }

    /** A valid result carrying the normalised value (non-null). */
    public static ValueCheck ok(String value) {
        return new ValueCheck(value, null);
    }

    /** An invalid result carrying the reason (non-null). */
    public static ValueCheck invalid(String problem) {
        return new ValueCheck(null, problem);
    }

    /** True when this result carries a normalised value. */
    public boolean isValid() {
        return value != null;
    }
}
