package io.crmbridge.hubspot;

import io.crmbridge.model.ObjectType;
import io.crmbridge.report.ImportReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates associations through the v4 batch API,
 * {@code POST /crm/v4/associations/{from}/{to}/batch/create} with HubSpot-defined type ids
 * (hubspot-api.md §2.1, §2.3), at most 100 inputs a request (§2.2: no documented cap; 100 is safe).
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
     * Creates up to 100 associations of one kind.
     *
     * @throws HubSpotCallException when HubSpot refuses the batch after redelivery
     */
    public void create(ObjectType from, ObjectType to, int associationTypeId, List<Pair> pairs, ImportReport report) {
        if (pairs.isEmpty()) {
            return;
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
        gateway.post(path, Map.of("inputs", inputs), report);
    }
}
