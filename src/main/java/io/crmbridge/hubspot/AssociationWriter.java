package io.crmbridge.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.report.ImportReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates associations through the association batch API,
 * {@code POST /crm/v4/associations/{from}/{to}/batch/create} or its date-based twin
 * {@code /crm/associations/2026-09/...}, with HubSpot-defined type ids (hubspot-api.md §2.1, §2.3), at most 100
 * inputs a request (§2.2: no documented cap; 100 is safe). An answer that names failed inputs
 * ({@code numErrors > 0}: a 207 in v4 and 2026-03, a 200 from 2026-09, §10.2) is a partial failure: only the
 * pairs HubSpot returns in {@code results} were made.
 */
public class AssociationWriter {

    /** One association to create between two HubSpot record ids. */
    public record Pair(String fromId, String toId) {
    }

    private final HubSpotGateway gateway;

    public AssociationWriter(HubSpotGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * What a batch made: the pairs HubSpot refused (empty when all were made) and HubSpot's first reason.
     *
     * @param refused the pairs of the batch that HubSpot's answer does not return as made
     * @param reason  the message of HubSpot's first error, or null when none was refused
     */
    public record Outcome(List<Pair> refused, String reason) {
    }

    /**
     * Creates up to 100 associations of one kind.
     *
     * @return which pairs HubSpot refused in a partial answer ({@code numErrors > 0})
     * @throws HubSpotCallException when HubSpot refuses the batch after redelivery
     */
    public Outcome create(ObjectType from, ObjectType to, int associationTypeId, List<Pair> pairs, ImportReport report) {
        if (pairs.isEmpty()) {
            return new Outcome(List.of(), null);
        }
        List<Map<String, Object>> inputs = new ArrayList<>(pairs.size());
        for (Pair p : pairs) {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("from", Map.of("id", p.fromId()));
            input.put("to", Map.of("id", p.toId()));
            input.put("types", List.of(Map.of("associationCategory", "HUBSPOT_DEFINED",
                    "associationTypeId", associationTypeId)));
            inputs.add(input);
        }
        String path = gateway.settings().paths().associations(from, to) + "/batch/create";
        JsonNode answer = gateway.post(path, Map.of("inputs", inputs), report).body();
        if (answer.path("numErrors").asInt(0) <= 0 && answer.path("errors").isEmpty()) {
            return new Outcome(List.of(), null);
        }
        Set<Pair> made = new HashSet<>();
        for (JsonNode r : answer.path("results")) {
            // fromObjectId/toObjectId are strings now and were integers in an older spec (hubspot-api.md §2.1)
            made.add(new Pair(r.path("fromObjectId").asText(), r.path("toObjectId").asText()));
        }
        List<Pair> refused = pairs.stream().filter(p -> !made.contains(p)).toList();
        String reason = answer.path("errors").path(0).path("message").asText("refused by HubSpot");
        return new Outcome(refused, reason);
    }
}
