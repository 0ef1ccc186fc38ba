package io.crmbridge.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One HubSpot contact as the last sync saw it; table {@code synced_contact} (migration V2). Upserted by
 * HubSpot id; an archived (deleted or merged-away) contact stays with {@code archived} set.
 */
@Entity
@Table(name = "synced_contact")
public class SyncedContact {

    @Id
    @Column(name = "hubspot_id")
    private String hubspotId;
    private String email;
    private String firstname;
    private String lastname;
    private String company;
    private String phone;
    private String jobtitle;
    private String lifecyclestage;
    @Column(nullable = false)
    private String segments;
    // a plain string, not @Lob: Hibernate maps a @Lob String to PostgreSQL's large objects (oid), and the column is
    // text there (CLOB on H2 databases migrated before V2 named it text; both read and write as a string)
    @Column(nullable = false)
    private String properties;
    @Column(nullable = false)
    private boolean archived;
    @Column(name = "merged_into")
    private String mergedInto;
    @Column(name = "list_memberships")
    private String listMemberships;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "synced_at", nullable = false)
    private Instant syncedAt;

    protected SyncedContact() {
    }

    public SyncedContact(String hubspotId) {
        this.hubspotId = hubspotId;
        this.segments = "";
        this.properties = "{}";
    }

    /** Takes the fetched values over; segments are set separately, from {@link SegmentRules}. */
    void apply(FetchedContact c, String segmentList, Instant syncedAt) {
        this.email = c.property("email");
        this.firstname = c.property("firstname");
        this.lastname = c.property("lastname");
        this.company = c.property("company");
        this.phone = c.property("phone");
        this.jobtitle = c.property("jobtitle");
        this.lifecyclestage = c.property("lifecyclestage");
        this.properties = c.propertiesJson();
        this.createdAt = c.createdAt();
        this.updatedAt = c.updatedAt();
        this.archived = c.archived();
        if (!c.archived()) {
            this.mergedInto = null;
        }
        this.segments = segmentList;
        this.syncedAt = syncedAt;
    }

    /** Sets the list ids the contact belongs to (comma-separated; empty for none). */
    void setListMemberships(String listIds) {
        this.listMemberships = listIds;
    }

    void markMerged(String winnerId, Instant when) {
        this.archived = true;
        this.mergedInto = winnerId;
        this.syncedAt = when;
    }

    void markArchived(Instant when) {
        this.archived = true;
        this.syncedAt = when;
    }

    void setSegments(String segmentList) {
        this.segments = segmentList;
    }

    public String getHubspotId() {
        return hubspotId;
    }

    public String getEmail() {
        return email;
    }

    public String getFirstname() {
        return firstname;
    }

    public String getLastname() {
        return lastname;
    }

    public String getCompany() {
        return company;
    }

    public String getPhone() {
        return phone;
    }

    public String getJobtitle() {
        return jobtitle;
    }

    public String getLifecyclestage() {
        return lifecyclestage;
    }

    /** Segment names, comma-separated, in {@link SegmentRules} order; empty when none. */
    public String getSegments() {
        return segments;
    }

    /** Every fetched property, as a JSON object text. */
    public String getProperties() {
        return properties;
    }

    public boolean isArchived() {
        return archived;
    }

    /** The id of the contact this one was merged into, or null. */
    public String getMergedInto() {
        return mergedInto;
    }

    /** HubSpot list ids the contact belongs to, comma-separated; null when memberships were never fetched. */
    public String getListMemberships() {
        return listMemberships;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getSyncedAt() {
        return syncedAt;
    }
}
