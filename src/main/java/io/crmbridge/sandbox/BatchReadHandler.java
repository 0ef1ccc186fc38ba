package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST …/batch/read} (hubspot-api.md §1.1, §1.2, §1.4): read by record id or a top-level unique
 * {@code idProperty}; missing ids → 207 with one aggregated OBJECT_NOT_FOUND error.
 */
final class BatchReadHandler {

    private final SandboxState state;
    private final RecordJson json;
    private final int maxInputs;

    BatchReadHandler(SandboxState state, RecordJson json, int maxInputs) {
        this.state = state;
        this.json = json;
        this.maxInputs = maxInputs;
    }

    ApiResponse read(ApiVersion version, ObjectType type, JsonNode body) {
        List<JsonNode> inputs = BatchInputs.of(body, maxInputs);
        String idProperty = BatchInputs.text(body, "idProperty");
        List<String> properties = new ArrayList<>();
        body.path("properties").forEach(p -> properties.add(p.asText()));
        return state.read(() -> {
            BatchResult result = new BatchResult();
            List<String> missing = new ArrayList<>();
            for (JsonNode input : inputs) {
                String id = input.path("id").asText();
                var record = IdPropertyRules.find(state, type, id, idProperty);
                if (record.isPresent()) {
                    result.addResult(json.selected(type, record.get(), properties));
                } else {
                    missing.add(id);
                }
            }
            if (!missing.isEmpty()) {
                result.addError(ErrorBodies.standardError("OBJECT_NOT_FOUND", "Could not get some " + SandboxNames.singular(type)
                        + " objects, they may be deleted or not exist. Check that ids are valid.",
                        ErrorBodies.context("ids", missing)));
            }
            return result.toResponse(200, version);
        });
    }
}
