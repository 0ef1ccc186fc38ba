package io.crmbridge.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Detects the {@link Dialect} of a CSV file from a sample of its first bytes (feature I3:
 * UTF-8, UTF-8 with BOM and windows-1252; delimiters {@code ,} {@code ;} tab {@code |}).
 *
 * <p>Charset: a leading EF BB BF is "UTF-8 with BOM"; a leading FF FE or FE FF is "UTF-16LE with
 * BOM" or "UTF-16BE with BOM" (what Excel's "Unicode text" export writes); otherwise a sample that decodes as strict
 * UTF-8 is "UTF-8" (a multi-byte character cut by the end of the sample is not an error);
 * anything else is windows-1252, the usual charset of spreadsheet exports on Western Windows.
 *
 * <p>Delimiter: the sample is parsed with commons-csv once per candidate (so quoted fields, even
 * ones spanning lines, are respected). A candidate qualifies when the header splits into at
 * least two cells; the winner is the one for which the most records have the header's cell
 * count, ties going to the earlier of {@code , ; tab |}. A file with one column is {@code ,}.
 *
 * <p>Stateless and thread-safe.
 */
public final class DialectSniffer {

    /** Bytes sampled from the start of the file: 64 KiB. */
    public static final int DEFAULT_SAMPLE_BYTES = 64 * 1024;

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** The delimiters crm-bridge reads, in order of preference. */
    static final char[] CANDIDATES = {',', ';', '\t', '|'};
    /** Records looked at per candidate after the header; enough to see a consistent shape. */
    private static final int MAX_RECORDS = 200;

    private final int sampleBytes;

    /** A sniffer sampling the first {@value #DEFAULT_SAMPLE_BYTES} bytes of each file. */
    public DialectSniffer() {
        this(DEFAULT_SAMPLE_BYTES);
    }

    DialectSniffer(int sampleBytes) {
        if (sampleBytes < 4) {
            throw new IllegalArgumentException("sample must hold at least 4 bytes, got " + sampleBytes);
        }
        this.sampleBytes = sampleBytes;
    }

    /**
     * Sniffs the dialect of {@code file}; never fails on content (an empty or binary file gets a
     * best guess: UTF-8 and {@code ,} for an empty one).
     *
     * @throws IOException when the file cannot be read
     */
    public Dialect sniff(Path file) throws IOException {
        byte[] sample;
        boolean truncated;
        try (InputStream in = Files.newInputStream(file)) {
            sample = in.readNBytes(sampleBytes);
            truncated = in.read() != -1;
        }
        boolean bom = sample.length >= 3
                && (sample[0] & 0xFF) == 0xEF && (sample[1] & 0xFF) == 0xBB && (sample[2] & 0xFF) == 0xBF;
        Charset utf16 = utf16ByteOrderMark(sample);
        int start = bom ? 3 : utf16 != null ? 2 : 0;
        Charset charset;
        String label;
        if (utf16 != null) {
            charset = utf16;
            label = utf16.name() + " with BOM";
            bom = true;
        } else if (bom) {
            charset = StandardCharsets.UTF_8;
            label = "UTF-8 with BOM";
        } else if (isStrictUtf8(sample, truncated)) {
            charset = StandardCharsets.UTF_8;
            label = "UTF-8";
        } else {
            charset = WINDOWS_1252;
            label = "windows-1252";
        }
        String text = new String(sample, start, sample.length - start, charset);
        return new Dialect(charset, label, bom, detectDelimiter(text, truncated));
    }

    /** UTF-16LE or UTF-16BE when the sample starts with that byte order mark, else null. */
    private static Charset utf16ByteOrderMark(byte[] sample) {
        if (sample.length < 2) {
            return null;
        }
        int first = sample[0] & 0xFF;
        int second = sample[1] & 0xFF;
        if (first == 0xFF && second == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return first == 0xFE && second == 0xFF ? StandardCharsets.UTF_16BE : null;
    }

    private static boolean isStrictUtf8(byte[] sample, boolean truncated) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(sample.length);
        // endOfInput=false when the file goes on: an incomplete trailing sequence is then left
        // over (UNDERFLOW) instead of being reported as malformed
        CoderResult result = decoder.decode(ByteBuffer.wrap(sample), out, !truncated);
        if (result.isError()) {
            return false;
        }
        return truncated || !decoder.flush(out).isError();
    }

    private static char detectDelimiter(String text, boolean truncated) {
        char best = ',';
        int bestScore = -1;
        for (char candidate : CANDIDATES) {
            List<Integer> sizes = recordSizes(text, candidate, truncated);
            if (sizes.isEmpty() || sizes.get(0) < 2) {
                continue;
            }
            int headerSize = sizes.get(0);
            int agreeing = 0;
            for (int i = 1; i < sizes.size(); i++) {
                if (sizes.get(i) == headerSize) {
                    agreeing++;
                }
            }
            if (agreeing > bestScore) {
                best = candidate;
                bestScore = agreeing;
            }
        }
        return best;
    }

    /**
     * Cell counts of the first records (at most about {@value #MAX_RECORDS}) of a sample when split on
     * {@code delimiter}, quotes respected; the last record is dropped when {@code truncated} says the
     * sample cuts it short.
     */
    static List<Integer> recordSizes(String text, char delimiter, boolean truncated) {
        List<Integer> sizes = new ArrayList<>();
        boolean reachedEnd = true;
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get();
        try (CSVParser parser = format.parse(new StringReader(text))) {
            Iterator<CSVRecord> records = parser.iterator();
            while (records.hasNext()) {
                if (sizes.size() > MAX_RECORDS) {
                    reachedEnd = false;
                    break;
                }
                sizes.add(records.next().size());
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // the sample ends inside a quoted field, or the quoting does not fit this delimiter:
            // judge the candidate on the records parsed before the problem
        }
        if (truncated && reachedEnd && sizes.size() > 1) {
            // the sample's last record is probably cut short by the sample boundary
            sizes.remove(sizes.size() - 1);
        }
        return sizes;
    }
}
