package io.crmbridge.ledger;

import io.crmbridge.model.Link;
import io.crmbridge.model.ObjectType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A link waiting for one of its ends to land in HubSpot (E3); table {@code pending_link}. */
@Entity
@Table(name = "pending_link")
public class PendingLink {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "from_type", nullable = false)
    private String fromType;
    @Column(name = "from_key", nullable = false)
    private String fromKey;
    @Column(name = "to_type", nullable = false)
    private String toType;
    @Column(name = "to_key", nullable = false)
    private String toKey;
    @Column(name = "association_type_id", nullable = false)
    private int associationTypeId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected PendingLink() {
    }

    public PendingLink(Link link, Instant createdAt) {
        this.fromType = link.fromType().name();
        this.fromKey = link.fromKey();
        this.toType = link.toType().name();
        this.toKey = link.toKey();
        this.associationTypeId = link.associationTypeId();
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    /** The link this row stands for. */
    public Link toLink() {
        return new Link(ObjectType.valueOf(fromType), fromKey, ObjectType.valueOf(toType), toKey, associationTypeId);
    }
}
