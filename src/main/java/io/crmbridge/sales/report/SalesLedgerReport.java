package io.crmbridge.sales.report;

import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.model.LineCounts;
import io.crmbridge.report.AccountingMismatchException;
import io.crmbridge.report.NumberFormatUsed;
import io.crmbridge.sales.LedgerFileKind;
import io.crmbridge.sales.LedgerOutcome;
import io.crmbridge.sales.scoring.ScoringSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one sales-ledger file (PRODUCT.md W1, W2): its rows' outcomes, reasons, held lines
 * and the scoring run that followed. Rows read = loaded + updated + unchanged + held + rejected,
 * checked by {@link #checkAccounting()} before the report is written. Methods are synchronized: the
 * route's steps may run on different threads, one after another.
 */
public final class SalesLedgerReport {

    private LineCounts lines;
    private final String file;
    private final LedgerFileKind kind;
    private final String charset;
    private final String delimiter;
    private final Instant startedAt;
    private long rowsRead;
    private long rowsWithWarnings;
    private final Map<LedgerOutcome, Long> outcomes = new EnumMap<>(LedgerOutcome.class);
    private final Map<ErrorCode, Long> errors = new EnumMap<>(ErrorCode.class);
    private final Map<ErrorCode, String> errorSamples = new EnumMap<>(ErrorCode.class);
    private final Map<ErrorCode, Long> warnings = new EnumMap<>(ErrorCode.class);
    private final List<HeldRow> held = new ArrayList<>();
    private long released;
    private long heldInLedger;
    private String deadLetterFile;
    private NumberFormatUsed numberFormat;
    private Long runId;
    private String reportName;
    private ScoringSummary scoring;
    private Map<String, Object> push;
    private Instant finishedAt;

    /**
     * @param file      the source file name
     * @param kind      which export it is
     * @param charset   the detected charset label
     * @param delimiter the detected delimiter
     * @param startedAt when the import began
     */
    public SalesLedgerReport(String file, LedgerFileKind kind, String charset, String delimiter, Instant startedAt) {
        this.file = Objects.requireNonNull(file, "file");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.charset = charset;
        this.delimiter = delimiter;
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    }

    /** Counts one data row read. */
    public synchronized void rowRead() {
        rowsRead++;
    }

    /** Counts the one outcome of a row; once per {@link #rowRead()}. */
    public synchronized void outcome(LedgerOutcome outcome) {
        outcomes.merge(outcome, 1L, Long::sum);
    }

    /** Counts a rejected row under its reason, keeping the first message as the example. */
    public synchronized void rejected(Issue issue) {
        errors.merge(issue.code(), 1L, Long::sum);
        errorSamples.putIfAbsent(issue.code(), issue.message());
    }

    /** Counts the warnings of a row that was not rejected (an optional value left out). */
    public synchronized void warnings(List<Issue> rowWarnings) {
        if (rowWarnings.isEmpty()) {
            return;
        }
        rowsWithWarnings++;
        rowWarnings.forEach(w -> warnings.merge(w.code(), 1L, Long::sum));
    }

    /** Records a held sales line: its row number and why it waits. */
    public synchronized void held(long rowNumber, String reason) {
        held.add(new HeldRow(rowNumber, reason));
    }

    /** Sets how many held lines this import released, and how many stay held in the ledger. */
    public synchronized void heldLines(long releasedNow, long stillHeld) {
        this.released = releasedNow;
        this.heldInLedger = stillHeld;
    }

    /** The ledger's run number and the base name of the run's files ({@link io.crmbridge.report.RunFiles}). */
    public synchronized void named(long runId, String reportName) {
        this.runId = runId;
        this.reportName = reportName;
    }

    public synchronized void deadLetterFile(String relativePath) {
        this.deadLetterFile = relativePath;
    }

    /** The number convention the file was read in. */
    public synchronized void numberFormat(NumberFormatUsed format) {
        this.numberFormat = format;
    }

    /** The number convention the file was read in; empty before the completion step set it. */
    public synchronized Optional<NumberFormatUsed> numberFormat() {
        return Optional.ofNullable(numberFormat);
    }

    /** The scoring run after this import. */
    public synchronized void scoring(ScoringSummary summary) {
        this.scoring = summary;
    }

    /**
     * The push of the scored clients to HubSpot and Brevo after this import (W3): its counts
     * ({@link io.crmbridge.push.PushResult#toMap()}), or {@code {"error": message}} when it stopped.
     */
    public synchronized void push(Map<String, Object> section) {
        this.push = section;
    }

    public synchronized void finish(Instant at) {
        this.finishedAt = at;
    }

    /** Records where the file's physical lines went, once its last row was read (line accounting). */
    public synchronized void lines(LineCounts counts) {
        this.lines = counts;
    }

    /**
     * @throws AccountingMismatchException when the outcomes do not add up to the rows read, or the
     *                                     recorded line counts do not account for every line
     */
    public synchronized void checkAccounting() {
        long sum = outcomes.values().stream().mapToLong(Long::longValue).sum();
        if (sum != rowsRead) {
            throw new AccountingMismatchException("accounting mismatch for " + file + ": rows read " + rowsRead
                    + " != " + outcomeMap() + " = " + sum);
        }
        Optional<String> lineMismatch = lines == null ? Optional.empty() : lines.mismatch(rowsRead);
        if (lineMismatch.isPresent()) {
            throw new AccountingMismatchException("line accounting mismatch for " + file + ": " + lineMismatch.get());
        }
    }

    public String file() {
        return file;
    }

    public LedgerFileKind kind() {
        return kind;
    }

    public synchronized long rowsRead() {
        return rowsRead;
    }

    public synchronized long count(LedgerOutcome outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    /** Outcome counts in enum order, zeros included. */
    public synchronized Map<LedgerOutcome, Long> outcomes() {
        Map<LedgerOutcome, Long> m = new EnumMap<>(LedgerOutcome.class);
        for (LedgerOutcome o : LedgerOutcome.values()) {
            m.put(o, count(o));
        }
        return m;
    }

    public synchronized long released() {
        return released;
    }

    public synchronized ScoringSummary scoring() {
        return scoring;
    }

    private Map<String, Object> outcomeMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        outcomes().forEach((o, n) -> m.put(o.name().toLowerCase(Locale.ROOT), n));
        return m;
    }

    /**
     * The JSON document: {@code file, runId, reportName, kind, charset, delimiter, rowsRead, outcomes {loaded, updated,
     * unchanged, held, rejected}, rowsWithWarnings, errorsByCode, warningsByCode, topErrors [{code,
     * count, example}], heldRows [{row, reason}], heldLines {released, stillHeld}, scoring
     * {referenceDate, clientsScored, segments {name: count}, coPurchaseRecommendations,
     * rebuySuggestions, averageDiversity}, push {clients, dryRun, hubspot {outcome: n}, brevo {outcome: n},
     * brevoLists, deadLetters, deadLetterFile, error} (null when no push ran), numberFormat
     * {decimalSeparator, thousandsSeparator, proven, proof} ({@link NumberFormatUsed#toMap()}),
     * deadLetterFile, durationMs, startedAt, finishedAt}.
     */
    public synchronized Map<String, Object> toMap() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", file);
        doc.put("runId", runId);
        doc.put("reportName", reportName);
        doc.put("kind", kind.label());
        doc.put("charset", charset);
        doc.put("delimiter", delimiter);
        doc.put("rowsRead", rowsRead);
        doc.put("lines", lines == null ? null : lines.toMap());
        doc.put("outcomes", outcomeMap());
        doc.put("rowsWithWarnings", rowsWithWarnings);
        Map<String, Object> errorMap = new LinkedHashMap<>();
        errors.forEach((c, n) -> errorMap.put(c.name(), n));
        doc.put("errorsByCode", errorMap);
        Map<String, Object> warningMap = new LinkedHashMap<>();
        warnings.forEach((c, n) -> warningMap.put(c.name(), n));
        doc.put("warningsByCode", warningMap);
        List<Map<String, Object>> top = new ArrayList<>();
        errors.entrySet().stream().sorted(Map.Entry.<ErrorCode, Long>comparingByValue().reversed()).forEach(e -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("code", e.getKey().name());
            entry.put("count", e.getValue());
            entry.put("example", errorSamples.get(e.getKey()));
            top.add(entry);
        });
        doc.put("topErrors", top);
        List<Map<String, Object>> heldRows = new ArrayList<>();
        for (HeldRow h : held) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("row", h.rowNumber());
            entry.put("reason", h.reason());
            heldRows.add(entry);
        }
        doc.put("heldRows", heldRows);
        Map<String, Object> heldLines = new LinkedHashMap<>();
        heldLines.put("released", released);
        heldLines.put("stillHeld", heldInLedger);
        doc.put("heldLines", heldLines);
        doc.put("scoring", scoring == null ? null : scoring.toMap());
        doc.put("push", push);
        doc.put("numberFormat", numberFormat == null ? null : numberFormat.toMap());
        doc.put("deadLetterFile", deadLetterFile);
        doc.put("durationMs", finishedAt == null ? 0 : Duration.between(startedAt, finishedAt).toMillis());
        doc.put("startedAt", startedAt.toString());
        doc.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
        return doc;
    }

    /**
     * A sales line held because its client or product is unknown.
     *
     * @param rowNumber its data row number in the file
     * @param reason    which reference is missing
     */
    public record HeldRow(long rowNumber, String reason) {
    }
}
