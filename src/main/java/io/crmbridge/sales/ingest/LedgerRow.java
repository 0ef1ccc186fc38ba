package io.crmbridge.sales.ingest;

import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.model.SourceRow;
import io.crmbridge.validation.EmailValidator;
import io.crmbridge.validation.ValueCheck;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One data row of a ledger file read by column name (the export's names, lower case).
 *
 * @param row     the row as read
 * @param columns column name (trimmed, lower case) -> index in the row
 */
public record LedgerRow(SourceRow row, Map<String, Integer> columns) {

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

    /**
     * The optional decimal of {@code column} ({@link LedgerValues#decimal}); null when blank, or when
     * unreadable with an {@code INVALID_NUMBER} warning added to {@code warnings}.
     */
    public BigDecimal optionalDecimal(String column, List<Issue> warnings) {
        if (get(column) == null) {
            return null;
        }
        try {
            return LedgerValues.decimal(get(column));
        } catch (IllegalArgumentException e) {
            warnings.add(ErrorCode.INVALID_NUMBER.issue(get(column), column));
            return null;
        }
    }
}
