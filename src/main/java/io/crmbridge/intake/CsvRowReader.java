package io.crmbridge.intake;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.crmbridge.model.SourceRow;
import io.crmbridge.report.DeadLetterWriter;
import io.crmbridge.report.SpreadsheetFormulaGuard;

/**
 * Streams the data rows of a CSV file as {@link SourceRow}s (features I3, I5): one record in
 * memory at a time, parsed by Apache commons-csv in the given {@link Dialect} (quoted fields with
 * line breaks, CRLF, LF or CR line ends; blank lines skipped).
 *
 * <p>The header row is read by {@link #open}. Each following record becomes a row numbered from 1
 * (the record's position after the header, so rows keep their numbers when blank ones are
 * skipped). Records whose cells are all blank are skipped.
 *
 * <p>Cells are cleaned as they are read: a U+FEFF (a byte order mark left in the middle of the file,
 * e.g. by two exports pasted together) is removed from every cell, header included. In a dead-letter
 * file dropped back into the inbox (its header ends with {@link DeadLetterWriter#EXTRA_COLUMNS}), the
 * single quote that {@link SpreadsheetFormulaGuard} put before formula-like cells is removed, so the
 * original values are imported.
 *
 * <p>Malformed input never throws out of {@link #hasNext()} or {@link #next()}:
 * <ul>
 *   <li>a record with more or fewer cells than the header gives a row whose {@code problem} is
 *       {@code "row has N cells, header has M"}, and reading goes on;</li>
 *   <li>a record with a NUL character in a cell gives a row whose {@code problem} names the column
 *       (binary data in a text file), and reading goes on;</li>
 *   <li>a parse error (e.g. a quote never closed) gives one last row with no values, the parser's
 *       message and line number as {@code problem}, and iteration ends; when the header row itself
 *       cannot be parsed, {@link #header()} is empty and that row is numbered 0.</li>
 * </ul>
 * An empty file has an empty header and no rows; a header-only file has no rows.
 *
 * <p>Not thread-safe: one reader per file, closed by its owner.
 */
public final class CsvRowReader implements Iterator<SourceRow>, AutoCloseable {

    private static final char BOM = '\uFEFF';

    private final CountingInputStream counting;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final boolean deadLetterFile;
    private SourceRow pending;
    private boolean finished;
    private long lastRowNumber;

    private CsvRowReader(CountingInputStream counting, CSVParser parser) {
        this.counting = counting;
        this.parser = parser;
        this.records = parser.iterator();
        List<String> cells;
        try {
            cells = records.hasNext() ? headerCells(records.next()) : List.of();
        } catch (RuntimeException e) {
            cells = List.of();
            pending = new SourceRow(0, List.of(), describe(e));
            finished = true;
        }
        this.deadLetterFile = DeadLetterWriter.isDeadLetterHeader(cells);
        this.header = deadLetterFile ? cells.stream().map(SpreadsheetFormulaGuard::restore).toList() : cells;
    }

    /**
     * Opens {@code file} for reading in {@code dialect} and reads its header row.
     *
     * @throws IOException when the file cannot be opened or read (content problems never throw)
     */
    public static CsvRowReader open(Path file, Dialect dialect) throws IOException {
        CountingInputStream counting = new CountingInputStream(Files.newInputStream(file));
        try {
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new BufferedInputStream(counting), dialect.charset()));
            skipByteOrderMark(reader);
            CSVFormat format = CSVFormat.DEFAULT.builder()
                    .setDelimiter(dialect.delimiter())
                    .setIgnoreEmptyLines(true)
                    .get();
            return new CsvRowReader(counting, format.parse(reader));
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

    private static List<String> headerCells(CSVRecord record) {
        return record.stream().map(cell -> cell == null ? "" : withoutByteOrderMarks(cell).strip()).toList();
    }

    private static String withoutByteOrderMarks(String cell) {
        return cell.indexOf(BOM) < 0 ? cell : cell.replace(String.valueOf(BOM), "");
    }

    private List<String> cells(CSVRecord record) {
        String[] values = record.values();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                values[i] = withoutByteOrderMarks(values[i]);
                if (deadLetterFile) {
                    values[i] = SpreadsheetFormulaGuard.restore(values[i]);
                }
            }
        }
        return Collections.unmodifiableList(Arrays.asList(values));
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

    /** The header cells in file order, trimmed; empty for an empty file. */
    public List<String> header() {
        return header;
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
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    finished = true;
                    return null;
                }
                record = records.next();
            } catch (RuntimeException e) {
                // commons-csv reports broken input as UncheckedIOException (or IllegalStateException
                // from its lexer); the parser cannot resync after it, so this is the last row
                finished = true;
                return new SourceRow(lastRowNumber + 1, List.of(), describe(e));
            }
            lastRowNumber = record.getRecordNumber() - 1;
            List<String> values = cells(record);
            if (values.stream().allMatch(cell -> cell == null || cell.isBlank())) {
                continue;
            }
            if (values.size() != header.size()) {
                return new SourceRow(lastRowNumber, values,
                        "row has " + values.size() + " cells, header has " + header.size());
            }
            return new SourceRow(lastRowNumber, values, nulProblem(values));
        }
    }

    private String describe(RuntimeException e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return "unreadable CSV, parser stopped at line " + parser.getCurrentLineNumber() + ": " + message;
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
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close CSV file", e);
        }
    }
}
