package io.crmbridge.ledger;

import io.crmbridge.model.Link;
import io.crmbridge.model.ObjectType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A link waiting for one of its ends to land in HubSpot (E3); table {@code pending_link}. */
@Entity
@Table(name = "pending_link")
@NamedQuery(name = PendingLink.AFTER, query = "select p from PendingLink p where p.id > :after order by p.id")
@NamedQuery(name = PendingLink.TO_KEY_LIKE, query = "select p from PendingLink p where p.id > :after"
        + " and p.toKey like :prefix escape '\\' order by p.id")
@NamedQuery(name = PendingLink.TO_KEY_NOT_LIKE, query = "select p from PendingLink p where p.id > :after"
        + " and p.toKey not like :prefix escape '\\' order by p.id")
@NamedQuery(name = PendingLink.COUNT, query = "select count(p) from PendingLink p")
@NamedQuery(name = PendingLink.DELETE, query = "delete from PendingLink p where p.id in :ids")
public class PendingLink {

    /** Named query: links with an id above {@code after}, in id order. */
    static final String AFTER = "PendingLink.after";
    /** Named query: {@link #AFTER} whose target key matches the LIKE pattern {@code prefix} (escaped by backslash). */
    static final String TO_KEY_LIKE = "PendingLink.toKeyLike";
    /** Named query: {@link #AFTER} whose target key does not match the LIKE pattern {@code prefix}. */
    static final String TO_KEY_NOT_LIKE = "PendingLink.toKeyNotLike";
    /** Named query: how many links are pending. */
    static final String COUNT = "PendingLink.count";
    /** Named update: deletes the links whose id is in {@code ids}. */
    static final String DELETE = "PendingLink.delete";

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

    /** A link read by its row with plain JDBC ({@link Ledger#claimPending}): {@code createdAt} is not read. */
    PendingLink(long id, Link link) {
        this(link, null);
        this.id = id;
    }

    public Long getId() {
        return id;
    }

    /** The link this row stands for. */
    public Link toLink() {
        return new Link(ObjectType.valueOf(fromType), fromKey, ObjectType.valueOf(toType), toKey, associationTypeId);
    }
}
