package io.crmbridge.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One contact as HubSpot returned it in a list or search page ({@code SimplePublicObject},
 * hubspot-api.md §1.3).
 *
 * @param id             HubSpot id
 * @param properties     property name -> value (null when HubSpot sent null)
 * @param propertiesJson the {@code properties} object as JSON text
 * @param createdAt      {@code createdate} (or the object's {@code createdAt}); null when absent
 * @param updatedAt      {@code lastmodifieddate} (or {@code updatedAt}); null when absent
 * @param archived       true for a record of the {@code archived=true} listing
 */
public record FetchedContact(String id, Map<String, String> properties, String propertiesJson, Instant createdAt,
                             Instant updatedAt, boolean archived) {

    /** The property HubSpot lists the ids merged into a contact under, separated by ';'. */
    public static final String MERGED_IDS = "hs_merged_object_ids";

    public FetchedContact {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** Reads one element of a page's {@code results}. */
    public static FetchedContact from(JsonNode result) {
        Map<String, String> props = new LinkedHashMap<>();
        result.path("properties").fields().forEachRemaining(e ->
                props.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        Instant created = parseTime(props.get("createdate"));
        Instant updated = parseTime(props.get("lastmodifieddate"));
        return new FetchedContact(result.path("id").asText(), props, result.path("properties").toString(),
                created != null ? created : parseTime(result.path("createdAt").asText(null)),
                updated != null ? updated : parseTime(result.path("updatedAt").asText(null)),
                result.path("archived").asBoolean(false));
    }

    public String property(String name) {
        return properties.get(name);
    }

    /** The ids of contacts merged into this one (empty when none). */
    public List<String> mergedIds() {
        String value = properties.get(MERGED_IDS);
        List<String> ids = new ArrayList<>();
        if (value != null) {
            for (String id : value.split("[;,]")) {
                if (!id.isBlank() && !id.trim().equals(this.id)) {
                    ids.add(id.trim());
                }
            }
        }
        return ids;
    }

    /** An ISO-8601 instant or an epoch-ms string (HubSpot uses both: hubspot-api.md §0); null when neither. */
    static Instant parseTime(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochMilli(Long.parseLong(v));
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
