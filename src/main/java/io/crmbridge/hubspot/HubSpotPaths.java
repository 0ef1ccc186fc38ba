package io.crmbridge.hubspot;

import io.crmbridge.model.ObjectType;
import java.util.Locale;

/**
 * The API paths the client calls, for one API version (hubspot-api.md §0): {@code v3} (objects
 * and properties under {@code /crm/v3}, associations under {@code /crm/v4}) or a date-based
 * version such as {@code 2026-03} ({@code /crm/objects/2026-03}, {@code /crm/properties/2026-03},
 * {@code /crm/associations/2026-03}), which HubSpot announced as the successor of v3/v4.
 *
 * @param version {@code v3} or a date-based version {@code yyyy-MM}
 */
public record HubSpotPaths(String version) {

    /**
     * @throws IllegalArgumentException when the version is neither {@code v3} nor {@code yyyy-MM}
     */
    public HubSpotPaths {
        version = version == null ? "" : version.trim().toLowerCase(Locale.ROOT);
        if (!version.equals("v3") && !version.matches("\\d{4}-\\d{2}")) {
            throw new IllegalArgumentException("hubspot.api-version must be v3 or a date such as 2026-03, was '"
                    + version + "'");
        }
    }

    private boolean legacy() {
        return version.equals("v3");
    }

    /** Base of an object type's API, e.g. {@code /crm/v3/objects/contacts}. */
    public String objects(ObjectType type) {
        return (legacy() ? "/crm/v3/objects/" : "/crm/objects/" + version + "/") + type.pathName();
    }

    /** Base of an object type's properties API, e.g. {@code /crm/v3/properties/contacts}. */
    public String properties(ObjectType type) {
        return (legacy() ? "/crm/v3/properties/" : "/crm/properties/" + version + "/") + type.pathName();
    }

    /** Base of the associations API between two types, e.g. {@code /crm/v4/associations/tickets/contacts}. */
    public String associations(ObjectType from, ObjectType to) {
        return (legacy() ? "/crm/v4/associations/" : "/crm/associations/" + version + "/") + from.pathName() + "/"
                + to.pathName();
    }

    /**
     * One record's associations with a type, e.g. {@code /crm/v4/objects/contacts/512/associations/companies}
     * (associations-v4.json) or {@code /crm/objects/2026-03/contacts/512/associations/companies}.
     */
    public String recordAssociations(ObjectType from, String id, ObjectType to) {
        return (legacy() ? "/crm/v4/objects/" : "/crm/objects/" + version + "/") + from.pathName() + "/" + id
                + "/associations/" + to.pathName();
    }

    /** Base of an object type's pipelines API, e.g. {@code /crm/v3/pipelines/tickets} (pipelines-v3.json). */
    public String pipelines(ObjectType type) {
        return (legacy() ? "/crm/v3/pipelines/" : "/crm/pipelines/" + version + "/") + type.pathName();
    }

    /**
     * The lists API's batch read of record memberships, e.g.
     * {@code /crm/v3/lists/records/memberships/batch/read} (HubSpot's Lists v3 document, operation
     * "post-/crm/v3/lists/records/memberships/batch/read"; date-based {@code /crm/lists/2026-03/...}).
     */
    public String listMembershipsBatchRead() {
        return (legacy() ? "/crm/v3/lists" : "/crm/lists/" + version) + "/records/memberships/batch/read";
    }
}
