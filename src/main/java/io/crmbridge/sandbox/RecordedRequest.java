package io.crmbridge.sandbox;

/**
 * One request the sandbox received, as kept in its request log.
 *
 * @param method     HTTP method
 * @param path       request path without the query string
 * @param status     HTTP status answered; 0 when the connection was dropped without an answer (an injected fault)
 * @param inputCount size of the body's {@code inputs} array, 0 when absent
 */
public record RecordedRequest(String method, String path, int status, int inputCount) {
}
