package io.crmbridge.ledger;

/**
 * What to remember about one natural key after HubSpot accepted it.
 *
 * @param naturalKey  the key or alias ({@code acme.com}, {@code name:acme})
 * @param hubspotId   HubSpot record id
 * @param contentHash hash of the properties sent, or null to keep the stored one (aliases)
 * @param linksHash   {@link ContentHash#ofLinks} of the row's links, stored in the same transaction as those
 *                    links ({@link Ledger#recordDelivery}), or null to keep the stored one
 */
public record RememberedRecord(String naturalKey, String hubspotId, String contentHash, String linksHash) {

    /** A key remembered without links (aliases, a ticket row's contact). */
    public RememberedRecord(String naturalKey, String hubspotId, String contentHash) {
        this(naturalKey, hubspotId, contentHash, null);
    }
}
