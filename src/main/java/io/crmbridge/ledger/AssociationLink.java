package io.crmbridge.ledger;

import io.crmbridge.model.Link;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** An association crm-bridge made in HubSpot; table {@code association_link}. */
@Entity
@Table(name = "association_link")
@IdClass(AssociationLink.Id.class)
@NamedQuery(name = AssociationLink.FROM_KEYS, query = "select a from AssociationLink a where a.fromType = :ft"
        + " and a.fromKey in :fk and a.toType = :tt and a.associationTypeId = :a")
public class AssociationLink {

    /** Named query: associations of type id {@code a} from keys {@code fk} of type {@code ft} to type {@code tt}. */
    static final String FROM_KEYS = "AssociationLink.fromKeys";

    /** Composite primary key: both natural keys, the target type and the association type id. */
    public static class Id implements Serializable {
        private String fromType;
        private String fromKey;
        private String toType;
        private int associationTypeId;
        private String toKey;

        protected Id() {
        }

        /** The primary key of the association a link makes. */
        public static Id of(Link link) {
            Id id = new Id();
            id.fromType = link.fromType().name();
            id.fromKey = link.fromKey();
            id.toType = link.toType().name();
            id.associationTypeId = link.associationTypeId();
            id.toKey = link.toKey();
            return id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Id other && fromType.equals(other.fromType) && fromKey.equals(other.fromKey)
                    && toType.equals(other.toType) && associationTypeId == other.associationTypeId
                    && toKey.equals(other.toKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(fromType, fromKey, toType, associationTypeId, toKey);
        }
    }

    @jakarta.persistence.Id
    @Column(name = "from_type")
    private String fromType;
    @jakarta.persistence.Id
    @Column(name = "from_key")
    private String fromKey;
    @jakarta.persistence.Id
    @Column(name = "to_type")
    private String toType;
    @jakarta.persistence.Id
    @Column(name = "association_type_id")
    private int associationTypeId;
    @jakarta.persistence.Id
    @Column(name = "to_key")
    private String toKey;
    @Column(name = "from_id", nullable = false)
    private String fromId;
    @Column(name = "to_id", nullable = false)
    private String toId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "run_id")
    private Long runId;

    protected AssociationLink() {
    }

    /** The association {@code link} made between HubSpot ids, when the completion of run {@code runId} made it. */
    public AssociationLink(Link link, String fromId, String toId, Instant createdAt, Long runId) {
        this.fromType = link.fromType().name();
        this.fromKey = link.fromKey();
        this.toType = link.toType().name();
        this.associationTypeId = link.associationTypeId();
        this.toKey = link.toKey();
        this.fromId = fromId;
        this.toId = toId;
        this.createdAt = createdAt;
        this.runId = runId;
    }

    public String getToId() {
        return toId;
    }

    public String getFromKey() {
        return fromKey;
    }

    /** The link this association made. */
    public Link toLink() {
        return new Link(io.crmbridge.model.ObjectType.valueOf(fromType), fromKey,
                io.crmbridge.model.ObjectType.valueOf(toType), toKey, associationTypeId);
    }
}
