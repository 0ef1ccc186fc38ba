package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An answer to send: status and JSON body (null for 204), or {@link #dropped()}: no answer at all.
 *
 * @param status HTTP status; 0 for a dropped connection
 * @param body   JSON body or null
 */
record ApiResponse(int status, JsonNode body) {

    static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }

    /** The connection is to be closed without sending anything (an injected fault). */
    static ApiResponse dropped() {
        return new ApiResponse(0, null);
    }

    boolean isDropped() {
        return status == 0;
    }
}
