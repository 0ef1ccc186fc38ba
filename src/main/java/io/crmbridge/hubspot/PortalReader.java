package io.crmbridge.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.report.ImportReport;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the portal holds for records about to be written or undone, through
 * {@code POST {prefix}/objects/{type}/batch/read} (hubspot-api.md §1.1, §1.2): by a unique {@code idProperty}
 * (email, {@code crm_bridge_key}) or by record id, at most 100 ids a request (§1.5). Ids the portal does not hold
 * come back in {@code errors} (OBJECT_NOT_FOUND, §1.4) and are simply absent from the answer; archived records are
 * not returned ({@code archived=false}, the default).
 */
public class PortalReader {

    /** HubSpot reads at most 100 inputs a batch (hubspot-api.md §1.5). */
    public static final int MAX_INPUTS = 100;

    private final HubSpotGateway gateway;

    public PortalReader(HubSpotGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * One record as the portal holds it.
     *
     * @param properties the requested properties; a property without a value maps to null
     * @param updatedAt  HubSpot's {@code updatedAt}, null when the answer has none
     */
    public record PortalRecord(String id, Map<String, String> properties, Instant updatedAt) {

        /** The value of {@code property}, null when the record has none. */
        public String value(String property) {
            return properties.get(property);
        }
    }

    /**
     * The records whose {@code idProperty} holds one of {@code ids}, by the id as given (matched without regard to
     * case: HubSpot lower-cases emails, §1.3).
     *
     * @param ids        at most {@value #MAX_INPUTS}
     * @param properties the properties to return ({@code idProperty} is added)
     * @throws HubSpotCallException when HubSpot refuses the read after redelivery
     */
    public Map<String, PortalRecord> readByIdProperty(ObjectType type, String idProperty, List<String> ids,
                                                      Collection<String> properties, ImportReport report) {
        Map<String, PortalRecord> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        Set<String> names = new LinkedHashSet<>(properties);
        names.add(idProperty);
        Map<String, String> byLowerCase = new HashMap<>();
        ids.forEach(id -> byLowerCase.put(id.toLowerCase(Locale.ROOT), id));
        for (PortalRecord r : read(type, idProperty, ids, names, report)) {
            String value = r.value(idProperty);
            String id = value == null ? null : byLowerCase.get(value.toLowerCase(Locale.ROOT));
            if (id != null) {
                found.put(id, r);
            }
        }
        return found;
    }

    /**
     * The records of these HubSpot ids that are not archived, by id.
     *
     * @param ids at most {@value #MAX_INPUTS}
     * @throws HubSpotCallException when HubSpot refuses the read after redelivery
     */
    public Map<String, PortalRecord> readById(ObjectType type, List<String> ids, Collection<String> properties,
                                              ImportReport report) {
        Map<String, PortalRecord> found = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            read(type, null, ids, new LinkedHashSet<>(properties), report).forEach(r -> found.put(r.id(), r));
        }
        return found;
    }

    private List<PortalRecord> read(ObjectType type, String idProperty, List<String> ids, Set<String> properties,
                                    ImportReport report) {
        if (ids.size() > MAX_INPUTS) {
            throw new IllegalArgumentException("HubSpot reads at most 100 inputs a batch (hubspot-api.md §1.5)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("properties", List.copyOf(properties));
        if (idProperty != null) {
            body.put("idProperty", idProperty);
        }
        body.put("inputs", ids.stream().map(id -> Map.of("id", id)).toList());
        JsonNode answer = gateway.post(gateway.settings().paths().objects(type) + "/batch/read", body, report).body();
        List<PortalRecord> records = new ArrayList<>();
        for (JsonNode r : answer.path("results")) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String p : properties) {
                JsonNode v = r.path("properties").path(p);
                values.put(p, v.isMissingNode() || v.isNull() ? null : v.asText());
            }
            records.add(new PortalRecord(r.path("id").asText(), values, instant(r.path("updatedAt").asText(null))));
        }
        return records;
    }

    /** HubSpot's ISO-8601 timestamp ({@code updatedAt}, {@code lastmodifieddate}), or null when absent or not one. */
    public static Instant instant(String text) {
        try {
            return text == null || text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
