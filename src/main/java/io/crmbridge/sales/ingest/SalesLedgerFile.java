package io.crmbridge.sales.ingest;

import io.crmbridge.intake.CsvRowReader;
import io.crmbridge.report.DeadLetterWriter;
import io.crmbridge.sales.LedgerFileKind;
import io.crmbridge.sales.report.SalesLedgerReport;
import io.crmbridge.validation.NumberReader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything that belongs to one ledger file while its rows flow: the import run and history ids,
 * the kind, the column index, the open reader, the report, the dead-letter writer, the number
 * reader (the file's decimal separator, settled by its values) and the keys seen so far (duplicates
 * inside the file). Carried on the exchange as property {@value #PROPERTY}.
 */
public final class SalesLedgerFile {

    /** Exchange property name. */
    public static final String PROPERTY = "crmBridgeSalesLedgerFile";

    private final long runId;
    private final long importId;
    private final String fileName;
    private final String reportBaseName;
    private final LedgerFileKind kind;
    private final Map<String, Integer> columns;
    private final CsvRowReader reader;
    private final SalesLedgerReport report;
    private final DeadLetterWriter deadLetter;
    private final NumberReader numbers;
    private final Map<String, Long> seenKeys = new ConcurrentHashMap<>();

    /**
     * @param runId      the ledger's import run (content hash, I1)
     * @param importId   the sales-ledger history row
     * @param fileName   the file's name
     * @param reportBaseName the base name of the run's reports and dead letters ({@link io.crmbridge.report.RunFiles})
     * @param kind       which export
     * @param columns    column name (trimmed, lower case) -> index
     * @param reader     the open reader, positioned after the header
     * @param report     the file's report
     * @param deadLetter the file's dead-letter writer
     * @param numbers    the file's own number reader
     */
    public SalesLedgerFile(long runId, long importId, String fileName, String reportBaseName, LedgerFileKind kind,
                           Map<String, Integer> columns, CsvRowReader reader, SalesLedgerReport report,
                           DeadLetterWriter deadLetter, NumberReader numbers) {
        this.runId = runId;
        this.importId = importId;
        this.fileName = fileName;
        this.reportBaseName = reportBaseName;
        this.kind = kind;
        this.columns = Map.copyOf(columns);
        this.reader = reader;
        this.report = report;
        this.deadLetter = deadLetter;
        this.numbers = numbers;
    }

    public long runId() {
        return runId;
    }

    public long importId() {
        return importId;
    }

    public String fileName() {
        return fileName;
    }

    public LedgerFileKind kind() {
        return kind;
    }

    public Map<String, Integer> columns() {
        return columns;
    }

    public CsvRowReader reader() {
        return reader;
    }

    public SalesLedgerReport report() {
        return report;
    }

    public DeadLetterWriter deadLetter() {
        return deadLetter;
    }

    /** The file's number reader: quantities and amounts in the convention the file's values prove. */
    public NumberReader numbers() {
        return numbers;
    }

    /** Base name of this file's report files in outbox/reports/ and of its dead letters (the main job's form). */
    public String reportBaseName() {
        return reportBaseName;
    }

    /**
     * The row number that first had {@code key} in this file, or null when {@code rowNumber} is the
     * first (and is now remembered as such).
     */
    public Long firstRowWith(String key, long rowNumber) {
        return seenKeys.putIfAbsent(key, rowNumber);
    }
}
