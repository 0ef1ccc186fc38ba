package io.crmbridge.intake;

/**
 * How far {@link CsvRowReader} follows one record before it decides that an open quote cannot be
 * real (settings {@code crm-bridge.csv.max-record-lines} and {@code crm-bridge.csv.max-record-chars}).
 *
 * <p>The defaults leave ample room for real text (the longest description of the 8,469-ticket support
 * dataset spans 33 lines; a 5 MB value, quoted or not, is read as a value) while bounding what one
 * broken quote makes the reader hold and read again: a quoted field still open after 1,000 lines is
 * taken for a missing quote long before it fills memory.
 *
 * @param maxRecordLines physical lines one record may span, at least 1
 * @param maxRecordChars characters one record (and one line) may hold, line breaks included, at least 1
 */
public record CsvLimits(int maxRecordLines, int maxRecordChars) {

    /** 1,000 lines and 16 MiB (16,777,216 characters). */
    public static final CsvLimits DEFAULT = new CsvLimits(1_000, 1 << 24);

    public CsvLimits {
        if (maxRecordLines < 1 || maxRecordChars < 1) {
            throw new IllegalArgumentException("CSV record limits must be at least 1, were " + maxRecordLines
                    + " lines and " + maxRecordChars + " characters");
        }
    }
}
