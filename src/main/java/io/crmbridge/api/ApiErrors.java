package io.crmbridge.api;

import io.crmbridge.sync.SyncAlreadyRunningException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;

/**
 * Turns an exception caught by an API route (routes/api.yaml) into the JSON error answer
 * {@code {"error": message}} and its status: an {@link ApiRefusal}'s own status, 409 for a sync already
 * running, 400 for an invalid argument, 500 (with the exception's class only) for anything else.
 */
public class ApiErrors {

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
        } else if (caught instanceof IllegalArgumentException) {
            status = 400;
            text = caught.getMessage();
        } else {
            status = 500;
            text = "internal error (" + (caught == null ? "unknown" : caught.getClass().getSimpleName())
                    + "); see the application log";
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        return Map.of("error", text == null ? "" : text, "status", status);
    }
}
