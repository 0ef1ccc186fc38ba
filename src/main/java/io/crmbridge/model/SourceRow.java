package io.crmbridge.model;

import java.util.List;
import java.util.Optional;

/**
 * One data row as read from a CSV file, before mapping.
 *
 * @param rowNumber      1-based number of the data row (the header is row 0), as reported in
 *                       dead-letter files and reports
 * @param values         the cells in file order, exactly as read (may be shorter or longer than the header)
 * @param problem        null for a well-formed row; otherwise why the CSV record is malformed (the row is
 *                       then rejected with {@link ErrorCode#MALFORMED_ROW})
 * @param lineNumber     1-based physical line of the file on which the row starts, or 0 when not known;
 *                       differs from {@code rowNumber} after blank lines and quoted fields with line breaks
 * @param rawLine        the line's text as read, for a line that could not be split as CSV (an unclosed
 *                       quote); null otherwise
 * @param strayQuoteCell 0-based index of the first cell holding a quote inside unquoted text
 *                       ({@code 5" pipe}, read as a character), or -1
 * @param deadLetter     for a row of a dead-letter file dropped back into the inbox, what crm-bridge's added
 *                       columns said of it (those columns are not among {@code values}); null otherwise
 */
public record SourceRow(long rowNumber, List<String> values, String problem, long lineNumber, String rawLine,
                        int strayQuoteCell, DeadLetterEntry deadLetter) {

    /** A row whose physical line is not known (rows built by tests and by other sources). */
    public SourceRow(long rowNumber, List<String> values, String problem) {
        this(rowNumber, values, problem, 0, null, -1, null);
    }

    /**
     * The warning a row whose cell holds a quote inside unquoted text gets ({@code 5" pipe}: the quote
     * is kept as a character), naming the value and its column; empty for other rows.
     *
     * @param header the file's header cells, to name the column
     */
    public Optional<Issue> strayQuoteWarning(List<String> header) {
        if (strayQuoteCell < 0 || strayQuoteCell >= values.size()) {
            return Optional.empty();
        }
        String column = strayQuoteCell < header.size() ? header.get(strayQuoteCell) : "#" + (strayQuoteCell + 1);
        return Optional.of(ErrorCode.QUOTE_IN_UNQUOTED_VALUE.issue(values.get(strayQuoteCell), column));
    }

    /** The rejection a dead-letter row dropped back untouched keeps ({@link DeadLetterEntry#keptRejection()}). */
    public Optional<Issue> keptRejection() {
        return deadLetter == null ? Optional.empty() : deadLetter.keptRejection();
    }
}
