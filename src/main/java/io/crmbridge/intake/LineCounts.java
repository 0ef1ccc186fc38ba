package io.crmbridge.intake;

/**
 * Where the physical lines of a file went, for the report's line accounting: every line read is
 * a header line, a blank line, or a line of a data row (a malformed line is a row of its own).
 *
 * @param read   physical lines the reader read from the file
 * @param header lines of the header row
 * @param blank  empty lines, and lines of records whose cells are all blank
 * @param inRows lines of the data rows handed out (a quoted field with line breaks makes a row of several lines)
 * @param rows   data rows handed out, malformed ones included
 */
public record LineCounts(long read, long header, long blank, long inRows, long rows) {

    /** Whether every line read is accounted for: {@code read == header + blank + inRows}. */
    public boolean addsUp() {
        return read == header + blank + inRows;
    }
}
