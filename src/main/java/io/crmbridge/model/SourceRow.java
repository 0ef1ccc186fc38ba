package io.crmbridge.model;

import java.util.List;

/**
 * One data row as read from a CSV file, before mapping.
 *
 * @param rowNumber 1-based number of the data row (the header is row 0), as reported in
 *                  dead-letter files and reports
 * @param values    the cells in file order, exactly as read (may be shorter or longer than the header)
 * @param problem   null for a well-formed row; otherwise why the CSV record is malformed (the row is
 *                  then rejected with {@link ErrorCode#MALFORMED_ROW})
 */
public record SourceRow(long rowNumber, List<String> values, String problem) {
}
