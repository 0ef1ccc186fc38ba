package io.crmbridge.sales;

/**
 * The one outcome every row of a ledger file ends in (PRODUCT.md "Promises"): rows read = loaded +
 * updated + unchanged + held + rejected.
 */
public enum LedgerOutcome {
    /** A new client, product or sales line was stored. */
    LOADED,
    /** A known client or product was stored with changed values. */
    UPDATED,
    /** The row is already in the ledger as it is (same client or product values, same sales line). */
    UNCHANGED,
    /** A sales line whose client or product is unknown: stored as held, loaded when they arrive. */
    HELD,
    /** The row was refused (missing or invalid value, duplicate in the file, malformed CSV): dead letter. */
    REJECTED
}
