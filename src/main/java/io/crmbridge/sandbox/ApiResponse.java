package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An answer to send: status and JSON body (null for 204).
 *
 * @param status HTTP status
 * @param body   JSON body or null
 */
record ApiResponse(int status, JsonNode body) {

    static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }
}
