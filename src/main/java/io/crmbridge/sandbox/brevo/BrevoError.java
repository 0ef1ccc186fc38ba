package io.crmbridge.sandbox.brevo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Brevo error answer: the status and Brevo's error body {@code {"code": "...", "message": "..."}}, whose
 * codes are those Brevo documents for its 4xx answers ({@code invalid_parameter}, {@code missing_parameter},
 * {@code out_of_range}, {@code document_not_found}, {@code duplicate_parameter}, {@code unauthorized} ...,
 * developers.brevo.com/reference).
 */
final class BrevoError extends RuntimeException {

    private final int status;
    private final String code;

    BrevoError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static BrevoError invalid(String message) {
        return new BrevoError(400, "invalid_parameter", message);
    }

    static BrevoError missing(String message) {
        return new BrevoError(400, "missing_parameter", message);
    }

    static BrevoError notFound(String message) {
        return new BrevoError(404, "document_not_found", message);
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        return body(code, getMessage());
    }

    static ObjectNode body(String code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("code", code);
        body.put("message", message);
        return body;
    }
}
