package io.crmbridge.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One inbox file taken by the intake route; table {@code import_run} (migration V1). */
@Entity
@Table(name = "import_run")
@NamedQuery(name = ImportRun.COMPLETED, query = "select r from ImportRun r where r.contentHash = :h"
        + " and r.status = 'COMPLETED' and r.dryRun = false order by r.id")
@NamedQuery(name = ImportRun.RUNNING, query = "select r from ImportRun r where r.contentHash = :h"
        + " and r.status = 'RUNNING' and r.dryRun = :d order by r.id")
public class ImportRun {

    /** Named query: completed, non-dry-run runs of content hash {@code h}, oldest first. */
    static final String COMPLETED = "ImportRun.completed";
    /** Named query: runs of content hash {@code h} still RUNNING, dry or not as {@code d}, oldest first. */
    static final String RUNNING = "ImportRun.running";

    /**
     * Run states: RUNNING while rows flow, COMPLETED once the report is written, FAILED when the file could not be
     * processed, INTERRUPTED when the process stopped before the run ended (stopped between two batches, or found
     * still RUNNING when the same content was taken again after a crash): its rows are accounted by the run that
     * takes the content again; UNDONE once a COMPLETED run was undone (U1: the same content may then be imported
     * again).
     */
    public enum Status { RUNNING, COMPLETED, FAILED, INTERRUPTED, UNDONE }

    /**
     * The content hash of a run reserved for rows posted over HTTP until its file is taken ({@link Ledger#reserveRun}):
     * not a SHA-256 hex, so no content's runs (completed, running or interrupted) ever include it.
     */
    public static final String RESERVED_HASH = "reserved";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "file_name", nullable = false)
    private String fileName;
    @Column(name = "content_hash", nullable = false)
    private String contentHash;
    @Column(name = "object_type")
    private String objectType;
    @Column(nullable = false)
    private String status;
    @Column(name = "dry_run", nullable = false)
    private boolean dryRun;
    @Column(name = "rows_read", nullable = false)
    private long rowsRead;
    @Column(name = "report_path")
    private String reportPath;
    @Column(name = "started_at", nullable = false)
    private Instant startedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "owner_instance")
    private String ownerInstance;

    protected ImportRun() {
    }

    public ImportRun(String fileName, String contentHash, String objectType, boolean dryRun, Instant startedAt) {
        start(fileName, contentHash, objectType, dryRun, startedAt);
    }

    private void start(String fileName, String contentHash, String objectType, boolean dryRun, Instant startedAt) {
        this.fileName = fileName;
        this.contentHash = contentHash;
        this.objectType = objectType;
        this.dryRun = dryRun;
        this.status = Status.RUNNING.name();
        this.startedAt = startedAt;
    }

    public Long getId() {
        return id;
    }

    public String getFileName() {
        return fileName;
    }

    public String getContentHash() {
        return contentHash;
    }

    public Status getStatus() {
        return Status.valueOf(status);
    }

    public String getReportPath() {
        return reportPath;
    }

    /** HubSpot object type ({@code companies}, {@code contacts}, {@code tickets}) or sales-ledger file kind; null when unknown. */
    public String getObjectType() {
        return objectType;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    /** Rows read, set when the run ends (0 while it runs). */
    public long getRowsRead() {
        return rowsRead;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    /** The instance that runs or ran it (crm-bridge.cluster.instance-id); null when opened by a single instance. */
    public String getOwnerInstance() {
        return ownerInstance;
    }

    void ownedBy(String instanceId) {
        this.ownerInstance = instanceId;
    }

    void planReport(String reportPath) {
        this.reportPath = reportPath;
    }

    /**
     * Takes over a run reserved before its file was taken ({@link Ledger#reserveRun}): the file's name and content
     * hash, its object type and mode, this instance as owner, and the start of its import.
     */
    void adopt(String fileName, String contentHash, String objectType, boolean dryRun, Instant startedAt,
               String ownerInstance) {
        start(fileName, contentHash, objectType, dryRun, startedAt);
        this.ownerInstance = ownerInstance;
    }

    void finish(Status status, long rowsRead, String reportPath, Instant finishedAt) {
        this.status = status.name();
        this.rowsRead = rowsRead;
        this.reportPath = reportPath;
        this.finishedAt = finishedAt;
    }
}
