package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A stage of a pipeline (pipelines-v3.json {@code PipelineStage}).
 *
 * @param id           the stage id, the value of the record's stage property (e.g. {@code hs_pipeline_stage})
 * @param label        display label, unique within its pipeline
 * @param displayOrder order in HubSpot's UI
 * @param ticketState  {@code OPEN} or {@code CLOSED}: the {@code metadata.ticketState} of ticket stages
 */
record PipelineStage(String id, String label, int displayOrder, String ticketState) {

    /** The JSON of pipelines-v3.json {@code PipelineStage}; HubSpot's default stages were created at 0 (its spec). */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("label", label);
        json.put("displayOrder", displayOrder);
        json.putObject("metadata").put("ticketState", ticketState);
        json.put("createdAt", Timestamps.format(Instant.EPOCH));
        json.put("updatedAt", Timestamps.format(Instant.EPOCH));
        json.put("archived", false);
        // 2026-09 requires it; CRM_PERMISSIONS_ENFORCEMENT is the level of a stage users may edit (pipelines.json)
        json.put("writePermissions", "CRM_PERMISSIONS_ENFORCEMENT");
        return json;
    }
}
