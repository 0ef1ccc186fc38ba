package io.crmbridge.sandbox;

import io.crmbridge.model.ObjectType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * HUBSPOT_DEFINED association type ids per direction and their reverse ids (hubspot-api.md §2.3):
 * contact→company 279 / primary 1, company→contact 280 / 2, contact→ticket 15, ticket→contact 16,
 * ticket→company 339 / 26, company→ticket 340 / 25.
 */
final class AssociationTypes {

    /** A typed direction: from type, to type, type id. */
    record Definition(ObjectType from, ObjectType to, int typeId, int reverseTypeId) {
    }

    private final Map<Integer, Definition> byTypeId = new HashMap<>();

    AssociationTypes() {
        pair(ObjectType.CONTACTS, ObjectType.COMPANIES, 279, 280);
        pair(ObjectType.CONTACTS, ObjectType.COMPANIES, 1, 2);
        pair(ObjectType.CONTACTS, ObjectType.TICKETS, 15, 16);
        pair(ObjectType.TICKETS, ObjectType.COMPANIES, 339, 340);
        pair(ObjectType.TICKETS, ObjectType.COMPANIES, 26, 25);
    }

    private void pair(ObjectType a, ObjectType b, int aToB, int bToA) {
        byTypeId.put(aToB, new Definition(a, b, aToB, bToA));
        byTypeId.put(bToA, new Definition(b, a, bToA, aToB));
    }

    /** The definition of a type id, if it is valid from {@code from} to {@code to}. */
    Optional<Definition> find(ObjectType from, ObjectType to, int typeId) {
        Definition d = byTypeId.get(typeId);
        return d != null && d.from() == from && d.to() == to ? Optional.of(d) : Optional.empty();
    }

    /** The definition of a type id leaving {@code from}, whatever its target (inline associations, §2.4). */
    Optional<Definition> findFrom(ObjectType from, int typeId) {
        Definition d = byTypeId.get(typeId);
        return d != null && d.from() == from ? Optional.of(d) : Optional.empty();
    }
}
