package io.crmbridge.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tells a file that is not text at all (a spreadsheet, a zip or gzip archive, an image dropped by
 * mistake) from a CSV file, so that it is refused as a whole with a clear reason instead of being
 * read as rows of garbage.
 *
 * <p>The first {@link DialectSniffer#DEFAULT_SAMPLE_BYTES} bytes are decoded in the sniffed
 * {@link Dialect}. C0 control characters other than tab, CR and LF (NUL included) never occur in
 * a CSV export's text: the file is binary when its header line holds one (archives and office
 * files start with such bytes), or when more than {@value #MAX_CONTROL_PERCENT}% of the sampled
 * characters are. A text file with a few stray NULs in its rows is not binary: those rows are
 * rejected one by one by {@link CsvRowReader}. Stateless and thread-safe.
 */
public final class BinaryContentDetector {

    /** Share of control characters in the sample above which a file is binary. */
    static final int MAX_CONTROL_PERCENT = 5;

    /**
     * Why {@code file} is not a text file, or empty when it looks like text.
     *
     * @throws IOException when the file cannot be read
     */
    public Optional<String> reason(Path file, Dialect dialect) throws IOException {
        byte[] sample;
        try (InputStream in = Files.newInputStream(file)) {
            sample = in.readNBytes(DialectSniffer.DEFAULT_SAMPLE_BYTES);
        }
        String text = new String(sample, dialect.charset());
        int start = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
        boolean inHeader = true;
        int controls = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                inHeader = false;
            } else if (isStrayControl(c)) {
                if (inHeader) {
                    return Optional.of(String.format("binary content, not a CSV text file: control character U+%04X"
                            + " at character %d of the first line", (int) c, i - start + 1));
                }
                controls++;
            }
        }
        int length = text.length() - start;
        if (length > 0 && controls * 100L > (long) length * MAX_CONTROL_PERCENT) {
            return Optional.of(String.format("binary content, not a CSV text file: %d of the first %d characters"
                    + " are control characters", controls, length));
        }
        return Optional.empty();
    }

    private static boolean isStrayControl(char c) {
        return (c < 0x20 && c != '\t') || c == 0x7F;
    }
}
