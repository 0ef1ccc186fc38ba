package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the common parts of batch request bodies (hubspot-api.md §1.2). */
final class BatchInputs {

    private BatchInputs() {
    }

    /** The {@code inputs} array; 400 when absent or longer than {@code max} (hubspot-api.md §1.5). */
    static List<JsonNode> of(JsonNode body, int max) {
        JsonNode inputs = body.path("inputs");
        if (!inputs.isArray()) {
            throw ErrorBodies.validation("Invalid input JSON on line 1: field \"inputs\" is required and must be an array");
        }
        if (inputs.size() > max) {
            throw ErrorBodies.tooManyInputs(max);
        }
        List<JsonNode> list = new ArrayList<>(inputs.size());
        inputs.forEach(list::add);
        return list;
    }

    /** Whether every input carries a non-blank {@code objectWriteTraceId}: HubSpot's opt-in to 207 (hubspot-api.md §1.5). */
    static boolean allTraced(List<JsonNode> inputs) {
        if (inputs.isEmpty()) {
            return false;
        }
        for (JsonNode input : inputs) {
            if (traceId(input) == null) {
                return false;
            }
        }
        return true;
    }

    /** The input's trace id, or null. */
    static String traceId(JsonNode input) {
        JsonNode t = input.get("objectWriteTraceId");
        return t == null || t.isNull() || t.asText().isBlank() ? null : t.asText();
    }

    /** The input's {@code properties} as strings; JSON null becomes "" (clear). */
    static Map<String, String> properties(JsonNode input) {
        Map<String, String> values = new LinkedHashMap<>();
        input.path("properties").fields().forEachRemaining(e ->
                values.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        return values;
    }

    /**
     * The {@code id} of {@code node} (a {@code PublicObjectId}), e.g. an association input's {@code from}.
     *
     * @param where where the node is in the body, for the message, e.g. {@code inputs[0].from}
     * @throws ApiException 400 VALIDATION_ERROR naming {@code where} when the id is absent or blank
     */
    static String requiredId(JsonNode node, String where) {
        String id = text(node, "id");
        if (id == null || id.isBlank()) {
            throw ErrorBodies.validation("Invalid input JSON: " + where + ".id is required");
        }
        return id;
    }

    /** A text field, or null when absent or blank. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }
}
