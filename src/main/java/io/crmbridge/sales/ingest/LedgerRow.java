package io.crmbridge.sales.ingest;

import io.crmbridge.model.SourceRow;
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
}
