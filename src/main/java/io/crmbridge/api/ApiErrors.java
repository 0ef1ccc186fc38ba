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
        int status;
        String text;
        if (caught instanceof ApiRefusal refusal) {
            status = refusal.status();
            text = refusal.getMessage();
        } else if (caught instanceof SyncAlreadyRunningException) {
            status = 409;
            text = caught.getMessage();
        } else {
            status = 500;
            // the caller sees only the class; the cause goes to the log
            LOG.error("API request failed", caught);
            text = "internal error (" + (caught == null ? "unknown" : caught.getClass().getSimpleName())
                    + "); see the application log";
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        return Map.of("error", text == null ? "" : text, "status", status);
    }
}
