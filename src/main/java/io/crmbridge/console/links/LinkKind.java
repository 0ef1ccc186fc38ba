package io.crmbridge.console.links;

import io.crmbridge.api.ApiRefusal;
import io.crmbridge.ledger.PendingLinks;
import io.crmbridge.model.ObjectType;
import java.util.Optional;

/**
 * How the Links page and {@code /api/links} name a kind of link: {@code <from>-<to>-<associationTypeId>} with
 * HubSpot's object type path names, e.g. {@code contacts-companies-279} (hubspot-api.md §2.3: contact -> company
 * 279, ticket -> contact 16, ticket -> company 339).
 */
public final class LinkKind {

    private LinkKind() {
    }

    /** The id of {@code kind}, e.g. {@code tickets-companies-339}. */
    public static String id(PendingLinks.Kind kind) {
        return kind.fromType().pathName() + "-" + kind.toType().pathName() + "-" + kind.associationTypeId();
    }

    /** What {@code kind} reads as on a page, e.g. {@code contacts → companies (279)}. */
    public static String label(PendingLinks.Kind kind) {
        return kind.fromType().pathName() + " → " + kind.toType().pathName() + " (" + kind.associationTypeId() + ")";
    }

    /**
     * The kind {@code id} names; empty when blank.
     *
     * @throws ApiRefusal 400 when it is not {@code <from>-<to>-<associationTypeId>} with known object types
     */
    public static Optional<PendingLinks.Kind> parse(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        String[] parts = id.trim().split("-");
        if (parts.length == 3) {
            Optional<ObjectType> from = exact(parts[0]);
            Optional<ObjectType> to = exact(parts[1]);
            try {
                int typeId = Integer.parseInt(parts[2]);
                if (from.isPresent() && to.isPresent() && typeId > 0) {
                    return Optional.of(new PendingLinks.Kind(from.get(), to.get(), typeId));
                }
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw new ApiRefusal(400, "unknown kind of link '" + abbreviate(id)
                + "': expected <from>-<to>-<associationTypeId>, such as contacts-companies-279");
    }

    private static Optional<ObjectType> exact(String name) {
        for (ObjectType t : ObjectType.values()) {
            if (t.pathName().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** At most 80 characters of a value from the request, for a message. */
    static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
