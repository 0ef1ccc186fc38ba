package io.crmbridge.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The HubSpot CRM object types crm-bridge imports, with HubSpot's path name and object type id
 * (contacts 0-1, companies 0-2, tickets 0-5: see hubspot-api.md §0).
 */
public enum ObjectType {
    CONTACTS("contacts", "0-1"),
    COMPANIES("companies", "0-2"),
    TICKETS("tickets", "0-5");

    private final String pathName;
    private final String typeId;

    ObjectType(String pathName, String typeId) {
        this.pathName = pathName;
        this.typeId = typeId;
    }

    /** The name used in HubSpot API paths, e.g. {@code contacts}. */
    public String pathName() {
        return pathName;
    }

    /** HubSpot's object type id, e.g. {@code 0-1}. */
    public String typeId() {
        return typeId;
    }

    /** Resolves a path segment by name (any case, singular or plural) or by type id; empty when unknown. */
    public static Optional<ObjectType> fromPathSegment(String segment) {
        if (segment == null) {
            return Optional.empty();
        }
        String s = segment.toLowerCase(Locale.ROOT);
        for (ObjectType t : values()) {
            if (t.pathName.equals(s) || t.typeId.equals(s) || t.pathName.equals(s + "s")) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
