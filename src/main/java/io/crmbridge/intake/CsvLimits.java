package io.crmbridge.intake;

/**
 * How far {@link CsvRowReader} follows one record before it decides that an open quote cannot be
 * real (settings {@code crm-bridge.csv.max-record-lines} and {@code crm-bridge.csv.max-record-chars}).
 *
 * <p>The defaults leave ample room for real multi-line text (the longest description of the
 * 8,469-ticket support dataset spans 33 lines and 597 characters) while bounding what one broken
 * quote makes the reader hold and read again.
 *
 * @param maxRecordLines physical lines one record may span, at least 1
 * @param maxRecordChars characters one record (and one line) may hold, line breaks included, at least 1
 */
public record CsvLimits(int maxRecordLines, int maxRecordChars) {

    /** 1,000 lines and 1 MiB (1,048,576 characters). */
    public static final CsvLimits DEFAULT = new CsvLimits(1_000, 1 << 20);

    public CsvLimits {
        if (maxRecordLines < 1 || maxRecordChars < 1) {
            throw new IllegalArgumentException("CSV record limits must be at least 1, were " + maxRecordLines
                    + " lines and " + maxRecordChars + " characters");
        }
    }
}
