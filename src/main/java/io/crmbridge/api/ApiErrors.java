package io.crmbridge.api;

import io.crmbridge.sync.SyncAlreadyRunningException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an exception caught by an API route (routes/api.yaml) into the JSON error answer
 * {@code {"error": message, "status": status}}: an {@link ApiRefusal}'s own status (every refused request),
 * 409 for a sync already running, 500 (with the exception's class only, the rest logged) for anything else.
 */
public class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    /**
     * @param caught  the exception the route caught
     * @param message the reply message; its HTTP status header is set
     * @return the error body
     */
    public Map<String, Object> reply(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught, Message message) {
        Answer answer = answer(caught);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        return Map.of("error", answer.message(), "status", answer.status());
    }

    /** The status and message to answer for {@code caught}: a refusal's own, 409, or 500 (the cause logged). */
    public static Answer answer(Exception caught) {
        if (caught instanceof ApiRefusal refusal) {
            return new Answer(refusal.status(), refusal.getMessage() == null ? "" : refusal.getMessage());
        }
        if (caught instanceof SyncAlreadyRunningException) {
            return new Answer(409, caught.getMessage() == null ? "" : caught.getMessage());
        }
        // the caller sees only the class; the cause goes to the log
        LOG.error("API request failed", caught);
        return new Answer(500, "internal error (" + (caught == null ? "unknown" : caught.getClass().getSimpleName())
                + "); see the application log");
    }

    /** An error answer: HTTP status and a message safe to show the caller. */
    public record Answer(int status, String message) {
    }
}
