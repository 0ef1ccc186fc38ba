package io.crmbridge.pipeline;

import io.crmbridge.hubspot.PortalReader.PortalRecord;
import io.crmbridge.hubspot.PortalSchema;
import io.crmbridge.intake.ColumnMapping;
import io.crmbridge.intake.CsvRowReader;
import io.crmbridge.intake.Dialect;
import io.crmbridge.model.ObjectType;
import io.crmbridge.report.DeadLetterWriter;
import io.crmbridge.report.ImportReport;
import io.crmbridge.report.ProgressMeter;
import io.crmbridge.validation.DateNormalizer;
import io.crmbridge.validation.DuplicateDetector;
import io.crmbridge.validation.NumberReader;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Everything that belongs to one inbox file while its rows flow: the open reader, the detected
 * dialect and mapping, the report, the dead-letter writer and the per-file rule state (date order,
 * number convention, duplicate detectors, the portal schema the preflight read for it). Carried on the exchange as property {@value #PROPERTY}.
 */
public final class FileImport {

    /** Exchange property name. */
    public static final String PROPERTY = "crmBridgeFileImport";

    private final long runId;
    private final String fileName;
    private final String reportBaseName;
    private final ObjectType type;
    private final Dialect dialect;
    private final ColumnMapping mapping;
    private final CsvRowReader reader;
    private final ImportReport report;
    private final DeadLetterWriter deadLetter;
    private final DateNormalizer dates;
    private final NumberReader numbers;
    private final ProgressMeter progress;
    private final boolean dryRun;
    private final Map<String, DuplicateDetector> duplicates = new ConcurrentHashMap<>();
    private final Set<String> unknownProperties = ConcurrentHashMap.newKeySet();
    private PortalSchema portalSchema;
    private volatile String abortReason;
    private volatile MappedBatches batches;
    private final java.util.concurrent.atomic.AtomicBoolean rowsTallied = new java.util.concurrent.atomic.AtomicBoolean();
    // natural key -> what the portal held when the batch was read ahead (PortalPrefetch); empty: no such record
    private final Map<String, Optional<PortalRecord>> prefetched =
            new ConcurrentHashMap<>();

    public FileImport(long runId, String fileName, String reportBaseName, ObjectType type, Dialect dialect,
                      ColumnMapping mapping, CsvRowReader reader, ImportReport report, DeadLetterWriter deadLetter,
                      DateNormalizer dates, NumberReader numbers, ProgressMeter progress, boolean dryRun) {
        this.runId = runId;
        this.fileName = fileName;
        this.reportBaseName = reportBaseName;
        this.type = type;
        this.dialect = dialect;
        this.mapping = mapping;
        this.reader = reader;
        this.report = report;
        this.deadLetter = deadLetter;
        this.dates = dates;
        this.numbers = numbers;
        this.progress = progress;
        this.dryRun = dryRun;
    }

    /** Keeps what a read ahead found for {@code keys}: the records of {@code held}, none for the other keys. */
    public void prefetched(Collection<String> keys,
                           Map<String, PortalRecord> held) {
        keys.forEach(k -> prefetched.put(k, Optional.ofNullable(held.get(k))));
    }

    /**
     * Takes what a read ahead found for {@code key} (it is then forgotten): the record, an empty Optional when the
     * portal had none, or null when the key was not read ahead.
     */
    public Optional<PortalRecord> takePrefetched(String key) {
        return prefetched.remove(key);
    }

    public long runId() {
        return runId;
    }

    public String fileName() {
        return fileName;
    }

    /** Base name of this run's report files in outbox/reports/. */
    public String reportBaseName() {
        return reportBaseName;
    }

    public ObjectType type() {
        return type;
    }

    public Dialect dialect() {
        return dialect;
    }

    public ColumnMapping mapping() {
        return mapping;
    }

    public CsvRowReader reader() {
        return reader;
    }

    public ImportReport report() {
        return report;
    }

    public DeadLetterWriter deadLetter() {
        return deadLetter;
    }

    public DateNormalizer dates() {
        return dates;
    }

    /** The file's number reader: its separators are settled by the file's own values. */
    public NumberReader numbers() {
        return numbers;
    }

    public ProgressMeter progress() {
        return progress;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** The file's duplicate detector for one kind of key ({@code email}, {@code domain} ...), created on first use. */
    public DuplicateDetector duplicates(String keyKind) {
        return duplicates.computeIfAbsent(keyKind, k -> new DuplicateDetector());
    }

    /**
     * The portal schema this file is checked against (V7), made by {@code reader} on first use and
     * kept for the rest of the file. When {@code reader} throws, nothing is kept and the next call
     * tries again.
     */
    public synchronized PortalSchema portalSchema(Supplier<PortalSchema> reader) {
        if (portalSchema == null) {
            portalSchema = reader.get();
        }
        return portalSchema;
    }

    /**
     * True the first time a property of {@code type} the portal does not have is met in this file,
     * false afterwards: such a property is reported once per file, not once per row.
     */
    public boolean firstMissingProperty(ObjectType type, String property) {
        return unknownProperties.add(type.pathName() + "." + property);
    }

    /** Stops sending for this file (HubSpot refused the token): later batches fail without a request. */
    public void abort(String reason) {
        abortReason = reason;
    }

    public boolean isAborted() {
        return abortReason != null;
    }

    /** Why sending stopped, or null. */
    public String abortReason() {
        return abortReason;
    }

    /**
     * True the first time only: a file's rows go into the metrics once, when it ends, whichever way it ends (a
     * refused token writes the report, then fails the file).
     */
    public boolean firstTally() {
        return rowsTallied.compareAndSet(false, true);
    }

    /** Remembers the batches the intake route iterates, so that a failed file can stop their read-ahead. */
    public void mappedBy(MappedBatches mapped) {
        this.batches = mapped;
    }

    /** Waits for the batches being read and mapped ahead, if any (see {@link MappedBatches#stop()}). */
    public void stopMapping() {
        MappedBatches mapped = batches;
        if (mapped != null) {
            mapped.stop();
        }
    }

    /** The header name of a mapped field, for messages ({@code Phone 1}); the field name when unmapped. */
    public String column(String field) {
        Integer i = mapping.indexByField().get(field);
        return i == null ? field : mapping.header().get(i);
    }
}
