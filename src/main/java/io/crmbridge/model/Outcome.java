package io.crmbridge.model;

/**
 * The one outcome every row read ends in (PRODUCT.md "Promises"): rows read = created + updated +
 * unchanged + rejected + failed.
 */
public enum Outcome {
    /** HubSpot created the record (upsert result {@code new: true}). */
    CREATED,
    /** HubSpot updated an existing record (upsert result {@code new: false}). */
    UPDATED,
    /** The record is identical to what crm-bridge last sent (L6), so nothing was sent. */
    UNCHANGED,
    /** crm-bridge refused the row before sending it (validation, duplicate, malformed CSV). */
    REJECTED,
    /** HubSpot refused the record, or it could not be delivered after redelivery. */
    FAILED
}
