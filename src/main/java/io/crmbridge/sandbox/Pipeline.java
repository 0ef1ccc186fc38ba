package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline of an object type (pipelines-v3.json {@code Pipeline}).
 *
 * @param id           the pipeline id, the value of the record's pipeline property (e.g. {@code hs_pipeline})
 * @param label        display label
 * @param displayOrder order in HubSpot's UI
 * @param stages       its stages, in display order
 */
record Pipeline(String id, String label, int displayOrder, List<PipelineStage> stages) {

    /**
     * HubSpot's default ticket pipeline {@code 0} and its stages {@code 1} New, {@code 2} Waiting on contact,
     * {@code 3} Waiting on us, {@code 4} Closed: a ticket created without {@code hs_pipeline} lands in
     * pipeline {@code 0} (hubspot-api.md §6, DOC-TICKETS), and DOC-ERR's example creates one in stage {@code 1}.
     */
    static final Pipeline DEFAULT_TICKETS = new Pipeline("0", "Support Pipeline", 0, List.of(
            new PipelineStage("1", "New", 0, "OPEN"),
            new PipelineStage("2", "Waiting on contact", 1, "OPEN"),
            new PipelineStage("3", "Waiting on us", 2, "OPEN"),
            new PipelineStage("4", "Closed", 3, "CLOSED")));

    Pipeline {
        stages = List.copyOf(stages);
    }

    /** The stage with that id, if the pipeline has one. */
    Optional<PipelineStage> stage(String stageId) {
        return stages.stream().filter(s -> s.id().equals(stageId)).findFirst();
    }

    /** The JSON of pipelines-v3.json {@code Pipeline}; HubSpot's default pipelines were created at 0 (its spec). */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("label", label);
        json.put("displayOrder", displayOrder);
        ArrayNode array = json.putArray("stages");
        stages.forEach(s -> array.add(s.toJson()));
        json.put("createdAt", Timestamps.format(Instant.EPOCH));
        json.put("updatedAt", Timestamps.format(Instant.EPOCH));
        json.put("archived", false);
        return json;
    }
}
