package io.crmbridge.report;

import io.crmbridge.model.Issue;
import io.crmbridge.model.SourceRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes the rows of one run that were rejected or failed to
 * {@code <deadLetterDir>/<baseName>.rejected.csv} (R2, DESIGN.md "The import flow"), so that
 * they can be fixed and dropped back into {@code inbox/}; the base name is the run's ({@link RunFiles},
 * e.g. {@code contacts.csv-run3}), so that no run replaces an earlier run's dead letters.
 *
 * <p>Layout: the source header followed by {@code row_number, error_code, error_message}; each row
 * gives its original cells (as many as the row has; a short row is padded with empty cells to the
 * header width) followed by the row number, the code and the message. A row longer than the header
 * keeps its extra cells, so its trailing three columns then sit to the right of the header's.
 * UTF-8, {@code ,} delimiter, CRLF records, quoting by commons-csv's RFC 4180 format (fields with
 * delimiters, quotes or line breaks are quoted). Every cell that a spreadsheet would run as a formula
 * (starting with {@code = + - @}, tab or CR) is prefixed with a single quote by
 * {@link SpreadsheetFormulaGuard}; the intake removes that prefix again when the file is dropped back
 * into the inbox (it recognises a dead-letter file by its last three columns, {@link #EXTRA_COLUMNS}). The file is created on the first
 * {@link #append}, never over an existing file (its name was claimed free by the caller); with no
 * rejected row there is no file. Each row is flushed as it is written, so a crash loses no dead letter.
 * Thread-safe.
 */
public final class DeadLetterWriter implements AutoCloseable {

    /** Columns appended after the source columns. */
    public static final List<String> EXTRA_COLUMNS = List.of("row_number", "error_code", "error_message");
    /** Ending of a dead-letter file's name, after the run's base name. */
    public static final String SUFFIX = ".rejected.csv";

    private final Path target;
    private final List<String> header;
    private CSVPrinter printer;
    private long count;
    private boolean closed;

    /**
     * @param deadLetterDir  the directory to write into (created on first append), e.g. {@code outbox/dead-letter}
     * @param baseName      the file's name before {@value #SUFFIX} (e.g. {@code contacts.csv-run3}); no path separators
     * @param header        the source file's header cells, in file order
     * @throws IllegalArgumentException when {@code baseName} is not a plain file name
     */
    public DeadLetterWriter(Path deadLetterDir, String baseName, List<String> header) {
        Objects.requireNonNull(deadLetterDir, "deadLetterDir");
        if (baseName == null || baseName.isBlank() || baseName.contains("/")
                || baseName.contains("\\") || baseName.equals("..") || baseName.equals(".")) {
            throw new IllegalArgumentException("dead-letter base name must be a plain file name: '" + baseName + "'");
        }
        this.target = deadLetterDir.resolve(baseName + SUFFIX);
        this.header = List.copyOf(header);
    }

    /**
     * Appends one row with the reason it was rejected or failed.
     *
     * @throws IOException           when the file cannot be created or written, or already exists
     *                               ({@link java.nio.file.FileAlreadyExistsException})
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized void append(SourceRow row, Issue issue) throws IOException {
        if (closed) {
            throw new IllegalStateException("dead-letter writer for " + target.getFileName() + " is closed");
        }
        if (printer == null) {
            printer = open();
        }
        List<String> cells = new ArrayList<>(Math.max(header.size(), row.values().size()) + EXTRA_COLUMNS.size());
        row.values().forEach(v -> cells.add(SpreadsheetFormulaGuard.neutralise(v)));
        while (cells.size() < header.size()) {
            cells.add("");
        }
        cells.add(Long.toString(row.rowNumber()));
        cells.add(issue.code().name());
        cells.add(SpreadsheetFormulaGuard.neutralise(issue.message()));
        printer.printRecord(cells);
        printer.flush();
        count++;
    }

    private CSVPrinter open() throws IOException {
        Files.createDirectories(target.getParent());
        Writer writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        List<String> columns = new ArrayList<>(header.size() + EXTRA_COLUMNS.size());
        header.forEach(h -> columns.add(SpreadsheetFormulaGuard.neutralise(h)));
        columns.addAll(EXTRA_COLUMNS);
        CSVPrinter p = new CSVPrinter(writer, CSVFormat.RFC4180);
        p.printRecord(columns);
        return p;
    }

    /** Whether {@code header} is the header of a dead-letter file: it ends with {@link #EXTRA_COLUMNS}. */
    public static boolean isDeadLetterHeader(List<String> header) {
        int n = header.size();
        return n > EXTRA_COLUMNS.size() && header.subList(n - EXTRA_COLUMNS.size(), n).equals(EXTRA_COLUMNS);
    }

    /** The dead-letter file, once the first row was appended. */
    public synchronized Optional<Path> file() {
        return printer == null ? Optional.empty() : Optional.of(target);
    }

    /** How many rows were appended. */
    public synchronized long count() {
        return count;
    }

    /** Closes the file if one was opened; further appends fail. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (printer != null) {
            printer.close(true);
        }
    }
}
