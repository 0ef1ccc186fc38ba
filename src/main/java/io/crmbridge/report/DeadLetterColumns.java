package io.crmbridge.report;

import io.crmbridge.model.DeadLetterEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The columns crm-bridge adds after a source file's own in its dead-letter file (R2), and how a
 * dead-letter file dropped back into the inbox is read: its added columns are recognised by name at
 * the end of the header, taken out of the header and of every row (each row keeps them at its end,
 * even a row longer than the header), and kept as the row's {@link DeadLetterEntry}.
 *
 * <p>{@code row_checksum} is the first 16 hex digits of the SHA-256 of the row's source cells as
 * crm-bridge wrote them (before {@link SpreadsheetFormulaGuard}), joined by U+001F: a row that comes
 * back with the same checksum was not edited. Dead-letter files written before the checksum existed
 * ({@link #LEGACY}: {@code row_number, error_code, error_message}) are recognised too; their rows
 * count as edited.
 *
 * @param names the added column names, in order
 */
public record DeadLetterColumns(List<String> names) {

    /** The columns added to a source file's dead letter. */
    public static final DeadLetterColumns CURRENT = new DeadLetterColumns(
            List.of("row_number", "line_number", "error_code", "error_message", "raw_line", "row_checksum"));
    /** The columns of dead-letter files written before line numbers and checksums. */
    public static final DeadLetterColumns LEGACY = new DeadLetterColumns(
            List.of("row_number", "error_code", "error_message"));

    public DeadLetterColumns {
        names = List.copyOf(names);
    }

    /** The layout whose columns end {@code header} after at least one source column, if any. */
    public static Optional<DeadLetterColumns> of(List<String> header) {
        for (DeadLetterColumns layout : List.of(CURRENT, LEGACY)) {
            int n = header.size();
            int k = layout.names.size();
            if (n > k && header.subList(n - k, n).equals(layout.names)) {
                return Optional.of(layout);
            }
        }
        return Optional.empty();
    }

    /** How many columns are added. */
    public int size() {
        return names.size();
    }

    /** {@code cells} without the added columns at their end (all of them when the row is shorter). */
    public List<String> sourceCells(List<String> cells) {
        return cells.subList(0, Math.max(0, cells.size() - size()));
    }

    /**
     * What the added columns of a row say, or null when the row is too short to hold them.
     *
     * @param cells the row's cells, restored ({@link SpreadsheetFormulaGuard#restore})
     */
    public DeadLetterEntry entry(List<String> cells) {
        if (cells.size() <= size()) {
            return null;
        }
        List<String> added = cells.subList(cells.size() - size(), cells.size());
        long rowNumber;
        try {
            rowNumber = Long.parseLong(value(added, "row_number").trim());
        } catch (NumberFormatException e) {
            rowNumber = 0;
        }
        String checksum = names.contains("row_checksum") ? value(added, "row_checksum").trim() : "";
        boolean untouched = !checksum.isEmpty() && checksum.equalsIgnoreCase(checksum(sourceCells(cells)));
        return new DeadLetterEntry(rowNumber, value(added, "error_code").trim(), value(added, "error_message"),
                untouched);
    }

    private String value(List<String> added, String name) {
        String v = added.get(names.indexOf(name));
        return v == null ? "" : v;
    }

    /** The checksum of a row's source cells: 16 hex digits of SHA-256 over the cells joined by U+001F. */
    public static String checksum(List<String> cells) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sha.update((byte) 0x1F);
            }
            String cell = cells.get(i);
            sha.update((cell == null ? "" : cell).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }
}
