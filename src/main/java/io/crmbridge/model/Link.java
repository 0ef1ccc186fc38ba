package io.crmbridge.model;

/**
 * An association to make in HubSpot between two records known by their natural keys
 * (see {@link CrmRecord#key()}); the target may not be imported yet (E3), in which case the link
 * waits in the ledger.
 *
 * @param fromType          object type of the source record
 * @param fromKey           natural key of the source record
 * @param toType            object type of the target record
 * @param toKey             natural key (or alias such as {@code name:acme}) of the target record
 * @param associationTypeId HubSpot-defined type id (contact->company 279, ticket->contact 16,
 *                          ticket->company 339: hubspot-api.md §2.3)
 */
public record Link(ObjectType fromType, String fromKey, ObjectType toType, String toKey, int associationTypeId) {
}
