package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmbridge.model.ObjectType;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HUBSPOT_DEFINED association type ids per direction and their reverse ids (hubspot-api.md §2.3):
 * contact→company 279 / primary 1, company→contact 280 / 2, contact→ticket 15, ticket→contact 16,
 * ticket→company 339 / 26, company→ticket 340 / 25. The unlabeled id of a direction is its default type
 * ({@code batch/associate/default}, §2.3: a default ticket→contact association is type 16). A primary type
 * carries the label {@value #PRIMARY_LABEL} (HubSpot's v4 answers; hubspot-api-ruby#171), an unlabeled one none.
 */
final class AssociationTypes {

    /** The label of the primary types since HubSpot renamed "Primary Company" (hubspot-api.md §2.3). */
    static final String PRIMARY_LABEL = "Primary";

    /**
     * A typed direction.
     *
     * @param primary whether this is the primary type of the direction (1, 2, 25, 26), not the unlabeled one
     */
    record Definition(ObjectType from, ObjectType to, int typeId, int reverseTypeId, boolean primary) {

        /** {@value #PRIMARY_LABEL} for a primary type, null for an unlabeled one. */
        String label() {
            return primary ? PRIMARY_LABEL : null;
        }
    }

    private final Map<Integer, Definition> byTypeId = new HashMap<>();

    AssociationTypes() {
        pair(ObjectType.CONTACTS, ObjectType.COMPANIES, 279, 280, false);
        pair(ObjectType.CONTACTS, ObjectType.COMPANIES, 1, 2, true);
        pair(ObjectType.CONTACTS, ObjectType.TICKETS, 15, 16, false);
        pair(ObjectType.TICKETS, ObjectType.COMPANIES, 339, 340, false);
        pair(ObjectType.TICKETS, ObjectType.COMPANIES, 26, 25, true);
    }

    private void pair(ObjectType a, ObjectType b, int aToB, int bToA, boolean primary) {
        byTypeId.put(aToB, new Definition(a, b, aToB, bToA, primary));
        byTypeId.put(bToA, new Definition(b, a, bToA, aToB, primary));
    }

    /** The definition of a type id, if it is valid from {@code from} to {@code to}. */
    Optional<Definition> find(ObjectType from, ObjectType to, int typeId) {
        Definition d = byTypeId.get(typeId);
        return d != null && d.from() == from && d.to() == to ? Optional.of(d) : Optional.empty();
    }

    /**
     * The definition of an {@code AssociationSpec} ({@code associationCategory}, {@code associationTypeId}) from
     * {@code from} to {@code to}.
     *
     * @throws ApiException 400 VALIDATION_ERROR for another category than HUBSPOT_DEFINED or a type id that is not
     *                      valid for the direction
     */
    Definition require(ObjectType from, ObjectType to, JsonNode spec) {
        String category = spec.path("associationCategory").asText();
        int typeId = spec.path("associationTypeId").asInt(-1);
        if (!"HUBSPOT_DEFINED".equals(category)) {
            throw ErrorBodies.validation("Unsupported association category " + category + " for type id " + typeId);
        }
        return find(from, to, typeId).orElseThrow(() -> ErrorBodies.validation("The association type id " + typeId
                + " is not valid from " + from.typeId() + " to " + to.typeId()));
    }

    /** The definition of a type id leaving {@code from}, whatever its target (inline associations, §2.4). */
    Optional<Definition> findFrom(ObjectType from, int typeId) {
        Definition d = byTypeId.get(typeId);
        return d != null && d.from() == from ? Optional.of(d) : Optional.empty();
    }

    /** The unlabeled type of a direction, which a default association gets; empty when the pair has none. */
    Optional<Definition> defaultType(ObjectType from, ObjectType to) {
        return byTypeId.values().stream().filter(d -> d.from() == from && d.to() == to && !d.primary()).findFirst();
    }

    /** The definition of a type id of any direction, if HubSpot defines it. */
    Optional<Definition> of(int typeId) {
        return Optional.ofNullable(byTypeId.get(typeId));
    }

    /**
     * {@code AssociationSpecWithLabel} of a stored type id: category, type id and, for a primary type, its label.
     * HubSpot sends {@code "label":null} for an unlabeled type (hubspot-api-ruby#171); the sandbox leaves it out,
     * as the spec types the label a string.
     */
    ObjectNode specWithLabel(int typeId) {
        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        spec.put("category", "HUBSPOT_DEFINED");
        spec.put("typeId", typeId);
        of(typeId).map(Definition::label).ifPresent(label -> spec.put("label", label));
        return spec;
    }

    /**
     * The v3 {@code AssociatedId.type} of a type id (hubspot-api.md §2.4): {@code contact_to_company} for the
     * primary type, {@code contact_to_company_unlabeled} for the unlabeled type of a direction that also has a
     * primary one, and {@code ticket_to_contact} for the only type of a direction without one. ⚠️ hubspot-api.md
     * §9 lists the exact strings as unverified.
     */
    String v3Name(Definition type) {
        String name = singular(type.from()) + "_to_" + singular(type.to());
        boolean directionHasPrimary = byTypeId.values().stream()
                .anyMatch(d -> d.from() == type.from() && d.to() == type.to() && d.primary());
        return type.primary() || !directionHasPrimary ? name : name + "_unlabeled";
    }

    private static String singular(ObjectType type) {
        return SandboxNames.singular(type).toLowerCase(Locale.ROOT);
    }
}
