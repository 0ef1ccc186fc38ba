package io.crmbridge.ledger;

/**
 * What to remember about one natural key after HubSpot accepted it.
 *
 * @param naturalKey  the key or alias ({@code acme.com}, {@code name:acme})
 * @param hubspotId   HubSpot record id
 * @param contentHash hash of the properties sent, or null to keep the stored one (aliases)
 */
public record RememberedRecord(String naturalKey, String hubspotId, String contentHash) {
}
