package io.crmbridge.report;

/**
 * Keeps CSV cells written by crm-bridge from running as spreadsheet formulas (CSV injection, OWASP
 * "CSV Injection": a cell starting with {@code =} {@code +} {@code -} {@code @}, tab or carriage
 * return is a formula or command for Excel, LibreOffice and Google Sheets), while keeping the
 * original value recoverable.
 *
 * <p>{@link #neutralise} prefixes such a cell with a single quote, which spreadsheets read as "text
 * follows" and do not show. A cell made of single quotes followed by such a character gets one
 * quote more too, so that {@link #restore} (drop one leading quote from a cell of that shape) gives
 * back exactly the original of every cell: {@code restore(neutralise(x)).equals(x)} for every
 * {@code x}. crm-bridge restores the cells of a dead-letter file dropped back into the inbox
 * ({@code io.crmbridge.intake.CsvRowReader}). Stateless.
 */
public final class SpreadsheetFormulaGuard {

    private static final String TRIGGERS = "=+-@\t\r";

    private SpreadsheetFormulaGuard() {
    }

    /** {@code value} prefixed with {@code '} when a spreadsheet would run it; null stays null. */
    public static String neutralise(String value) {
        return startsFormula(value) ? "'" + value : value;
    }

    /** The original of a {@link #neutralise neutralised} cell; null stays null. */
    public static String restore(String value) {
        return value != null && value.startsWith("'") && startsFormula(value.substring(1)) ? value.substring(1) : value;
    }

    /** Whether {@code value}, after any leading single quotes, starts with a formula character. */
    private static boolean startsFormula(String value) {
        if (value == null) {
            return false;
        }
        int i = 0;
        while (i < value.length() && value.charAt(i) == '\'') {
            i++;
        }
        return i < value.length() && TRIGGERS.indexOf(value.charAt(i)) >= 0;
    }
}
