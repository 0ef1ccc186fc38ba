package io.crmbridge.hubspot;

import java.util.Locale;

/**
 * A bounded label for what a HubSpot request does, for metrics: request paths carry record ids and query
 * strings, so they cannot be labels themselves. Read from the path of either API version (hubspot-api.md §0:
 * {@code /crm/v3/objects/contacts/batch/upsert}, {@code /crm/objects/2026-03/contacts/batch/upsert}).
 */
public final class HubSpotRequestKind {

    /** Batch reads of records ({@code .../batch/read}). */
    public static final String BATCH_READ = "batch_read";
    /** Batch writes of records: create, update, upsert, archive. */
    public static final String BATCH_WRITE = "batch_write";
    /** Searches ({@code POST .../search}). */
    public static final String SEARCH = "search";
    /** Other reads of records: pages of a listing, one record. */
    public static final String READ = "read";
    /** The properties API (schema reads, property creation) and the Property Validations API. */
    public static final String PROPERTIES = "properties";
    /** The associations API. */
    public static final String ASSOCIATIONS = "associations";
    /** The lists API. */
    public static final String LISTS = "lists";
    /** Anything else. */
    public static final String OTHER = "other";

    private HubSpotRequestKind() {
    }

    /**
     * The kind of {@code method} on {@code uri} (a full URL or a path, query string allowed).
     *
     * @return one of the constants of this class, never null
     */
    public static String of(String method, String uri) {
        String path = path(uri);
        if (path.contains("/associations/")) {
            return ASSOCIATIONS;
        }
        if (path.contains("/properties/") || path.contains("/property-validations/")) {
            return PROPERTIES;
        }
        if (path.contains("/lists/") || path.endsWith("/lists")) {
            return LISTS;
        }
        if (!path.contains("/objects/")) {
            return OTHER;
        }
        if (path.endsWith("/search")) {
            return SEARCH;
        }
        if (path.contains("/batch/")) {
            return path.endsWith("/batch/read") ? BATCH_READ : BATCH_WRITE;
        }
        return "GET".equalsIgnoreCase(method) ? READ : OTHER;
    }

    private static String path(String uri) {
        if (uri == null) {
            return "";
        }
        String s = uri.toLowerCase(Locale.ROOT);
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            int slash = s.indexOf('/', scheme + 3);
            s = slash < 0 ? "" : s.substring(slash);
        }
        int query = s.indexOf('?');
        s = query < 0 ? s : s.substring(0, query);
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
