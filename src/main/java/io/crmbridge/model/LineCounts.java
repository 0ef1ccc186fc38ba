package io.crmbridge.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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

    /**
     * What is wrong when these counts do not account for every line, or for exactly the rows a
     * report counted; empty when they do.
     *
     * @param rowsRead the rows the report counted as read
     */
    public Optional<String> mismatch(long rowsRead) {
        if (addsUp() && rows == rowsRead) {
            return Optional.empty();
        }
        return Optional.of("lines read " + read + " vs header " + header + " + blank " + blank + " + in rows "
                + inRows + " = " + (header + blank + inRows) + "; rows handed out " + rows + " vs rows read " + rowsRead);
    }

    /** The report's {@code lines} object: {@code {read, header, blank, inRows}}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("read", read);
        map.put("header", header);
        map.put("blank", blank);
        map.put("inRows", inRows);
        return map;
    }
}
