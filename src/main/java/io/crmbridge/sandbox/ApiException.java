package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A HubSpot-style error answer: the status and the error body (the correlation id is added on sending). */
final class ApiException extends RuntimeException {

    private final int status;
    private final transient ObjectNode body;

    ApiException(int status, ObjectNode body) {
        super(body.path("message").asText(), null, false, false);
        this.status = status;
        this.body = body;
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        return body;
    }
}
