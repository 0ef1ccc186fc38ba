package io.crmbridge.sandbox.brevo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An answer of the Brevo sandbox.
 *
 * @param status HTTP status; 0 for a connection closed without an answer (an injected fault)
 * @param body   JSON body, or null for none (204, 201 of an attribute)
 */
record BrevoAnswer(int status, JsonNode body) {

    boolean isDropped() {
        return status == 0;
    }
}
