package io.crmbridge.intake;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.crmbridge.intake.CsvRecordGuard.Kind;
import io.crmbridge.intake.CsvRecordGuard.Segment;
import io.crmbridge.model.DeadLetterEntry;
import io.crmbridge.model.LineCounts;
import io.crmbridge.model.SourceRow;
import io.crmbridge.report.DeadLetterColumns;
import io.crmbridge.report.SpreadsheetFormulaGuard;

/**
 * Streams the data rows of a CSV file as {@link SourceRow}s (features I3, I5): one record in
 * memory at a time, parsed by Apache commons-csv in the given {@link Dialect} (quoted fields with
 * line breaks, CRLF, LF or CR line ends; blank lines skipped).
 *
 * <p>Before the parser sees the text, a {@link CsvRecordGuard} tells which physical lines make each
 * record, so that a broken quote costs one line: a line that cannot start a real record (a quote
 * never closed, or still open past the {@link CsvLimits}, or text after a closing quote) becomes a
 * row of its own whose {@code problem} gives its line and the reason, with its raw text and its
 * cells split on the delimiter alone; reading resumes at the next line.
 *
 * <p>The header row is read by {@link #open}. Each following record becomes a row numbered from 1
 * (the record's position after the header; blank lines take no number, a malformed line takes one).
 * Records whose cells are all blank are skipped. Every row carries the physical line it starts on.
 *
 * <p>Cells are cleaned as they are read: a U+FEFF (a byte order mark left in the middle of the file,
 * e.g. by two exports pasted together) is removed from every cell, header included. A dead-letter
 * file dropped back into the inbox (its header ends with crm-bridge's added columns,
 * {@link DeadLetterColumns}) is read as its source: the single quote that {@link SpreadsheetFormulaGuard}
 * put before formula-like cells is removed, and the added columns leave the header and the rows to
 * become each row's {@code deadLetter} entry (was it edited, why was it dead-lettered).
 *
 * <p>Malformed input never throws out of {@link #hasNext()} or {@link #next()}:
 * <ul>
 *   <li>a record with more or fewer cells than the header gives a row whose {@code problem} is
 *       {@code "row has N cells, header has M"}, and reading goes on;</li>
 *   <li>a record with a NUL character in a cell gives a row whose {@code problem} names the column
 *       (binary data in a text file), and reading goes on;</li>
 *   <li>a malformed line gives a row as above, and reading goes on;</li>
 *   <li>a malformed header line gives an empty {@link #header()} and {@link #headerProblem()}.</li>
 * </ul>
 * A quote inside an unquoted cell is kept as a character and named by the row's
 * {@code strayQuoteCell}. An empty file has an empty header and no rows; a header-only file has no rows.
 * {@link #lineCounts()} says where every physical line went.
 *
 * <p>Not thread-safe: one reader per file, closed by its owner.
 */
public final class CsvRowReader implements Iterator<SourceRow>, AutoCloseable {

    private static final char BOM = '\uFEFF';

    private final CountingInputStream counting;
    private final Reader source;
    private final PhysicalLineReader physicalLines;
    private final CsvRecordGuard guard;
    private final CSVFormat format;
    private final CSVFormat looseFormat;
    /** Segments the guard produced that no row has taken yet, in file order. */
    private final Deque<Segment> segments = new ArrayDeque<>();
    private final ParserInput parserInput = new ParserInput();
    /** One parser over every record's text; null once it failed and records are parsed one by one. */
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private final List<String> header;
    private final String headerProblem;
    /** The columns crm-bridge added, when the file is one of its dead letters dropped back; else null. */
    private final DeadLetterColumns deadLetterColumns;
    private SourceRow pending;
    private boolean finished;
    private long rowNumber;
    private long headerLines;
    private long blankLines;
    private long rowLines;
    private long rows;

    private CsvRowReader(CountingInputStream counting, Reader source, Dialect dialect, CsvLimits limits)
            throws IOException {
        this.counting = counting;
        this.source = source;
        this.physicalLines = new PhysicalLineReader(source, limits.maxRecordChars());
        this.guard = new CsvRecordGuard(physicalLines, dialect.delimiter(), limits);
        this.format = CSVFormat.DEFAULT.builder().setDelimiter(dialect.delimiter()).setIgnoreEmptyLines(true).get();
        this.looseFormat = format.builder().setQuote(null).get();
        this.parser = format.parse(parserInput);
        this.records = parser.iterator();
        List<String> cells = List.of();
        String problem = null;
        Segment first = take();
        while (first != null && first.kind() == Kind.BLANK) {
            blankLines++;
            first = take();
        }
        if (first != null) {
            headerLines = first.lineCount();
            if (first.kind() == Kind.MALFORMED) {
                problem = "line " + first.firstLine() + ": " + first.reason();
                finished = true;
            } else {
                Parsed parsed = parse(first);
                if (parsed.problem() != null) {
                    problem = "line " + first.firstLine() + ": " + parsed.problem();
                    finished = true;
                } else {
                    cells = Arrays.stream(parsed.values())
                            .map(cell -> cell == null ? "" : withoutByteOrderMarks(cell).strip()).toList();
                }
            }
        }
        this.headerProblem = problem;
        this.deadLetterColumns = DeadLetterColumns.of(cells).orElse(null);
        this.header = deadLetterColumns == null ? cells
                : deadLetterColumns.sourceCells(cells.stream().map(SpreadsheetFormulaGuard::restore).toList());
    }

    /** Opens {@code file} with the {@link CsvLimits#DEFAULT default limits}; see {@link #open(Path, Dialect, CsvLimits)}. */
    public static CsvRowReader open(Path file, Dialect dialect) throws IOException {
        return open(file, dialect, CsvLimits.DEFAULT);
    }

    /**
     * Opens {@code file} for reading in {@code dialect} and reads its header row.
     *
     * @param limits how far one record is followed before an open quote is judged broken
     * @throws IOException when the file cannot be opened or read (content problems never throw)
     */
    public static CsvRowReader open(Path file, Dialect dialect, CsvLimits limits) throws IOException {
        CountingInputStream counting = new CountingInputStream(Files.newInputStream(file));
        try {
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new BufferedInputStream(counting), dialect.charset()));
            skipByteOrderMark(reader);
            return new CsvRowReader(counting, reader, dialect, limits);
        } catch (IOException | RuntimeException e) {
            counting.close();
            throw e;
        }
    }

    /**
     * A BOM left in front of the first cell would hide an opening quote from the parser, so it
     * goes whatever the sniffed dialect says.
     */
    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != BOM) {
            reader.reset();
        }
    }

    private static String withoutByteOrderMarks(String cell) {
        return cell.indexOf(BOM) < 0 ? cell : cell.replace(String.valueOf(BOM), "");
    }

    /** The next segment in file order, or null at the end of the file. */
    private Segment take() throws IOException {
        if (segments.isEmpty() && produce() == null) {
            return null;
        }
        return segments.pollFirst();
    }

    /** Lets the guard read one more segment; a record's text is queued for the parser. */
    private Segment produce() throws IOException {
        Segment s = guard.next();
        if (s != null) {
            segments.addLast(s);
            if (s.kind() == Kind.RECORD && parser != null) {
                parserInput.queue.addLast(s.text());
            }
        }
        return s;
    }

    /**
     * The cells of a RECORD segment. The shared parser reads the records in the order the guard let
     * them through; should it still refuse one, that record is reported as a problem and the records
     * after it are parsed one by one, so that nothing after it is lost.
     */
    private Parsed parse(Segment record) {
        if (parser != null) {
            try {
                return new Parsed(records.next().values(), null);
            } catch (RuntimeException e) {
                parser = null;
                parserInput.queue.clear();
            }
        }
        try (CSVParser alone = format.parse(new java.io.StringReader(record.text()))) {
            Iterator<CSVRecord> it = alone.iterator();
            return new Parsed(it.next().values(), null);
        } catch (IOException | RuntimeException e) {
            return new Parsed(null, describe(e));
        }
    }

    private record Parsed(String[] values, String problem) {
    }

    private List<String> cells(String[] values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                values[i] = withoutByteOrderMarks(values[i]);
                if (deadLetterColumns != null) {
                    values[i] = SpreadsheetFormulaGuard.restore(values[i]);
                }
            }
        }
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** A malformed line's cells, split on the delimiter alone (quotes kept as characters). */
    private List<String> looseCells(String line) {
        try (CSVParser loose = looseFormat.parse(new java.io.StringReader(line))) {
            Iterator<CSVRecord> it = loose.iterator();
            return it.hasNext() ? cells(it.next().values()) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of(line);
        }
    }

    /** Why a row with a NUL character cannot be imported, or null when it has none. */
    private String nulProblem(List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            String cell = values.get(i);
            if (cell != null && cell.indexOf('\0') >= 0) {
                String column = i < header.size() ? " (" + header.get(i) + ")" : "";
                return "cell " + (i + 1) + column + " contains a NUL character: binary data in a text file";
            }
        }
        return null;
    }

    /** The header cells in file order, trimmed; empty for an empty file or a malformed header line. */
    public List<String> header() {
        return header;
    }

    /** Why the header line cannot be read ("line 1: the quoted field ... is never closed ..."), if so. */
    public Optional<String> headerProblem() {
        return Optional.ofNullable(headerProblem);
    }

    /** Whether another row (possibly a problem row) follows; never throws on malformed input. */
    @Override
    public boolean hasNext() {
        if (pending == null && !finished) {
            pending = advance();
        }
        return pending != null;
    }

    /**
     * The next row.
     *
     * @throws NoSuchElementException when there is none
     */
    @Override
    public SourceRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows");
        }
        SourceRow row = pending;
        pending = null;
        return row;
    }

    private SourceRow advance() {
        while (true) {
            Segment s;
            try {
                s = take();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the CSV file", e);
            }
            if (s == null) {
                finished = true;
                return null;
            }
            if (s.kind() == Kind.BLANK) {
                blankLines++;
                continue;
            }
            rowNumber++;
            SourceRow row = row(s);
            if (row == null) {
                blankLines += s.lineCount();
                continue;
            }
            rows++;
            rowLines += s.lineCount();
            return row;
        }
    }

    /** The row a MALFORMED or RECORD segment makes, or null for a record whose cells are all blank. */
    private SourceRow row(Segment s) {
        if (s.kind() == Kind.MALFORMED) {
            return new SourceRow(rowNumber, looseCells(s.text()), "line " + s.firstLine() + ": " + s.reason(),
                    s.firstLine(), s.text(), -1, null);
        }
        Parsed parsed = parse(s);
        if (parsed.problem() != null) {
            return new SourceRow(rowNumber, looseCells(s.text()), "line " + s.firstLine() + ": " + parsed.problem(),
                    s.firstLine(), s.text(), -1, null);
        }
        List<String> values = cells(parsed.values());
        DeadLetterEntry entry = null;
        if (deadLetterColumns != null) {
            entry = deadLetterColumns.entry(values);
            values = deadLetterColumns.sourceCells(values);
        }
        if (values.stream().allMatch(cell -> cell == null || cell.isBlank())) {
            return null;
        }
        if (values.size() != header.size()) {
            return new SourceRow(rowNumber, values, "row has " + values.size() + " cells, header has " + header.size(),
                    s.firstLine(), null, -1, entry);
        }
        return new SourceRow(rowNumber, values, nulProblem(values), s.firstLine(), null, s.strayQuoteCell(), entry);
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /**
     * Where the physical lines read so far went. Once the last row was read ({@link #hasNext()}
     * returned false), {@code read} is every line of the file and {@link LineCounts#addsUp()} holds
     * unless a line was lost.
     */
    public LineCounts lineCounts() {
        return new LineCounts(physicalLines.linesRead(), headerLines, blankLines, rowLines, rows);
    }

    /**
     * Bytes of the file consumed so far, read-ahead buffers included: a progress measure that
     * reaches the file size at the end, not the position of the last row.
     */
    public long bytesRead() {
        return counting.count();
    }

    /** Closes the parser and the file; idempotent. */
    @Override
    public void close() {
        try {
            source.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close CSV file", e);
        }
    }

    /**
     * What the shared parser reads: the text of each record the guard let through, in order, asking
     * the guard for more when it runs dry.
     */
    private final class ParserInput extends Reader {
        private final Deque<String> queue = new ArrayDeque<>();
        private String current = "";
        private int offset;

        @Override
        public int read(char[] buffer, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (offset >= current.length()) {
                String next = queue.pollFirst();
                while (next == null) {
                    if (produce() == null) {
                        return -1;
                    }
                    next = queue.pollFirst();
                }
                current = next;
                offset = 0;
            }
            int n = Math.min(len, current.length() - offset);
            current.getChars(offset, offset + n, buffer, off);
            offset += n;
            return n;
        }

        @Override
        public void close() {
            queue.clear();
        }
    }
}
