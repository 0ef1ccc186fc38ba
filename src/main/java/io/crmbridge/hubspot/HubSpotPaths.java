package io.crmbridge.hubspot;

import io.crmbridge.model.ObjectType;
import java.util.Locale;
import java.util.Optional;

/**
 * The API paths the client calls, for one API version (hubspot-api.md §0, §10.1): a date-based version such as
 * {@code 2026-09}, the default ({@code /crm/objects/2026-09}, {@code /crm/properties/2026-09},
 * {@code /crm/associations/2026-09}), or {@code v3} (objects and properties under {@code /crm/v3}, associations
 * under {@code /crm/v4}), which HubSpot stops supporting in 2027.
 *
 * @param version {@code v3} or a date-based version {@code yyyy-MM}
 */
public record HubSpotPaths(String version) {

    /** HubSpot's current version, GA since Sep 8, 2026 (hubspot-api.md §10.1). */
    public static final String DEFAULT_VERSION = "2026-09";

    /**
     * @throws IllegalArgumentException when the version is neither {@code v3} nor {@code yyyy-MM}
     */
    public HubSpotPaths {
        version = version == null ? "" : version.trim().toLowerCase(Locale.ROOT);
        if (!version.equals("v3") && !version.matches("\\d{4}-\\d{2}")) {
            throw new IllegalArgumentException("an API version is a date such as 2026-09, or v3, was '"
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
     * The Property Validations API's list of an object type's rules, e.g.
     * {@code /crm/property-validations/2026-09/0-1} (propertyValidations.json of the 2026-03 and 2026-09 folders:
     * {@code GET /crm/property-validations/<version>/{objectTypeId}}; hubspot-api.md §10.3); empty on {@code v3}, for
     * which no document of that API is kept.
     */
    public Optional<String> propertyValidations(ObjectType type) {
        return legacy() ? Optional.empty() : Optional.of("/crm/property-validations/" + version + "/" + type.typeId());
    }

    /**
     * The lists API's batch read of record memberships, e.g.
     * {@code /crm/v3/lists/records/memberships/batch/read} (HubSpot's Lists v3 document, operation
     * "post-/crm/v3/lists/records/memberships/batch/read"; date-based {@code /crm/lists/2026-03/...}).
     */
    public String listMembershipsBatchRead() {
        return (legacy() ? "/crm/v3/lists" : "/crm/lists/" + version) + "/records/memberships/batch/read";
    }

    /**
     * The account's daily API usage, {@code GET /account-info/<version>/api-usage/daily/private-apps}
     * (2026-03/2026-09 {@code accountInfo.json}; on v3 {@code /account-info/v3/...}, the path HubSpot's legacy API
     * reference documents with the same {@code {"results":[ApiUsage]}} answer): hubspot-api.md §10.4.
     */
    public String dailyUsage() {
        return "/account-info/" + version + "/api-usage/daily/private-apps";
    }
}
