package io.crmbridge.sales.store;

import io.crmbridge.sales.LedgerOutcome;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;

/** The import history of the sales ledger: one row per file (W1); table {@code sales_import} (migration V3). */
@Entity
@Table(name = "sales_import")
public class SalesImport {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "import_run_id", nullable = false)
    private long importRunId;
    @Column(name = "file_name", nullable = false)
    private String fileName;
    @Column(nullable = false)
    private String kind;
    @Column(nullable = false)
    private String status;
    @Column(name = "rows_read", nullable = false)
    private long rowsRead;
    @Column(nullable = false)
    private long loaded;
    @Column(nullable = false)
    private long updated;
    @Column(nullable = false)
    private long unchanged;
    @Column(nullable = false)
    private long held;
    @Column(nullable = false)
    private long rejected;
    @Column(nullable = false)
    private long released;
    @Column(name = "report_path")
    private String reportPath;
    @Column(name = "started_at", nullable = false)
    private Instant startedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;

    protected SalesImport() {
    }

    /** A RUNNING import of {@code fileName}, of {@code kind} ({@code sales_lines}, {@code clients}, {@code products}). */
    public SalesImport(long importRunId, String fileName, String kind, Instant startedAt) {
        this.importRunId = importRunId;
        this.fileName = fileName;
        this.kind = kind;
        this.status = "RUNNING";
        this.startedAt = startedAt;
    }

    void finish(String status, long rowsRead, Map<LedgerOutcome, Long> outcomes, long released, String reportPath,
                Instant finishedAt) {
        this.status = status;
        this.rowsRead = rowsRead;
        this.loaded = outcomes.getOrDefault(LedgerOutcome.LOADED, 0L);
        this.updated = outcomes.getOrDefault(LedgerOutcome.UPDATED, 0L);
        this.unchanged = outcomes.getOrDefault(LedgerOutcome.UNCHANGED, 0L);
        this.held = outcomes.getOrDefault(LedgerOutcome.HELD, 0L);
        this.rejected = outcomes.getOrDefault(LedgerOutcome.REJECTED, 0L);
        this.released = released;
        this.reportPath = reportPath;
        this.finishedAt = finishedAt;
    }

    public Long getId() {
        return id;
    }

    public String getFileName() {
        return fileName;
    }

    public String getKind() {
        return kind;
    }

    public String getStatus() {
        return status;
    }

    public long getRowsRead() {
        return rowsRead;
    }

    public long getLoaded() {
        return loaded;
    }

    public long getHeld() {
        return held;
    }

    public long getRejected() {
        return rejected;
    }

    public long getReleased() {
        return released;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}
