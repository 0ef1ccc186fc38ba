package io.crmbridge.undo;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.hubspot.HubSpotGateway;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.ledger.RunChanges;
import io.crmbridge.ledger.RunChanges.Change;
import io.crmbridge.model.ObjectType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;

/**
 * Runs as an import stores them, made by hand: records written to the sandbox through HubSpot's batch API (the
 * application's gateway) and what each run wrote stored with {@link RunChanges#record}, so that an undo has a run
 * to undo.
 */
final class SandboxRuns {

    private final HubSpotGateway gateway;
    private final Ledger ledger;
    private final RunChanges changes;

    SandboxRuns(CamelContext context) {
        this.gateway = context.getRegistry().lookupByNameAndType("hubspotGateway", HubSpotGateway.class);
        this.ledger = context.getRegistry().lookupByNameAndType("ledger", Ledger.class);
        this.changes = context.getRegistry().lookupByNameAndType("runChanges", RunChanges.class);
    }

    /** A finished run of a contacts file; {@code dryRun} as given. */
    long run(String file, boolean dryRun, ImportRun.Status status) {
        long id = ledger.openRun(file, UUID.randomUUID().toString(), ObjectType.CONTACTS, dryRun);
        if (status != ImportRun.Status.RUNNING) {
            ledger.finishRun(id, status, 0, "outbox/reports/" + file + "-run" + id + ".json");
        }
        return id;
    }

    /** Creates contacts with these values (one map each) in HubSpot, outside any run; their ids in order. */
    List<String> createContacts(List<Map<String, String>> records) {
        Map<String, String> byEmail = new LinkedHashMap<>();
        for (int from = 0; from < records.size(); from += 100) {
            List<Map<String, Object>> inputs = records.subList(from, Math.min(records.size(), from + 100)).stream()
                    .map(r -> Map.<String, Object>of("properties", r)).toList();
            JsonNode answer = gateway.post(gateway.settings().paths().objects(ObjectType.CONTACTS) + "/batch/create",
                    Map.of("inputs", inputs), null).body();
            answer.path("results").forEach(r -> byEmail.put(r.path("properties").path("email").asText(),
                    r.path("id").asText()));
        }
        return records.stream().map(r -> byEmail.get(r.get("email").toLowerCase())).toList();
    }

    /** Run {@code runId} creates these contacts, as an import does; stored as its changes. */
    List<String> runCreates(long runId, List<Map<String, String>> records) {
        List<String> ids = createContacts(records);
        List<Change> stored = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Instant at = updatedAt(ids.get(i));
            stored.add(new Change(ObjectType.CONTACTS, ids.get(i), records.get(i).get("email"), true,
                    records.get(i), null, at));
        }
        changes.record(runId, stored);
        return ids;
    }

    /**
     * Run {@code runId} updates contact {@code id} with {@code values}, as an import does: the prior values read
     * first ({@code withPrior}), the write, HubSpot's updatedAt stored.
     */
    void runUpdates(long runId, String id, String key, Map<String, String> values, boolean withPrior) {
        Map<String, String> prior = null;
        if (withPrior) {
            JsonNode before = read(id, values.keySet());
            prior = new LinkedHashMap<>();
            for (String p : values.keySet()) {
                JsonNode v = before.path("properties").path(p);
                prior.put(p, v.isMissingNode() || v.isNull() || v.asText().isEmpty() ? null : v.asText());
            }
        }
        JsonNode answer = gateway.post(gateway.settings().paths().objects(ObjectType.CONTACTS) + "/batch/update",
                Map.of("inputs", List.of(Map.of("id", id, "properties", values))), null).body();
        Instant at = Instant.parse(answer.path("results").path(0).path("updatedAt").asText());
        changes.record(runId, List.of(new Change(ObjectType.CONTACTS, id, key, false, values, prior, at)));
    }

    /** "Another user" edits a contact in HubSpot: {@code PATCH /crm/v3/objects/contacts/{id}}. */
    void editInHubSpot(String id, Map<String, String> values) {
        gateway.send("PATCH", "/crm/v3/objects/contacts/" + id, Map.of("properties", values), null);
    }

    /** HubSpot's record, with these properties, or a missing node when it is archived. */
    JsonNode read(String id, java.util.Collection<String> properties) {
        JsonNode answer = gateway.post(gateway.settings().paths().objects(ObjectType.CONTACTS) + "/batch/read",
                Map.of("properties", List.copyOf(properties), "inputs", List.of(Map.of("id", id))), null).body();
        return answer.path("results").path(0);
    }

    private Instant updatedAt(String id) {
        return Instant.parse(read(id, List.of("email")).path("updatedAt").asText());
    }
}
