package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmbridge.model.ObjectType;
import java.util.List;

/**
 * The pipelines API, read side ({@code GET /crm/v3/pipelines/{objectType}[/{pipelineId}[/stages[/{stageId}]]]},
 * pipelines-v3.json; dated twin {@code /crm/pipelines/2026-03/...}): tickets have HubSpot's default pipeline
 * {@code 0} ({@link Pipeline#DEFAULT_TICKETS}). Lists answer {@code {"results":[…]}}; an unknown pipeline or
 * stage answers 404 OBJECT_NOT_FOUND. Contacts and companies list no pipeline (the sandbox's choice: HubSpot's
 * answer for them is not recorded).
 */
final class PipelinesHandler {

    /** The pipelines of a type, in display order. */
    static List<Pipeline> of(ObjectType type) {
        return type == ObjectType.TICKETS ? List.of(Pipeline.DEFAULT_TICKETS) : List.of();
    }

    ApiResponse list(ObjectType type) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode results = body.putArray("results");
        of(type).forEach(p -> results.add(p.toJson()));
        return new ApiResponse(200, body);
    }

    ApiResponse get(ObjectType type, String pipelineId) {
        return new ApiResponse(200, pipeline(type, pipelineId).toJson());
    }

    ApiResponse stages(ObjectType type, String pipelineId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode results = body.putArray("results");
        pipeline(type, pipelineId).stages().forEach(s -> results.add(s.toJson()));
        return new ApiResponse(200, body);
    }

    ApiResponse stage(ObjectType type, String pipelineId, String stageId) {
        return new ApiResponse(200, pipeline(type, pipelineId).stage(stageId).orElseThrow(() -> ErrorBodies.notFound(
                "Unable to find stage " + stageId + " in pipeline " + pipelineId + " of object type " + type.typeId()))
                .toJson());
    }

    private static Pipeline pipeline(ObjectType type, String pipelineId) {
        return of(type).stream().filter(p -> p.id().equals(pipelineId)).findFirst().orElseThrow(() ->
                ErrorBodies.notFound("Unable to find pipeline " + pipelineId + " for object type " + type.typeId()));
    }
}
