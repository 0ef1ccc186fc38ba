package io.crmbridge.sales.ingest;

import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.model.SourceRow;
import io.crmbridge.validation.EmailValidator;
import io.crmbridge.validation.NumberReader;
import io.crmbridge.validation.NumberReading;
import io.crmbridge.validation.ValueCheck;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One data row of a ledger file read by column name (the export's names, lower case).
 *
 * @param row     the row as read
 * @param columns column name (trimmed, lower case) -> index in the row
 * @param numbers the file's number reader (one per file: earlier rows settle its decimal separator)
 */
public record LedgerRow(SourceRow row, Map<String, Integer> columns, NumberReader numbers) {

    /** The cell of {@code column}, trimmed; null when the column is absent, the row is short or the cell blank. */
    public String get(String column) {
        Integer i = columns.get(column);
        List<String> values = row.values();
        if (i == null || i >= values.size() || values.get(i) == null) {
            return null;
        }
        String v = values.get(i).trim();
        return v.isEmpty() ? null : v;
    }

    /** The raw cell of {@code column} for messages ({@code ""} when absent). */
    public String raw(String column) {
        String v = get(column);
        return v == null ? "" : v;
    }

    public long rowNumber() {
        return row.rowNumber();
    }

    /**
     * The optional e-mail of {@code column}, checked and lower-cased; null when blank, or when invalid
     * with an {@code INVALID_OPTIONAL_EMAIL} warning added to {@code warnings}.
     */
    public String optionalEmail(String column, EmailValidator emails, List<Issue> warnings) {
        if (get(column) == null) {
            return null;
        }
        ValueCheck e = emails.check(get(column));
        if (!e.isValid()) {
            warnings.add(ErrorCode.INVALID_OPTIONAL_EMAIL.issue(get(column), column));
        }
        return e.value();
    }

    /** The cell of {@code column} read by the file's {@link NumberReader}; a blank cell is invalid ("empty"). */
    public NumberReading number(String column) {
        return numbers.read(get(column));
    }

    /**
     * Why the required number {@code reading} of {@code column} cannot be stored, as an
     * {@code INVALID_VALUE} naming {@code what} ("net amount"): the reader's reason, or both readings
     * of an ambiguous value.
     */
    public Issue requiredNumberProblem(String what, String column, NumberReading reading) {
        String why = reading.isAmbiguous() ? "ambiguous, " + reading.ambiguity().readings()
                + ", and no earlier value of the file shows which" : reading.problem();
        return ErrorCode.INVALID_VALUE.issue(what, raw(column), column, why);
    }

    /**
     * The optional decimal of {@code column} ({@link NumberReader}); null when blank, or when
     * unreadable with an {@code INVALID_NUMBER} warning, or ambiguous with an {@code AMBIGUOUS_NUMBER}
     * warning, added to {@code warnings}.
     */
    public BigDecimal optionalDecimal(String column, List<Issue> warnings) {
        if (get(column) == null) {
            return null;
        }
        NumberReading n = number(column);
        if (n.isNumber()) {
            return n.value();
        }
        warnings.add(n.isAmbiguous() ? ErrorCode.AMBIGUOUS_NUMBER.issue(get(column), column, n.ambiguity().readings())
                : ErrorCode.INVALID_NUMBER.issue(get(column), column));
        return null;
    }

    /**
     * The optional text of {@code column} as a label ({@link LedgerValues#label}); null when blank,
     * or when longer than {@code maxLength} (the table column's size) with a {@code VALUE_TOO_LONG}
     * warning added to {@code warnings}.
     */
    public String optionalText(String column, int maxLength, List<Issue> warnings) {
        String v = LedgerValues.label(get(column));
        if (v != null && v.length() > maxLength) {
            warnings.add(ErrorCode.VALUE_TOO_LONG.issue(v, column, maxLength));
            return null;
        }
        return v;
    }

    /**
     * Why the required text of {@code column} cannot be stored, or null when it can: missing
     * ({@code MISSING_REQUIRED}) or longer than {@code maxLength} ({@code INVALID_VALUE}).
     */
    public Issue requiredTextProblem(String column, int maxLength) {
        String v = LedgerValues.label(get(column));
        if (v == null) {
            return ErrorCode.MISSING_REQUIRED.issue(column);
        }
        if (v.length() > maxLength) {
            return ErrorCode.INVALID_VALUE.issue("value", v.substring(0, Math.min(40, v.length())) + "...", column,
                    "longer than " + maxLength + " characters");
        }
        return null;
    }
}
