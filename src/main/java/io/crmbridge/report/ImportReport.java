package io.crmbridge.report;

import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.LineCounts;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.Outcome;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread-safe accumulator of what happened to one file's import (R1). Route steps on any thread
 * call the counting methods; at the end of the file the flow calls {@link #finish(Instant)},
 * {@link #checkAccounting()} and hands the report to {@link JsonReportWriter},
 * {@link HtmlReportWriter} and {@link SummaryLine}.
 *
 * <p>Accounting (PRODUCT.md "Promises"): every row read ends in exactly one {@link Outcome}, so
 * {@link #rowRead()} and {@link #outcome(Outcome)} are called once each per data row. Records a row
 * implies besides its own (a ticket row's contact) are counted apart with
 * {@link #secondaryOutcome(ObjectType, Outcome)} and do not take part in the accounting.
 *
 * <p>Data-quality score: {@code 100 * (rowsRead - rejected - rowsWithWarnings) / rowsRead}, in
 * percent with one decimal, where {@code rowsWithWarnings} counts rows that were not rejected but
 * had at least one optional value dropped ({@link #rowHadWarnings()}). Undefined (empty) when no
 * row was read.
 */
public final class ImportReport {

    /** How many codes {@link #topErrors()} lists. */
    public static final int TOP_ERRORS = 5;

    private final String file;
    private final ObjectType objectType;
    private final String charset;
    private final String delimiter;
    private final boolean dryRun;
    private final Instant startedAt;

    private final LongAdder rowsRead = new LongAdder();
    private final LongAdder rowsWithWarnings = new LongAdder();
    private final LongAdder[] outcomes = newCounters();
    private final ConcurrentMap<ObjectType, LongAdder[]> secondary = new ConcurrentHashMap<>();
    private final ConcurrentMap<ErrorCode, LongAdder> errors = new ConcurrentHashMap<>();
    private final ConcurrentMap<ErrorCode, LongAdder> warnings = new ConcurrentHashMap<>();
    private final ConcurrentMap<ErrorCode, String> errorSamples = new ConcurrentHashMap<>();
    private final LongAdder associationsCreated = new LongAdder();
    private final AtomicLong associationsPending = new AtomicLong();
    private final LongAdder requests = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private volatile List<String> unmappedColumns = List.of();
    private volatile List<String> duplicateColumns = List.of();
    private final List<UnknownProperty> unknownProperties = new CopyOnWriteArrayList<>();
    private final List<ValidationRulesRead> validationRules = new CopyOnWriteArrayList<>();
    private final java.util.Queue<RowChanges> propertyChanges = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile String dateOrder;
    private volatile NumberFormatUsed numberFormat;
    private volatile String deadLetterFile;
    private volatile Long runId;
    private volatile String reportName;
    private volatile Instant finishedAt;
    private volatile List<Long> interruptedRuns = List.of();
    private volatile io.crmbridge.hubspot.DailyUsage dailyUsage;
    private volatile long estimatedRequests;
    private volatile LineCounts lines;
    /** Each row's outcome by row number, kept only after {@link #keepRowOutcomes()}; null otherwise. */
    private volatile ConcurrentMap<Long, RowOutcome> rowOutcomes;

    /**
     * @param file       the source file name as shown in reports (e.g. {@code contacts.csv})
     * @param objectType the object type the file imports
     * @param charset    the detected charset name (e.g. {@code UTF-8})
     * @param delimiter  the detected delimiter, as text (e.g. {@code ","} or {@code "\t"})
     * @param dryRun     true when nothing is sent to HubSpot (L7)
     * @param startedAt  when the import of the file began
     */
    public ImportReport(String file, ObjectType objectType, String charset, String delimiter, boolean dryRun,
                        Instant startedAt) {
        this.file = Objects.requireNonNull(file, "file");
        this.objectType = Objects.requireNonNull(objectType, "objectType");
        this.charset = charset;
        this.delimiter = delimiter;
        this.dryRun = dryRun;
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    }

    private static LongAdder[] newCounters() {
        LongAdder[] counters = new LongAdder[Outcome.values().length];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new LongAdder();
        }
        return counters;
    }

    /**
     * The property changes a preview found for one row that would update a record (U2).
     *
     * @param row     the row's number in the file (data rows from 1)
     * @param key     the record's natural key
     * @param changes each property whose value would change, HubSpot's value first
     */
    public record RowChanges(long row, String key, List<io.crmbridge.model.PropertyChange> changes) {
    }

    /** Records the property changes of a row a dry run counts UPDATED (U2). */
    public void propertyChanges(long row, String key, List<io.crmbridge.model.PropertyChange> changes) {
        propertyChanges.add(new RowChanges(row, key, List.copyOf(changes)));
    }

    /** The rows a dry run counted UPDATED with their property changes, by row number. */
    public List<RowChanges> propertyChanges() {
        return propertyChanges.stream().sorted(java.util.Comparator.comparingLong(RowChanges::row)).toList();
    }

    /** Counts one data row read (the header is not a row). */
    public void rowRead() {
        rowsRead.increment();
    }

    /** Counts the one outcome of a row read; call exactly once per {@link #rowRead()}. */
    public void outcome(Outcome outcome) {
        outcomes[outcome.ordinal()].increment();
    }

    /**
     * One row's outcome, as the report lists it when it keeps them ({@link #keepRowOutcomes()}).
     *
     * @param row     the row's number in the file (data rows from 1)
     * @param outcome what became of the row
     * @param code    the reason code of a rejected or failed row, else null
     * @param reason  the reason's message of a rejected or failed row, else null
     */
    public record RowOutcome(long row, Outcome outcome, ErrorCode code, String reason) {
    }

    /**
     * Makes the report list each row's outcome ({@code rows} in {@link #toMap()}): for a small post of rows, answered
     * with them (docs/http-intake.md). Call before the first row; a file's report never holds them.
     */
    public void keepRowOutcomes() {
        rowOutcomes = new ConcurrentHashMap<>();
    }

    /**
     * Counts the one outcome of row {@code row} ({@link #outcome(Outcome)}) and lists it when the report keeps row
     * outcomes.
     *
     * @param issue why a rejected or failed row ended so, else null
     */
    public void outcome(long row, Outcome outcome, io.crmbridge.model.Issue issue) {
        outcome(outcome);
        ConcurrentMap<Long, RowOutcome> kept = rowOutcomes;
        if (kept != null) {
            kept.put(row, new RowOutcome(row, outcome, issue == null ? null : issue.code(),
                    issue == null ? null : issue.message()));
        }
    }

    /** The rows' outcomes by row number when the report keeps them ({@link #keepRowOutcomes()}), else empty. */
    public List<RowOutcome> rowOutcomes() {
        ConcurrentMap<Long, RowOutcome> kept = rowOutcomes;
        return kept == null ? List.of()
                : kept.values().stream().sorted(Comparator.comparingLong(RowOutcome::row)).toList();
    }

    /** Counts a rejected or failed row under its reason code ({@code errorsByCode}). */
    public void error(ErrorCode code) {
        errors.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** Counts a dropped optional value under its reason code ({@code warningsByCode}). */
    public void warning(ErrorCode code) {
        warnings.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /**
     * Counts a row that was not rejected but had at least one warning; used by the data-quality
     * score. Call at most once per row, and not for rejected rows (they already count as unclean).
     */
    public void rowHadWarnings() {
        rowsWithWarnings.increment();
    }

    /** Keeps the first message seen for a code, shown as the example in "top errors". */
    public void errorSample(ErrorCode code, String message) {
        if (message != null) {
            errorSamples.putIfAbsent(code, message);
        }
    }

    /** Counts the outcome of a record a row implies besides its own (a ticket row's contact). */
    public void secondaryOutcome(ObjectType type, Outcome outcome) {
        secondary.computeIfAbsent(type, t -> newCounters())[outcome.ordinal()].increment();
    }

    /** Adds {@code n} associations created in HubSpot. */
    public void associationsCreated(int n) {
        associationsCreated.add(n);
    }

    /** Sets (does not add) the number of links still waiting for their target (E3). */
    public void associationsPending(long n) {
        associationsPending.set(n);
    }

    /** Counts one HTTP request sent to HubSpot. */
    public void request() {
        requests.increment();
    }

    /** Counts one redelivery of a request. */
    public void retry() {
        retries.increment();
    }

    /** Counts one 429 response received. */
    public void rateLimited() {
        rateLimited.increment();
    }

    /** Sets the header columns that no mapping claimed. */
    public void unmappedColumns(List<String> columns) {
        this.unmappedColumns = List.copyOf(columns);
    }

    /**
     * Sets the header columns that were ignored because an earlier column feeds the same field
     * (duplicated header names such as two {@code Email} columns: the first one wins).
     */
    public void duplicateColumns(List<String> columns) {
        this.duplicateColumns = List.copyOf(columns);
    }

    /**
     * Records a mapped property the portal does not have (V7 preflight): its values were left out
     * of every record of the file. Call once per property and file.
     *
     * @param column the file's column that fills it, or null when no column does (a value crm-bridge sets itself)
     */
    public void unknownProperty(ObjectType type, String column, String property) {
        unknownProperties.add(new UnknownProperty(type, column, property));
    }

    /**
     * Records how the preflight read an object type's property validation rules (P1): once per type and file.
     *
     * @param read    whether they were read (when not, rows of the type were sent without checking them)
     * @param rules   how many rules the portal has for the type (0 when not read)
     * @param checked how many of them crm-bridge checks before the write
     * @param reason  why they were not read, or null
     */
    public void propertyValidations(ObjectType type, boolean read, int rules, int checked, String reason) {
        validationRules.add(new ValidationRulesRead(type, read, rules, checked, reason));
    }

    /** Sets the date order detected for ambiguous dates (e.g. {@code DMY}). */
    public void detectedDateOrder(String order) {
        this.dateOrder = order;
    }

    /** Sets the number convention the file was read in. */
    public void numberFormat(NumberFormatUsed format) {
        this.numberFormat = format;
    }

    /**
     * The account's daily usage read before the file was sent, and the requests the file was estimated to send
     * (pipeline/DailyBudgetCheck, hubspot-api.md §10.4).
     */
    public void dailyUsage(io.crmbridge.hubspot.DailyUsage usage, long estimate) {
        this.dailyUsage = usage;
        this.estimatedRequests = estimate;
    }

    /** The daily usage read before the file was sent; null when it was not read. */
    public io.crmbridge.hubspot.DailyUsage dailyUsage() {
        return dailyUsage;
    }

    /** The requests the file was estimated to send (0 when the daily usage was not read). */
    public long estimatedRequests() {
        return estimatedRequests;
    }

    /**
     * The ids of earlier runs of the same content that were interrupted (process killed or stopped) before they
     * finished: this run imports their rows again and is the only report accounting for them.
     */
    public void interruptedRuns(List<Long> runIds) {
        this.interruptedRuns = List.copyOf(runIds);
    }

    public List<Long> interruptedRuns() {
        return interruptedRuns;
    }

    /**
     * Names the run this report is written for: its number in the ledger and the base name of its files
     * ({@link RunFiles}: {@code <file>-run<N>}, with a {@code -2}, {@code -3} ... suffix when an earlier run left
     * files under that name).
     */
    public void named(long runId, String reportName) {
        this.runId = runId;
        this.reportName = reportName;
    }

    /** Sets the dead-letter file path, relative to the outbox, when one was written. */
    public void deadLetterFile(String relativePath) {
        this.deadLetterFile = relativePath;
    }

    /** Records where the file's physical lines went, once its last row was read (line accounting). */
    public void lines(LineCounts counts) {
        this.lines = counts;
    }

    public Optional<LineCounts> lines() {
        return Optional.ofNullable(lines);
    }

    /** Marks the end of the import; duration and throughput are measured up to this instant. */
    public void finish(Instant finishedAt) {
        this.finishedAt = Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /**
     * Checks rows read = created + updated + unchanged + rejected + failed and, when the line counts
     * were recorded, lines read = header + blank + lines in rows, with the reader's rows equal to the
     * rows read (so that no physical line of the file went unaccounted).
     *
     * @throws AccountingMismatchException when they differ; the message gives every number
     */
    public void checkAccounting() {
        long read = rowsRead();
        long sum = 0;
        StringBuilder parts = new StringBuilder();
        for (Outcome o : Outcome.values()) {
            long n = count(o);
            sum += n;
            if (parts.length() > 0) {
                parts.append(" + ");
            }
            parts.append(name(o)).append(' ').append(n);
        }
        if (sum != read) {
            throw new AccountingMismatchException("accounting mismatch for " + file + ": rows read " + read
                    + " != " + parts + " = " + sum);
        }
        LineCounts counted = lines;
        Optional<String> lineMismatch = counted == null ? Optional.empty() : counted.mismatch(rowsRead());
        if (lineMismatch.isPresent()) {
            throw new AccountingMismatchException("line accounting mismatch for " + file + ": " + lineMismatch.get());
        }
    }

    public String file() {
        return file;
    }

    public ObjectType objectType() {
        return objectType;
    }

    public String charset() {
        return charset;
    }

    public String delimiter() {
        return delimiter;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Empty until {@link #finish(Instant)} was called. */
    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    public long rowsRead() {
        return rowsRead.sum();
    }

    public long rowsWithWarnings() {
        return rowsWithWarnings.sum();
    }

    /** Rows whose own record ended in {@code o}. */
    public long count(Outcome o) {
        return outcomes[o.ordinal()].sum();
    }

    /** Outcome counts of implied records, per type that occurred (enum order). */
    public Map<ObjectType, Map<Outcome, Long>> secondaryOutcomes() {
        Map<ObjectType, Map<Outcome, Long>> result = new EnumMap<>(ObjectType.class);
        secondary.forEach((type, counters) -> {
            Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
            for (Outcome o : Outcome.values()) {
                counts.put(o, counters[o.ordinal()].sum());
            }
            result.put(type, counts);
        });
        return result;
    }

    /** Rejected/failed rows per code, in enum order; a snapshot. */
    public Map<ErrorCode, Long> errorsByCode() {
        return snapshot(errors);
    }

    /** Dropped optional values per code, in enum order; a snapshot. */
    public Map<ErrorCode, Long> warningsByCode() {
        return snapshot(warnings);
    }

    private static Map<ErrorCode, Long> snapshot(Map<ErrorCode, LongAdder> counters) {
        Map<ErrorCode, Long> result = new EnumMap<>(ErrorCode.class);
        counters.forEach((code, n) -> result.put(code, n.sum()));
        return result;
    }

    /** The first message recorded for a code, if any. */
    public Optional<String> errorSample(ErrorCode code) {
        return Optional.ofNullable(errorSamples.get(code));
    }

    /**
     * The {@value #TOP_ERRORS} most frequent error codes, most frequent first (ties in enum order),
     * each with its first recorded message (null when none was recorded).
     */
    public List<TopError> topErrors() {
        List<TopError> top = new ArrayList<>();
        errorsByCode().forEach((code, n) -> top.add(new TopError(code, n, errorSamples.get(code))));
        top.sort(Comparator.comparingLong(TopError::count).reversed());
        return top.size() > TOP_ERRORS ? List.copyOf(top.subList(0, TOP_ERRORS)) : List.copyOf(top);
    }

    public long associationsCreated() {
        return associationsCreated.sum();
    }

    public long associationsPending() {
        return associationsPending.get();
    }

    public long requests() {
        return requests.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public long rateLimitedCount() {
        return rateLimited.sum();
    }

    public List<String> unmappedColumns() {
        return unmappedColumns;
    }

    /** The columns ignored because an earlier column feeds the same field, in file order. */
    public List<String> duplicateColumns() {
        return duplicateColumns;
    }

    /** The properties the portal does not have, in the order they were met. */
    public List<UnknownProperty> unknownProperties() {
        return List.copyOf(unknownProperties);
    }

    /** How each object type's property validation rules were read, in the order they were asked for. */
    public List<ValidationRulesRead> validationRules() {
        return List.copyOf(validationRules);
    }

    public Optional<String> dateOrder() {
        return Optional.ofNullable(dateOrder);
    }

    /** The number convention the file was read in; empty before the completion step set it. */
    public Optional<NumberFormatUsed> numberFormat() {
        return Optional.ofNullable(numberFormat);
    }

    public Optional<String> deadLetterFile() {
        return Optional.ofNullable(deadLetterFile);
    }

    /** Milliseconds from start to finish; 0 before {@link #finish(Instant)}. */
    public long durationMs() {
        Instant end = finishedAt;
        return end == null ? 0 : Math.max(0, Duration.between(startedAt, end).toMillis());
    }

    /**
     * Rows read per second over {@link #durationMs()}, one decimal; 0 before the import finished.
     * A duration under 1 ms counts as 1 ms so that the figure stays finite.
     */
    public double rowsPerSecond() {
        if (finishedAt == null) {
            return 0.0;
        }
        return round1(rowsRead() * 1000.0 / Math.max(1, durationMs()));
    }

    /** The data-quality score in percent with one decimal (formula in the class comment); empty for 0 rows. */
    public OptionalDouble dataQualityScore() {
        long read = rowsRead();
        if (read == 0) {
            return OptionalDouble.empty();
        }
        long clean = Math.max(0, read - count(Outcome.REJECTED) - rowsWithWarnings());
        return OptionalDouble.of(round1(100.0 * clean / read));
    }

    private static double round1(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    /** Lower-case name of an outcome as used in the JSON document and the summary line. */
    static String name(Outcome o) {
        return o.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The JSON report document, keys in a fixed order: {@code file, runId, reportName, objectType, charset, delimiter,
     * dryRun, rowsRead, lines, outcomes, secondary, associations, requests, retries, rateLimited, durationMs,
     * rowsPerSecond, dataQualityScore, rowsWithWarnings, errorsByCode, warningsByCode, topErrors,
     * unmappedColumns, duplicateColumns, preflight, dateOrder, numberFormat, deadLetterFile, interruptedRuns,
     * propertyChanges, dailyUsage, startedAt, finishedAt}; {@code propertyChanges} is {@code [{row, key, changes:
     * [{property, from, to}]}]}, every row a dry run counts UPDATED (empty for an import); {@code dailyUsage} is {@code {usageLimit, currentUsage, resetsAt,
     * estimatedRequests, unknown}} ({@code unknown}: why HubSpot's count is not known, else null) or null when
     * it was not read;
     * {@code preflight} is {@code {unknownProperties: [{objectType, column, property}], propertyValidations:
     * [{objectType, read, rules, checked, reason}]}}, {@code numberFormat} is
     * {@link NumberFormatUsed#toMap()} {@code {decimalSeparator, thousandsSeparator, proven, proof}}. {@code lines} is
     * {@code {read, header, blank, inRows}}: every physical line of the file is the header's, blank, or in a row (a
     * malformed line is a row of its own). Instants are ISO-8601 strings; absent values are null. Values are plain
     * maps, lists, strings, numbers and booleans.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", file);
        doc.put("runId", runId);
        doc.put("reportName", reportName);
        doc.put("objectType", objectType.pathName());
        doc.put("charset", charset);
        doc.put("delimiter", delimiter);
        doc.put("dryRun", dryRun);
        doc.put("rowsRead", rowsRead());
        LineCounts counted = lines;
        doc.put("lines", counted == null ? null : counted.toMap());
        Map<Outcome, Long> own = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            own.put(o, count(o));
        }
        doc.put("outcomes", outcomeMap(own));
        Map<String, Object> sec = new LinkedHashMap<>();
        secondaryOutcomes().forEach((type, counts) -> sec.put(type.pathName(), outcomeMap(counts)));
        doc.put("secondary", sec);
        Map<String, Object> assoc = new LinkedHashMap<>();
        assoc.put("created", associationsCreated());
        assoc.put("pending", associationsPending());
        doc.put("associations", assoc);
        doc.put("requests", requests());
        doc.put("retries", retries());
        doc.put("rateLimited", rateLimitedCount());
        doc.put("durationMs", durationMs());
        doc.put("rowsPerSecond", rowsPerSecond());
        OptionalDouble quality = dataQualityScore();
        doc.put("dataQualityScore", quality.isPresent() ? quality.getAsDouble() : null);
        doc.put("rowsWithWarnings", rowsWithWarnings());
        doc.put("errorsByCode", codeMap(errorsByCode()));
        doc.put("warningsByCode", codeMap(warningsByCode()));
        List<Map<String, Object>> top = new ArrayList<>();
        for (TopError e : topErrors()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("code", e.code().name());
            entry.put("count", e.count());
            entry.put("example", e.example());
            top.add(entry);
        }
        doc.put("topErrors", top);
        doc.put("unmappedColumns", unmappedColumns);
        doc.put("duplicateColumns", duplicateColumns);
        List<Map<String, Object>> unknown = new ArrayList<>();
        for (UnknownProperty u : unknownProperties) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("objectType", u.objectType().pathName());
            entry.put("column", u.column());
            entry.put("property", u.property());
            unknown.add(entry);
        }
        List<Map<String, Object>> rules = new ArrayList<>();
        for (ValidationRulesRead v : validationRules) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("objectType", v.objectType().pathName());
            entry.put("read", v.read());
            entry.put("rules", v.rules());
            entry.put("checked", v.checked());
            entry.put("reason", v.reason());
            rules.add(entry);
        }
        Map<String, Object> preflight = new LinkedHashMap<>();
        preflight.put("unknownProperties", unknown);
        preflight.put("propertyValidations", rules);
        doc.put("preflight", preflight);
        doc.put("dateOrder", dateOrder);
        NumberFormatUsed numbers = numberFormat;
        doc.put("numberFormat", numbers == null ? null : numbers.toMap());
        doc.put("deadLetterFile", deadLetterFile);
        doc.put("interruptedRuns", interruptedRuns);
        doc.put("propertyChanges", propertyChangesList(propertyChanges()));
        doc.put("dailyUsage", dailyUsageMap());
        if (rowOutcomes != null) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RowOutcome r : rowOutcomes()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("row", r.row());
                entry.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
                entry.put("code", r.code() == null ? null : r.code().name());
                entry.put("reason", r.reason());
                rows.add(entry);
            }
            doc.put("rows", rows);
        }
        doc.put("startedAt", startedAt.toString());
        Instant end = finishedAt;
        doc.put("finishedAt", end == null ? null : end.toString());
        return doc;
    }

    /** {@code [{row, key, changes: [{property, from, to}]}]}, as the JSON report and the HTML report show them. */
    static List<Map<String, Object>> propertyChangesList(List<RowChanges> rows) {
        List<Map<String, Object>> list = new ArrayList<>(rows.size());
        for (RowChanges r : rows) {
            List<Map<String, Object>> changes = new ArrayList<>();
            for (io.crmbridge.model.PropertyChange c : r.changes()) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("property", c.property());
                change.put("from", c.from());
                change.put("to", c.to());
                changes.add(change);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("row", r.row());
            entry.put("key", r.key());
            entry.put("changes", changes);
            list.add(entry);
        }
        return list;
    }

    private Map<String, Object> dailyUsageMap() {
        io.crmbridge.hubspot.DailyUsage usage = dailyUsage;
        if (usage == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("usageLimit", usage.usageLimit());
        m.put("currentUsage", usage.currentUsage());
        m.put("resetsAt", usage.resetsAt() == null ? null : usage.resetsAt().toString());
        m.put("estimatedRequests", estimatedRequests);
        m.put("unknown", usage.unknownReason());
        return m;
    }

    private static Map<String, Object> outcomeMap(Map<Outcome, Long> counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            m.put(name(o), counts.getOrDefault(o, 0L));
        }
        return m;
    }

    private static Map<String, Object> codeMap(Map<ErrorCode, Long> counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        counts.forEach((code, n) -> m.put(code.name(), n));
        return m;
    }

    /**
     * One entry of "top errors".
     *
     * @param code    the reason code
     * @param count   how many rows carried it
     * @param example the first message recorded for it, or null
     */
    public record TopError(ErrorCode code, long count, String example) {
    }

    /**
     * A property the preflight found missing from the portal (V7).
     *
     * @param objectType the type whose schema lacks it (contacts for a ticket row's contact)
     * @param column     the file's column that fills it, or null
     * @param property   the HubSpot property name
     */
    public record UnknownProperty(ObjectType objectType, String column, String property) {
    }

    /**
     * How the preflight read one object type's property validation rules (P1).
     *
     * @param objectType the type (contacts for a ticket row's contact)
     * @param read       whether they were read
     * @param rules      how many rules the portal has for the type; 0 when not read
     * @param checked    how many of them crm-bridge checks before the write
     * @param reason     why they were not read, or null
     */
    public record ValidationRulesRead(ObjectType objectType, boolean read, int rules, int checked, String reason) {
    }
}
