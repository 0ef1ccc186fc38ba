package io.crmbridge.sales.store;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * The bookkeeping columns of a client or product row (migration V3): the hash of its normalised values (an
 * unchanged row is not written again), the import that last wrote it ({@code sales_import.id}) and when.
 */
@MappedSuperclass
public abstract class ImportedMasterData {

    @Column(name = "content_hash", nullable = false)
    private String contentHash;
    @Column(name = "import_id", nullable = false)
    private long importId;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ImportedMasterData() {
    }

    protected ImportedMasterData(String contentHash, long importId, Instant updatedAt) {
        this.contentHash = contentHash;
        this.importId = importId;
        this.updatedAt = updatedAt;
    }

    /** The hash of the row's normalised values, which identifies them. */
    public String getContentHash() {
        return contentHash;
    }
}
