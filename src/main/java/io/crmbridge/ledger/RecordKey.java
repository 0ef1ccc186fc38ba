package io.crmbridge.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A natural key (or alias) mapped to its HubSpot record id, the hash of the properties last sent
 * (L6) and the hash of the links stored with it; table {@code record_key}.
 */
@Entity
@Table(name = "record_key")
@IdClass(RecordKey.Id.class)
public class RecordKey {

    /** Composite primary key: object type and natural key. */
    public static class Id implements Serializable {
        private String objectType;
        private String naturalKey;

        protected Id() {
        }

        public Id(String objectType, String naturalKey) {
            this.objectType = objectType;
            this.naturalKey = naturalKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Id other && objectType.equals(other.objectType) && naturalKey.equals(other.naturalKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(objectType, naturalKey);
        }
    }

    @jakarta.persistence.Id
    @Column(name = "object_type")
    private String objectType;
    @jakarta.persistence.Id
    @Column(name = "natural_key")
    private String naturalKey;
    @Column(name = "hubspot_id", nullable = false)
    private String hubspotId;
    @Column(name = "content_hash")
    private String contentHash;
    @Column(name = "links_hash")
    private String linksHash;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected RecordKey() {
    }

    public RecordKey(String objectType, String naturalKey, String hubspotId, String contentHash, String linksHash,
                     Instant updatedAt) {
        this.objectType = objectType;
        this.naturalKey = naturalKey;
        this.hubspotId = hubspotId;
        this.contentHash = contentHash;
        this.linksHash = linksHash;
        this.updatedAt = updatedAt;
    }

    public String getNaturalKey() {
        return naturalKey;
    }

    public String getHubspotId() {
        return hubspotId;
    }

    public String getContentHash() {
        return contentHash;
    }

    /**
     * The hash of the links the record's row carried when they were stored in the same transaction
     * ({@link ContentHash#ofLinks}), or null when unknown (aliases, rows stored before it was kept).
     */
    public String getLinksHash() {
        return linksHash;
    }
}
