package io.crmbridge.validation;

/**
 * How a file writes its numbers: which of {@code .} and {@code ,} separates the decimals; the other
 * one groups thousands. Spaces (U+0020, U+00A0, U+202F) and {@code '} group thousands in either
 * convention (see {@link NumberReader}).
 */
public enum NumberConvention {
    /** {@code 1,234.5}: the English convention. */
    DECIMAL_POINT('.', ','),
    /** {@code 1.234,5}: the French, German and most continental European convention. */
    DECIMAL_COMMA(',', '.');

    private final char decimalSeparator;
    private final char thousandsSeparator;

    NumberConvention(char decimalSeparator, char thousandsSeparator) {
        this.decimalSeparator = decimalSeparator;
        this.thousandsSeparator = thousandsSeparator;
    }

    public char decimalSeparator() {
        return decimalSeparator;
    }

    /** The other of {@code .} and {@code ,}. */
    public char thousandsSeparator() {
        return thousandsSeparator;
    }

    /** The convention whose decimal separator is {@code separator} ({@code .} or {@code ,}). */
    public static NumberConvention withDecimalSeparator(char separator) {
        for (NumberConvention c : values()) {
            if (c.decimalSeparator == separator) {
                return c;
            }
        }
        throw new IllegalArgumentException("a decimal separator is '.' or ',', was '" + separator + "'");
    }

    /**
     * Reads a configured decimal separator.
     *
     * @param configured {@code .} or {@code ,} (surrounding blanks ignored)
     * @throws IllegalArgumentException for anything else
     */
    public static NumberConvention withDecimalSeparator(String configured) {
        String s = configured == null ? "" : configured.trim();
        if (s.length() != 1) {
            throw new IllegalArgumentException("a decimal separator is '.' or ',', was '" + configured + "'");
        }
        return withDecimalSeparator(s.charAt(0));
    }
}
