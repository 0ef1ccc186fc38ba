package io.crmbridge.ledger;

import io.crmbridge.model.Link;

/** A pending link HubSpot has now associated, with the ids of both ends. */
public record MadeLink(long pendingId, Link link, String fromId, String toId) {
}
