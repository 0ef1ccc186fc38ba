package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;

/**
 * Builds HubSpot's error bodies (hubspot-api.md §1.4, §4.3, §5, §6) and the sandbox's bodies of injected
 * faults. Top-level bodies get their
 * {@code correlationId} when sent; batch {@code StandardError}s carry none.
 */
final class ErrorBodies {

    static final String AUTH_MESSAGE = "Authentication credentials not found. This API supports both API Key and OAuth 2.0 "
            + "authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ErrorBodies() {
    }

    /** {@code {"status":"error","message":…,"category":…}}. */
    static ObjectNode error(String category, String message) {
        ObjectNode body = NODES.objectNode();
        body.put("status", "error");
        body.put("message", message);
        body.put("category", category);
        return body;
    }

    static ApiException validation(String message) {
        return new ApiException(400, error("VALIDATION_ERROR", message));
    }

    static ApiException notFound(String message) {
        return new ApiException(404, error("OBJECT_NOT_FOUND", message));
    }

    static ApiException conflict(String message) {
        return new ApiException(409, error("CONFLICT", message));
    }

    /** 400 for more inputs than allowed; message text from hubspot-api.md §1.5. */
    static ApiException tooManyInputs(int max) {
        return validation("The maximum number of inputs supported in a batch is " + max
                + ". Please reduce the number of items and try again");
    }

    /** 400 for repeated ids in one update or upsert (hubspot-api.md §1.5). */
    static ApiException duplicateIds(Collection<String> ids) {
        ObjectNode body = error("VALIDATION_ERROR", "Duplicate IDs found in batch input: [" + String.join(", ", ids)
                + "]. IDs must be unique");
        body.set("context", context("ids", ids));
        return new ApiException(400, body);
    }

    /** The §6 message: "Property values were not valid: " + a JSON array written as a string. */
    static String propertyValuesMessage(List<PropertyFailure> failures) {
        ArrayNode array = NODES.arrayNode();
        for (PropertyFailure f : failures) {
            ObjectNode item = array.addObject();
            item.put("isValid", false);
            item.put("message", f.message());
            item.put("error", f.error());
            item.put("name", f.name());
        }
        return "Property values were not valid: " + array;
    }

    /** A batch {@code StandardError}. */
    static ObjectNode standardError(String category, String message, ObjectNode context) {
        ObjectNode e = NODES.objectNode();
        e.put("status", "error");
        e.put("category", category);
        e.put("message", message);
        e.set("context", context == null ? NODES.objectNode() : context);
        return e;
    }

    /** {@code {key:[values…]}}, HubSpot's {@code map<string,string[]>} context. */
    static ObjectNode context(String key, Collection<String> values) {
        ObjectNode ctx = NODES.objectNode();
        ArrayNode arr = ctx.putArray(key);
        values.forEach(arr::add);
        return ctx;
    }

    /** 429 of the ten-second burst policy (hubspot-api.md §4.3), without Retry-After. */
    static ObjectNode tenSecondlyLimit() {
        ObjectNode body = NODES.objectNode();
        body.put("status", "error");
        body.put("message", "You have reached your ten_secondly_rolling limit.");
        body.put("errorType", "RATE_LIMIT");
        body.put("policyName", "TEN_SECONDLY_ROLLING");
        body.put("groupName", "publicapi:private_app-api-calls-ten-secondly:1:1");
        return body;
    }

    /** 429 of the search per-second limit (hubspot-api.md §4.3). */
    static ObjectNode secondlySearchLimit() {
        return error("RATE_LIMITS", "You have reached your secondly limit.");
    }

    static final String SCOPES_LINK = "https://developers.hubspot.com/scopes";

    /**
     * 403 MISSING_SCOPES, the real body of hubspot-api.md §5 with the scopes under
     * {@code errors[0].context.requiredGranularScopes} (the newer captures' key).
     */
    static ObjectNode missingScopes(List<String> scopes) {
        ObjectNode body = error("MISSING_SCOPES", "This app hasn't been granted all required scopes to make this call. "
                + "Read more about required scopes here: " + SCOPES_LINK + ".");
        ObjectNode detail = body.putArray("errors").addObject();
        detail.put("message", "One or more of the following scopes are required.");
        detail.set("context", context("requiredGranularScopes", scopes));
        body.putObject("links").put("scopes", SCOPES_LINK);
        return body;
    }

    /** 429 of the daily policy (hubspot-api.md §4.3, the documented example), with its {@code requestId}. */
    static ObjectNode dailyLimit(String requestId) {
        ObjectNode body = NODES.objectNode();
        body.put("status", "error");
        body.put("message", "You have reached your daily limit.");
        body.put("errorType", "RATE_LIMIT");
        body.put("policyName", "DAILY");
        body.put("requestId", requestId);
        return body;
    }

    /**
     * The body of an injected 5xx or 423. HubSpot documents these statuses (DOC-ERR) but no body, so the
     * sandbox answers the spec's {@code Error} shape; categories and messages are its own.
     */
    static ObjectNode injectedFault(int status) {
        switch (status) {
            case 423:
                return error("LOCKED", "The resource is locked by a concurrent sync; wait at least 2 seconds and retry.");
            case 502:
                return error("BAD_GATEWAY", "Bad Gateway");
            case 503:
                return error("SERVICE_UNAVAILABLE", "Service Unavailable");
            case 504:
                return error("GATEWAY_TIMEOUT", "Gateway Timeout");
            default:
                return error("INTERNAL_ERROR", "Internal error");
        }
    }
}
