package io.crmbridge.pipeline;

import io.crmbridge.model.ObjectType;

/**
 * How many HubSpot requests one file's import is expected to send, derived from how the pipeline sends
 * (docs/hubspot.md "The daily budget before a file"), for the check of the account's daily budget (hubspot-api.md §10.4).
 * An upper bound for a first import: unchanged records are not sent again, and retried attempts (which HubSpot
 * counts too) and the halving of a batch HubSpot refused for one record are not foreseen.
 *
 * @param usageRead      the read of the daily usage itself: 1
 * @param schemaReads    one read of the property list per object type the file writes (its own; tickets also
 *                       their contacts): {@code PropertyEnsurer}'s read or the preflight's, never both
 * @param propertyWrites properties and groups crm-bridge may still have to create ({@code PropertyEnsurer}),
 *                       0 in a dry run
 * @param upserts        batch upserts: one per {@code batchSize} rows, tickets one more per batch for the
 *                       tickets' contacts; 0 in a dry run
 * @param portalReads    batch reads of the records about to be written ({@link ReadBeforeWrite}): as many as the
 *                       upserts when the portal is read before each write; one per batch in a dry run (the
 *                       preview); else 0
 * @param associations   association batch creates: one per 100 links of each kind the rows make (contacts 1,
 *                       tickets 3, companies none) and one per 100 links still pending from earlier files; 0 in a
 *                       dry run
 */
public record RequestEstimate(long usageRead, long schemaReads, long propertyWrites, long upserts, long portalReads,
                              long associations) {

    /** Inputs HubSpot takes in one association batch (AssociationLinker, hubspot-api.md §2.2). */
    static final int ASSOCIATION_BATCH = 100;

    /**
     * The estimate for a file.
     *
     * @param type           the file's object type
     * @param rows           its data rows (an upper bound is fine: the line count less the header)
     * @param batchSize      rows per upsert batch ({@code crm-bridge.batch-size}, at most 100)
     * @param dryRun         a dry run reads the schema and the records, and sends nothing else
     * @param readsBefore    the records of each batch are read before they are written
     *                       ({@code crm-bridge.read-before-write}, or {@code if-empty} columns)
     * @param propertyWrites what {@code PropertyEnsurer#writesStillPossible} says for the types the file writes
     * @param pendingLinks   links pending in the ledger from earlier files, made after this file too
     * @throws IllegalArgumentException when rows or pendingLinks is negative or batchSize is not positive
     */
    public static RequestEstimate of(ObjectType type, long rows, int batchSize, boolean dryRun, boolean readsBefore,
                                     int propertyWrites, long pendingLinks) {
        if (rows < 0 || pendingLinks < 0 || batchSize < 1) {
            throw new IllegalArgumentException("rows and pending links must be 0 or more, batch size positive");
        }
        long schemaReads = type == ObjectType.TICKETS ? 2 : 1;
        long batches = ceilDiv(rows, batchSize);
        if (dryRun) {
            return new RequestEstimate(1, schemaReads, 0, 0, batches, 0);
        }
        long upserts = type == ObjectType.TICKETS ? 2 * batches : batches;
        long associations = linkKinds(type) * ceilDiv(rows, ASSOCIATION_BATCH) + ceilDiv(pendingLinks, ASSOCIATION_BATCH);
        return new RequestEstimate(1, schemaReads, propertyWrites, upserts, readsBefore ? upserts : 0, associations);
    }

    /**
     * The kinds of link a row of {@code type} makes, each at most once a row: a contact its company; a ticket its
     * contact, its company (through the contact) and the contact's company (ContactRowMapper, TicketRowMapper).
     */
    static int linkKinds(ObjectType type) {
        return switch (type) {
            case CONTACTS -> 1;
            case TICKETS -> 3;
            case COMPANIES -> 0;
        };
    }

    /** The whole estimate. */
    public long total() {
        return usageRead + schemaReads + propertyWrites + upserts + portalReads + associations;
    }

    private static long ceilDiv(long n, long d) {
        return (n + d - 1) / d;
    }
}
