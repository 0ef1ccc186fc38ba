package io.crmbridge.validation;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads numbers the way their file writes them: the decimal and thousands separators are settled
 * per file from its values, as {@link DateNormalizer} settles the slash-date order. One reader for
 * every route (the main import's number properties, the sales ledger's quantities and amounts).
 *
 * <p>Accepted: an optional {@code -} or {@code +}, digits, and separators. Spaces (U+0020, the
 * non-breaking U+00A0 and U+202F) and {@code '} (Swiss {@code 1'234}) only ever group thousands.
 * {@code .} and {@code ,} are decimal or thousands separators, told apart by this evidence:
 * <ul>
 *   <li>a value with both {@code .} and {@code ,}: the last one is the decimal separator
 *       ({@code 1,234.5}, {@code 1.234,50});</li>
 *   <li>one separator repeated is a thousands separator ({@code 1.234.567}, {@code 1,234,567});</li>
 *   <li>a single separator followed by 1, 2 or 4 and more digits is the decimal separator
 *       ({@code 12,5} proves the decimal comma, {@code 1.5} the decimal point); so is one that
 *       cannot be a thousands separator: after a leading {@code 0} or after 4 and more digits
 *       ({@code 0,500}, {@code 1234.567}), or in a value whose thousands are already grouped with
 *       spaces or {@code '} ({@code 1 234,567});</li>
 *   <li>a single separator followed by exactly 3 digits ({@code 1.200}, {@code 1,200}) is
 *       AMBIGUOUS: it is read by the convention the file has proved so far, and before any proof
 *       it is not read at all ({@link NumberReading#isAmbiguous()}): the caller leaves it out and
 *       says so. It never guesses.</li>
 * </ul>
 * A value that settles its separators by itself proves the {@link NumberConvention} of its file;
 * the first proof wins and is kept for the rest of the file. Such a value is always read its only
 * possible way, even against the file's proof ({@code 1.5} in a decimal-comma file is 1.5). A value
 * that only groups with spaces, or has no separator, proves nothing.
 *
 * <p>Thousands groups must have 3 digits after a first group of 1 to 3 ({@code 1.23.456},
 * {@code 12 34} are invalid); the decimals must be digits. No exponents, currency signs or percent.
 *
 * <p>The default convention is only the one {@link #convention()} states while the file has proved
 * none: it never decides an ambiguous value. Because earlier rows decide later ones, use ONE instance
 * per file and feed its values in file order. Thread-safe (synchronised).
 */
public final class NumberReader {

    private static final String SPACES = " \u00A0\u202F'";
    private static final Pattern GROUPS_BY_SPACES = Pattern.compile("[" + SPACES + "]");
    private static final Pattern GROUPS_BY_POINT = Pattern.compile("[" + SPACES + ".]");
    private static final Pattern GROUPS_BY_COMMA = Pattern.compile("[" + SPACES + ",]");
    private static final Pattern POSSIBLE_FIRST_GROUP = Pattern.compile("[1-9]\\d{0,2}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern EDGE_BLANKS = Pattern.compile("^[\\s\\u00A0\\u202F]+|[\\s\\u00A0\\u202F]+$");

    private final NumberConvention defaultConvention;
    private NumberConvention proven;
    private String proof;

    /** @param defaultConvention the convention reported while the file has proved none (non-null) */
    public NumberReader(NumberConvention defaultConvention) {
        if (defaultConvention == null) {
            throw new IllegalArgumentException("defaultConvention is required");
        }
        this.defaultConvention = defaultConvention;
    }

    /**
     * Reads one value.
     *
     * @param raw the value as written, may be null
     * @return the number ({@code 1.234,50} gives 1234.50, scale as written), an ambiguity with both
     *         readings, or invalid with "empty", "not a number", "more than one decimal separator",
     *         "mixes thousands separators", "no digits after the decimal separator" or
     *         "thousands groups must have 3 digits"
     */
    public synchronized NumberReading read(String raw) {
        String text = raw == null ? "" : EDGE_BLANKS.matcher(raw).replaceAll("");
        if (text.isEmpty()) {
            return NumberReading.invalid("empty");
        }
        String sign = "";
        if (text.charAt(0) == '-' || text.charAt(0) == '+') {
            sign = text.charAt(0) == '-' ? "-" : "";
            text = text.substring(1);
        }
        if (!isNumberText(text)) {
            return NumberReading.invalid("not a number");
        }
        int dots = count(text, '.');
        int commas = count(text, ',');
        boolean spaceGroups = text.chars().anyMatch(c -> SPACES.indexOf(c) >= 0);
        if (dots > 0 && commas > 0) {
            char decimal = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ',';
            if (count(text, decimal) > 1) {
                return NumberReading.invalid("more than one decimal separator");
            }
            return spaceGroups ? NumberReading.invalid("mixes thousands separators")
                    : proving(text, sign, decimal, other(decimal));
        }
        if (dots + commas == 0) {
            return number(sign, text, null, ' ');
        }
        char separator = dots > 0 ? '.' : ',';
        if (dots + commas > 1) {
            return spaceGroups ? NumberReading.invalid("mixes thousands separators")
                    : proving(text, sign, other(separator), separator);
        }
        int at = text.indexOf(separator);
        String before = text.substring(0, at);
        String after = text.substring(at + 1);
        if (spaceGroups || after.length() != 3 || !POSSIBLE_FIRST_GROUP.matcher(before).matches()) {
            return proving(text, sign, separator, ' ');
        }
        if (proven != null) {
            return proven.decimalSeparator() == separator ? number(sign, before, after, ' ')
                    : number(sign, text, null, separator);
        }
        return NumberReading.ambiguous(new NumberReading.Ambiguity(separator,
                new BigDecimal(sign + before + "." + after), new BigDecimal(sign + before + after)));
    }

    /** The convention this file has proved, else the default. */
    public synchronized NumberConvention convention() {
        return proven != null ? proven : defaultConvention;
    }

    /** The value (as written, trimmed) that proved the file's convention, or empty while none did. */
    public synchronized Optional<String> proof() {
        return Optional.ofNullable(proof);
    }

    /**
     * Reads a value whose separators settle themselves, and makes it the file's proof when it is a
     * number and the file has none yet.
     */
    private NumberReading proving(String text, String sign, char decimal, char thousands) {
        int at = text.lastIndexOf(decimal);
        NumberReading reading = at < 0 ? number(sign, text, null, thousands)
                : number(sign, text.substring(0, at), text.substring(at + 1), thousands);
        if (reading.isNumber() && proven == null) {
            proven = NumberConvention.withDecimalSeparator(at < 0 ? other(thousands) : decimal);
            proof = sign + text;
        }
        return reading;
    }

    /**
     * @param whole     the integer part, thousands separators included (may be empty before decimals)
     * @param decimals  the digits after the decimal separator, or null when there is none
     * @param thousands the {@code .} or {@code ,} that groups thousands; blanks and {@code '} always do
     */
    private static NumberReading number(String sign, String whole, String decimals, char thousands) {
        if (decimals != null && decimals.isEmpty()) {
            return NumberReading.invalid("no digits after the decimal separator");
        }
        if (decimals != null && !DIGITS.matcher(decimals).matches()) {
            return NumberReading.invalid("not a number");
        }
        String[] groups = (thousands == '.' ? GROUPS_BY_POINT : thousands == ',' ? GROUPS_BY_COMMA : GROUPS_BY_SPACES)
                .split(whole, -1);
        if (groups.length > 1 && !wellGrouped(groups)) {
            return NumberReading.invalid("thousands groups must have 3 digits");
        }
        String digits = String.join("", groups);
        if (!digits.isEmpty() && !DIGITS.matcher(digits).matches() || digits.isEmpty() && decimals == null) {
            return NumberReading.invalid("not a number");
        }
        return NumberReading.of(new BigDecimal(sign + (digits.isEmpty() ? "0" : digits)
                + (decimals == null ? "" : "." + decimals)));
    }

    private static boolean wellGrouped(String[] groups) {
        if (groups[0].isEmpty() || groups[0].length() > 3) {
            return false;
        }
        for (int i = 1; i < groups.length; i++) {
            if (groups[i].length() != 3) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumberText(String text) {
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != ',' && SPACES.indexOf(c) < 0) {
                return false;
            }
        }
        return digit;
    }

    private static int count(String text, char c) {
        return (int) text.chars().filter(x -> x == c).count();
    }

    private static char other(char separator) {
        return separator == '.' ? ',' : '.';
    }
}
