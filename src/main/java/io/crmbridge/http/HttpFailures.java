package io.crmbridge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Map;

/**
 * What the HubSpot and the Brevo clients read from a failed or answered call: the cause of a given type in an
 * exception chain, a JSON body (MissingNode when empty or not JSON) and a header holding seconds
 * ({@code Retry-After}, {@code x-sib-ratelimit-reset}).
 */
public final class HttpFailures {

    private HttpFailures() {
    }

    /** The first throwable of {@code type} in {@code t}'s cause chain ({@code t} included), or null. */
    public static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** The parsed body; a MissingNode for null, blank or malformed text. */
    public static JsonNode json(ObjectMapper mapper, String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /**
     * The value of header {@code name} (any case: names arrive with the server's case) read as seconds, in
     * milliseconds; null when absent or not a number.
     */
    public static Long secondsHeaderMs(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (name.equalsIgnoreCase(h.getKey()) && h.getValue() != null) {
                try {
                    return Math.max(0, (long) (Double.parseDouble(h.getValue().trim()) * 1000));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * The delay before redelivery {@code redeliveries + 1}: {@code initialMs} doubled per redelivery, capped at
     * {@code maxMs}, with equal jitter (half fixed, half random) so that concurrent retries spread apart.
     */
    public static long backoffMs(int redeliveries, long initialMs, long maxMs) {
        long ceiling = Math.min(maxMs, initialMs << Math.min(redeliveries, 20));
        return ceiling / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }
}
