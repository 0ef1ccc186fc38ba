package io.crmbridge.report;

import io.crmbridge.model.Issue;
import io.crmbridge.model.SourceRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
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
 * <p>Layout of a source file's dead letter: the source header followed by
 * {@link DeadLetterColumns#CURRENT} ({@code row_number, line_number, error_code, error_message,
 * raw_line, row_checksum}); each row gives its original cells (as many as the row has; a short row is
 * padded with empty cells to the header width) followed by the added cells. A row longer than the
 * header keeps its extra cells, so its added cells then sit to the right of the header's.
 * {@code raw_line} holds the text of a line that could not be split as CSV (cut at
 * {@value #MAX_RAW_LINE} characters, below a spreadsheet cell's limit), {@code row_checksum} lets the
 * intake tell an untouched row from an edited one when the file comes back. The file is written in
 * the source's {@link DeadLetterDialect} (delimiter, charset, byte order mark), CRLF records,
 * quoting as RFC 4180 (fields with delimiters, quotes or line breaks are quoted). A list crm-bridge
 * builds itself ({@link #DeadLetterWriter(Path, String, List)}) gets {@link DeadLetterColumns#LEGACY}
 * instead, in UTF-8 with {@code ,}.
 *
 * <p>Every cell that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or CR) is
 * prefixed with a single quote by {@link SpreadsheetFormulaGuard}; the intake removes that prefix
 * again when the file is dropped back into the inbox. A character the charset cannot hold (only in
 * a message) is written as {@code ?}. The file is created on the first {@link #append}, never over an
 * existing file (its name was claimed free by the caller); with no rejected row there is no file. Each
 * row is flushed as it is written, so a crash loses no dead letter. Thread-safe.
 */
public final class DeadLetterWriter implements AutoCloseable {

    /** Columns appended after a source file's columns. */
    public static final List<String> EXTRA_COLUMNS = DeadLetterColumns.CURRENT.names();
    /** Characters of a raw line kept in {@code raw_line}: below the 32,767 a spreadsheet cell holds. */
    public static final int MAX_RAW_LINE = 32_000;
    /** Ending of a dead-letter file's name, after the run's base name. */
    public static final String SUFFIX = ".rejected.csv";

    private final Path target;
    private final List<String> header;
    private final DeadLetterDialect dialect;
    private final DeadLetterColumns columns;
    private CSVPrinter printer;
    private long count;
    private boolean closed;

    /**
     * A source file's dead letter.
     *
     * @param deadLetterDir  the directory to write into (created on first append), e.g. {@code outbox/dead-letter}
     * @param baseName       the file's name before {@value #SUFFIX} (e.g. {@code contacts.csv-run3}); no path separators
     * @param header         the source file's header cells, in file order
     * @param dialect        how the file is written: the source's delimiter, charset and byte order mark
     * @throws IllegalArgumentException when {@code baseName} is not a plain file name
     */
    public DeadLetterWriter(Path deadLetterDir, String baseName, List<String> header, DeadLetterDialect dialect) {
        this(deadLetterDir, baseName, header, dialect, DeadLetterColumns.CURRENT);
    }

    /**
     * The dead letter of a list crm-bridge builds itself (the scored clients of a push): UTF-8, {@code ,},
     * the columns of {@code header} followed by {@code row_number, error_code, error_message}.
     */
    public DeadLetterWriter(Path deadLetterDir, String baseName, List<String> header) {
        this(deadLetterDir, baseName, header, DeadLetterDialect.UTF8_COMMA, DeadLetterColumns.LEGACY);
    }

    private DeadLetterWriter(Path deadLetterDir, String baseName, List<String> header, DeadLetterDialect dialect,
                             DeadLetterColumns columns) {
        Objects.requireNonNull(deadLetterDir, "deadLetterDir");
        if (baseName == null || baseName.isBlank() || baseName.contains("/")
                || baseName.contains("\\") || baseName.equals("..") || baseName.equals(".")) {
            throw new IllegalArgumentException("dead-letter base name must be a plain file name: '" + baseName + "'");
        }
        this.target = deadLetterDir.resolve(baseName + SUFFIX);
        this.header = List.copyOf(header);
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.columns = columns;
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
        List<String> source = new ArrayList<>(Math.max(header.size(), row.values().size()));
        source.addAll(row.values());
        while (source.size() < header.size()) {
            source.add("");
        }
        List<String> cells = new ArrayList<>(source.size() + columns.size());
        source.forEach(v -> cells.add(SpreadsheetFormulaGuard.neutralise(v)));
        for (String column : columns.names()) {
            cells.add(switch (column) {
                case "row_number" -> Long.toString(row.rowNumber());
                case "line_number" -> row.lineNumber() > 0 ? Long.toString(row.lineNumber()) : "";
                case "error_code" -> issue.code().name();
                case "error_message" -> SpreadsheetFormulaGuard.neutralise(issue.message());
                case "raw_line" -> SpreadsheetFormulaGuard.neutralise(rawLine(row.rawLine()));
                case "row_checksum" -> DeadLetterColumns.checksum(source);
                default -> throw new IllegalStateException("unknown dead-letter column " + column);
            });
        }
        printer.printRecord(cells);
        printer.flush();
        count++;
    }

    private static String rawLine(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.length() <= MAX_RAW_LINE ? raw : raw.substring(0, MAX_RAW_LINE);
    }

    private CSVPrinter open() throws IOException {
        Files.createDirectories(target.getParent());
        // OutputStreamWriter writes '?' for a character the charset cannot hold instead of failing the row
        Writer writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(target,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                dialect.charset()));
        if (dialect.bom()) {
            writer.write('\uFEFF');
        }
        List<String> names = new ArrayList<>(header.size() + columns.size());
        header.forEach(h -> names.add(SpreadsheetFormulaGuard.neutralise(h)));
        names.addAll(columns.names());
        CSVPrinter p = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setDelimiter(dialect.delimiter()).get());
        p.printRecord(names);
        return p;
    }

    /** Whether {@code header} is the header of a dead-letter file: it ends with crm-bridge's added columns. */
    public static boolean isDeadLetterHeader(List<String> header) {
        return DeadLetterColumns.of(header).isPresent();
    }

    /** The dead-letter file, once the first row was appended. */
    public synchronized Optional<Path> file() {
        return printer == null ? Optional.empty() : Optional.of(target);
    }

    /** The dialect the file is written in. */
    public DeadLetterDialect dialect() {
        return dialect;
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
