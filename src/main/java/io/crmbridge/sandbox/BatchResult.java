package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Collects a batch answer: {@code {status:"COMPLETE",results,[numErrors,errors],startedAt,completedAt}}
 * (hubspot-api.md §1.3). The status is the given success code, or 207 once an error is added in a version that
 * answers failed inputs with Multi-Status ({@link ApiVersion#multiStatus()}; hubspot-api.md §10.2).
 */
final class BatchResult {

    private final Instant startedAt = Timestamps.now();
    private final ArrayNode results = JsonNodeFactory.instance.arrayNode();
    private final ArrayNode errors = JsonNodeFactory.instance.arrayNode();

    void addResult(ObjectNode result) {
        results.add(result);
    }

    void addError(ObjectNode standardError) {
        errors.add(standardError);
    }

    /** Turns a per-input failure into a StandardError with {@code context.objectWriteTraceId} (hubspot-api.md §1.4). */
    void addInputError(ApiException failure, String traceId) {
        ObjectNode context = traceId == null ? null : ErrorBodies.context("objectWriteTraceId", List.of(traceId));
        errors.add(ErrorBodies.standardError(failure.body().path("category").asText(), failure.getMessage(), context));
    }

    ApiResponse toResponse(int successStatus, ApiVersion version) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "COMPLETE");
        body.set("results", results);
        if (!errors.isEmpty()) {
            body.put("numErrors", errors.size());
            body.set("errors", errors);
        }
        body.put("startedAt", Timestamps.format(startedAt));
        body.put("completedAt", Timestamps.format(Timestamps.now()));
        return new ApiResponse(errors.isEmpty() || !version.multiStatus() ? successStatus : 207, body);
    }
}
