package io.crmbridge.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One contact sync run; table {@code sync_run} (migration V2). */
@Entity
@Table(name = "sync_run")
public class SyncRun {

    /** Full listing or incremental search (S1). */
    public enum Mode { FULL, INCREMENTAL }

    /**
     * RUNNING while pages flow; COMPLETED when everything was fetched; PARTIAL when the run ended early
     * or skipped a page but kept what it stored; FAILED when HubSpot refused the credentials (S4).
     */
    public enum Status { RUNNING, COMPLETED, PARTIAL, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private String mode;
    @Column(nullable = false)
    private String status;
    @Column(name = "started_at", nullable = false)
    private Instant startedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "contacts_synced", nullable = false)
    private long contactsSynced;
    @Column(nullable = false)
    private int pages;
    @Column(nullable = false)
    private int requests;
    @Column(nullable = false)
    private int errors;
    @Column(name = "error_message", length = 4000)
    private String errorMessage;
    @Column(name = "duration_ms", nullable = false)
    private long durationMs;
    private Instant watermark;
    @Column(name = "segment_counts", length = 2000)
    private String segmentCounts;

    protected SyncRun() {
    }

    public SyncRun(Mode mode, Instant startedAt) {
        this.mode = mode.name();
        this.status = Status.RUNNING.name();
        this.startedAt = startedAt;
    }

    /**
     * Ends a run its process never ended (ContactStore#closeAbandonedRuns): PARTIAL, as a run that ended early
     * and kept what it stored; its counters stay at 0 since they were only held in the dead process's memory.
     */
    void abandon(Instant now) {
        this.status = Status.PARTIAL.name();
        this.errors = 1;
        this.errorMessage = "the process running this sync stopped before the sync ended; found at " + now
                + " when the next sync started";
        this.watermark = null;
        this.finishedAt = now;
        this.durationMs = now.toEpochMilli() - startedAt.toEpochMilli();
    }

    void finish(Status status, SyncProgress progress, Instant finishedAt, String segmentCountsJson) {
        this.status = status.name();
        this.contactsSynced = progress.contacts();
        this.pages = progress.pages();
        this.requests = progress.requests();
        this.errors = progress.errors().size();
        String message = progress.errors().isEmpty() ? null : String.join("; ", progress.errors());
        this.errorMessage = message == null || message.length() <= 4000 ? message : message.substring(0, 3997) + "...";
        this.watermark = progress.watermark();
        this.finishedAt = finishedAt;
        this.durationMs = finishedAt.toEpochMilli() - startedAt.toEpochMilli();
        this.segmentCounts = segmentCountsJson;
    }

    public Long getId() {
        return id;
    }

    public Mode getMode() {
        return Mode.valueOf(mode);
    }

    public Status getStatus() {
        return Status.valueOf(status);
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public long getContactsSynced() {
        return contactsSynced;
    }

    public int getPages() {
        return pages;
    }

    public int getRequests() {
        return requests;
    }

    public int getErrors() {
        return errors;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    public long getDurationMs() {
        return durationMs;
    }

    /** The newest lastmodifieddate seen, or null when the run saw no contact. */
    public Instant getWatermark() {
        return watermark;
    }

    /** JSON object segment -> count, as of the end of the run. */
    public String getSegmentCounts() {
        return segmentCounts;
    }
}
