package io.crmbridge.intake;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.crmbridge.intake.PhysicalLineReader.PhysicalLine;

/**
 * Tells which physical lines of a CSV text make each record, before the text reaches the CSV
 * parser, so that one broken quote costs one line instead of the rest of the file (feature I3;
 * the promise "nothing is lost" of PRODUCT.md).
 *
 * <p>Quoting follows commons-csv's {@code CSVFormat.DEFAULT} (RFC 4180), which parses the records
 * this class lets through: a {@code "} opens a quoted field only as the first character of a field;
 * inside it, {@code ""} is a quote and a single {@code "} closes it; after the closing quote only
 * whitespace ({@link Character#isWhitespace}) may come before the delimiter or the line end. A
 * {@code "} inside an unquoted field ({@code 5" pipe}) is an ordinary character; the first cell that
 * has one is named by {@link Segment#strayQuoteCell()}. A line break inside a quoted field continues
 * the record on the next line.
 *
 * <p>A record cannot be real, and its FIRST line alone becomes a {@link Kind#MALFORMED} segment,
 * when
 * <ul>
 *   <li>a quoted field is still open at the end of the text;</li>
 *   <li>a quoted field is still open after {@code maxRecordLines} lines or {@code maxRecordChars}
 *       characters ({@link CsvLimits});</li>
 *   <li>text other than whitespace follows a closing quote (commons-csv refuses it);</li>
 *   <li>one line is longer than {@code maxRecordChars}.</li>
 * </ul>
 * Reading then resumes at the line after that first line: the lines the record had swallowed are
 * read again as records of their own. Every physical line therefore ends in exactly one segment: a
 * {@link Kind#BLANK} line, a {@link Kind#MALFORMED} line, or one of the lines of a
 * {@link Kind#RECORD}. Memory is bounded by {@code maxRecordChars} (plus the lines of one record).
 *
 * <p>Not thread-safe.
 */
final class CsvRecordGuard {

    private static final char QUOTE = '"';

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED, AFTER_CLOSING_QUOTE }

    /** What a segment of the text is. */
    enum Kind {
        /** An empty line outside any quoted field, which the parser skips. */
        BLANK,
        /** One record, possibly over several lines, that the parser will read. */
        RECORD,
        /** One line that cannot start a real record; {@link Segment#reason()} says why. */
        MALFORMED
    }

    /**
     * One record, blank line or malformed line.
     *
     * @param kind           what it is
     * @param firstLine      1-based physical line on which it starts
     * @param lineCount      physical lines it covers (1 for BLANK and MALFORMED)
     * @param text           RECORD: the record's text with its line terminators, as the parser is to read it;
     *                       MALFORMED: the line's text (its start only when the line was over the bound);
     *                       BLANK: empty
     * @param reason         MALFORMED: why the line cannot be read as a record; otherwise null
     * @param strayQuoteCell RECORD: 0-based index of the first cell with a quote inside unquoted text, or -1
     */
    record Segment(Kind kind, long firstLine, int lineCount, String text, String reason, int strayQuoteCell) {
    }

    private final PhysicalLineReader lines;
    private final char delimiter;
    private final CsvLimits limits;
    /** Lines a malformed record had swallowed, to be read again before the reader's next line. */
    private final Deque<PhysicalLine> replay = new ArrayDeque<>();

    /**
     * @param lines     the text's physical lines; their length bound should be {@code limits.maxRecordChars()}
     * @param delimiter the field delimiter
     */
    CsvRecordGuard(PhysicalLineReader lines, char delimiter, CsvLimits limits) {
        if (delimiter == QUOTE || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter cannot be a quote or a line break");
        }
        this.lines = lines;
        this.delimiter = delimiter;
        this.limits = limits;
    }

    /**
     * The next segment, or null at the end of the text.
     *
     * @throws IOException when the text cannot be read
     */
    Segment next() throws IOException {
        PhysicalLine first = nextLine();
        if (first == null) {
            return null;
        }
        if (first.text().isEmpty() && !first.cut()) {
            return new Segment(Kind.BLANK, first.number(), 1, "", null, -1);
        }
        if (first.cut()) {
            return malformed(first, List.of(), "the line is longer than " + limits.maxRecordChars() + " characters");
        }
        if (first.text().indexOf(QUOTE) < 0) {
            // most lines have no quote: one record, nothing to scan (indexOf is a vectorised intrinsic)
            return new Segment(Kind.RECORD, first.number(), 1, first.text() + first.terminator(), null, -1);
        }
        List<PhysicalLine> record = new ArrayList<>(1);
        record.add(first);
        Scan scan = new Scan();
        long chars = 0;
        PhysicalLine line = first;
        while (true) {
            String problem = scan.line(line.text());
            if (problem != null) {
                return malformed(first, record.subList(1, record.size()),
                        record.size() == 1 ? problem : problem + " (on line " + line.number() + ")");
            }
            chars += line.text().length() + line.terminator().length();
            if (scan.state != State.QUOTED) {
                return new Segment(Kind.RECORD, first.number(), record.size(), text(record), null, scan.strayQuoteCell);
            }
            if (record.size() >= limits.maxRecordLines() || chars >= limits.maxRecordChars()) {
                return malformed(first, record.subList(1, record.size()), "the quoted field opened on this line is"
                        + " still open after " + record.size() + " lines and " + chars + " characters (at most "
                        + limits.maxRecordLines() + " lines and " + limits.maxRecordChars()
                        + " characters are read for one record): a quote is probably missing");
            }
            line = nextLine();
            if (line == null) {
                return malformed(first, record.subList(1, record.size()),
                        "the quoted field opened on this line is never closed: it runs to the end of the file");
            }
            record.add(line);
            if (line.cut()) {
                return malformed(first, record.subList(1, record.size()), "the quoted field opened on this line"
                        + " runs into a line longer than " + limits.maxRecordChars() + " characters");
            }
        }
    }

    private PhysicalLine nextLine() throws IOException {
        PhysicalLine replayed = replay.pollFirst();
        return replayed != null ? replayed : lines.next();
    }

    /** The first line as a malformed segment; the lines read after it are read again. */
    private Segment malformed(PhysicalLine first, List<PhysicalLine> swallowed, String reason) {
        for (int i = swallowed.size() - 1; i >= 0; i--) {
            replay.addFirst(swallowed.get(i));
        }
        return new Segment(Kind.MALFORMED, first.number(), 1, first.text(), reason, -1);
    }

    private static String text(List<PhysicalLine> record) {
        if (record.size() == 1) {
            PhysicalLine only = record.get(0);
            return only.text() + only.terminator();
        }
        StringBuilder text = new StringBuilder();
        for (PhysicalLine l : record) {
            text.append(l.text()).append(l.terminator());
        }
        return text.toString();
    }

    /** The quoting state of one record, carried from line to line. */
    private final class Scan {
        State state = State.FIELD_START;
        int cell;
        int strayQuoteCell = -1;

        /** Advances over one line; returns why the record cannot be real, or null. */
        String line(String text) {
            // a record starts in FIELD_START; on its later lines the state is QUOTED: the line break
            // just passed belongs to the quoted field
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (state) {
                    case FIELD_START:
                        if (c == delimiter) {
                            cell++;
                        } else {
                            state = c == QUOTE ? State.QUOTED : State.UNQUOTED;
                        }
                        break;
                    case UNQUOTED:
                        if (c == delimiter) {
                            cell++;
                            state = State.FIELD_START;
                        } else if (c == QUOTE && strayQuoteCell < 0) {
                            strayQuoteCell = cell;
                        }
                        break;
                    case QUOTED:
                        if (c == QUOTE) {
                            state = State.QUOTE_IN_QUOTED;
                        }
                        break;
                    case QUOTE_IN_QUOTED:
                    case AFTER_CLOSING_QUOTE:
                        if (c == QUOTE && state == State.QUOTE_IN_QUOTED) {
                            state = State.QUOTED;
                        } else if (c == delimiter) {
                            cell++;
                            state = State.FIELD_START;
                        } else if (Character.isWhitespace(c)) {
                            state = State.AFTER_CLOSING_QUOTE;
                        } else {
                            return "text follows the closing quote of cell " + (cell + 1) + " ('"
                                    + excerpt(text, i) + "'): a quote inside a quoted value must be doubled";
                        }
                        break;
                    default:
                        throw new IllegalStateException("unknown state " + state);
                }
            }
            return null;
        }
    }

    private static String excerpt(String text, int at) {
        int from = Math.max(0, at - 20);
        int to = Math.min(text.length(), at + 20);
        return text.substring(from, to);
    }
}
