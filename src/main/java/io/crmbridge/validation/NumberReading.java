package io.crmbridge.validation;

import java.math.BigDecimal;

/**
 * What {@link NumberReader} made of one value: a number, an ambiguous value (two readings, neither
 * taken), or an invalid one with the reason. Exactly one of {@code value}, {@code ambiguity} and
 * {@code problem} is set.
 *
 * @param value     the number as written ({@code 1.234,50} gives {@code 1234.50}), else null
 * @param ambiguity the two readings of an ambiguous value, else null
 * @param problem   why the value is not a number ("empty", "not a number", "thousands groups must
 *                  have 3 digits" ...), else null
 */
public record NumberReading(BigDecimal value, Ambiguity ambiguity, String problem) {

    /** @throws IllegalArgumentException unless exactly one component is set */
    public NumberReading {
        int set = (value == null ? 0 : 1) + (ambiguity == null ? 0 : 1) + (problem == null ? 0 : 1);
        if (set != 1) {
            throw new IllegalArgumentException("exactly one of value, ambiguity and problem must be set");
        }
    }

    static NumberReading of(BigDecimal value) {
        return new NumberReading(value, null, null);
    }

    static NumberReading invalid(String problem) {
        return new NumberReading(null, null, problem);
    }

    static NumberReading ambiguous(Ambiguity ambiguity) {
        return new NumberReading(null, ambiguity, null);
    }

    /** True when the value was read as a number. */
    public boolean isNumber() {
        return value != null;
    }

    public boolean isAmbiguous() {
        return ambiguity != null;
    }

    /**
     * The two readings of a value such as {@code 1.200}, before its file showed which convention it
     * uses.
     *
     * @param separator  the one separator of the value
     * @param asDecimal  the value read with {@code separator} as the decimal separator ({@code 1.200} for {@code 1.200})
     * @param asThousand the value read with {@code separator} grouping thousands ({@code 1200})
     */
    public record Ambiguity(char separator, BigDecimal asDecimal, BigDecimal asThousand) {

        /** Both readings for a message: {@code 1.2 with '.' as decimal separator or 1200 with '.' grouping thousands}. */
        public String readings() {
            return asDecimal.stripTrailingZeros().toPlainString() + " with '" + separator + "' as decimal separator or "
                    + asThousand.toPlainString() + " with '" + separator + "' grouping thousands";
        }
    }
}
