package io.crmbridge.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Tells a file whose fields are separated by a character crm-bridge does not read (an export with
 * {@code :} or {@code #} between its fields) from a genuine one-column file, so that it is refused
 * once for its delimiter instead of having every row rejected for a missing field: with none of
 * {@code , ; tab |} its header is one cell, which maps to no field.
 *
 * <p>Rule, on the first {@link DialectSniffer#DEFAULT_SAMPLE_BYTES} bytes decoded in the sniffed
 * {@link Dialect}, quotes respected: the header is one cell with every supported delimiter, and for
 * one of {@value #FOREIGN_DELIMITERS} the header splits into at least two cells and every sampled
 * row after it (at least one) into at least as many (a value may hold the character too: a time
 * {@code 10:30} in a {@code :}-separated file). When several qualify, the one for which the most
 * rows have exactly the header's cell count wins, then the earlier in that list. A one-column file
 * never qualifies unless its column name holds one of those characters and every row holds it as
 * often: {@code email}, {@code E-mail} or {@code Website} headers do not ({@code -}, {@code .},
 * {@code @}, {@code _}, {@code '}, space and brackets are not candidates, being common inside
 * column names, e-mails and domains). Stateless and thread-safe.
 */
public final class UnrecognisedDelimiterDetector {

    /** Punctuation that export tools use as a field separator when told to, in order of preference. */
    static final String FOREIGN_DELIMITERS = ":#^~/\\!*=+&$%";

    /**
     * Why {@code file} cannot be read with any supported delimiter, naming the one it seems to use;
     * empty when a supported delimiter splits its header, or no other character does it consistently.
     *
     * @throws IOException when the file cannot be read
     */
    public Optional<String> reason(Path file, Dialect dialect) throws IOException {
        byte[] sample;
        boolean truncated;
        try (InputStream in = Files.newInputStream(file)) {
            sample = in.readNBytes(DialectSniffer.DEFAULT_SAMPLE_BYTES);
            truncated = in.read() != -1;
        }
        String text = new String(sample, dialect.charset());
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return foreignDelimiter(text, truncated).map(d -> "delimiter not recognised: the lines seem to be"
                + " separated by '" + d + "'; crm-bridge reads , ; tab or |: save the file with one of those");
    }

    /** The unsupported delimiter the sample's lines are consistently split by, if any. */
    static Optional<Character> foreignDelimiter(String text, boolean truncated) {
        for (char supported : DialectSniffer.CANDIDATES) {
            List<Integer> sizes = DialectSniffer.recordSizes(text, supported, truncated);
            if (sizes.isEmpty() || sizes.get(0) > 1) {
                return Optional.empty();
            }
        }
        Character best = null;
        int bestExact = -1;
        for (char candidate : FOREIGN_DELIMITERS.toCharArray()) {
            List<Integer> sizes = DialectSniffer.recordSizes(text, candidate, truncated);
            if (sizes.size() < 2 || sizes.get(0) < 2) {
                continue;
            }
            int headerSize = sizes.get(0);
            List<Integer> rows = sizes.subList(1, sizes.size());
            if (rows.stream().anyMatch(size -> size < headerSize)) {
                continue;
            }
            int exact = (int) rows.stream().filter(size -> size == headerSize).count();
            if (exact > bestExact) {
                best = candidate;
                bestExact = exact;
            }
        }
        return Optional.ofNullable(best);
    }
}
