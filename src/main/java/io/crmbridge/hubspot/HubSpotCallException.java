package io.crmbridge.hubspot;

/**
 * A HubSpot request that failed for good: a non-retryable 4xx, or a retryable failure after the
 * last redelivery (L3). The message is HubSpot's own {@code message} (hubspot-api.md §1.4), never
 * the token.
 */
public class HubSpotCallException extends RuntimeException {

    private final int status;
    private final String category;

    /**
     * @param status   HTTP status, or 0 for an I/O failure with no answer
     * @param category HubSpot's error {@code category} (VALIDATION_ERROR, CONFLICT ...), or null
     */
    public HubSpotCallException(int status, String category, String message) {
        super(message);
        this.status = status;
        this.category = category;
    }

    public int status() {
        return status;
    }

    public String category() {
        return category;
    }

    /** True for failures caused by the request's content (4xx other than 401/403/429/423). */
    public boolean isRecordProblem() {
        return status >= 400 && status < 500 && status != 401 && status != 403 && status != 429 && status != 423;
    }

    /** True when HubSpot refused the credentials or scopes: the whole run must stop (hubspot-api.md §5). */
    public boolean isAuthProblem() {
        return status == 401 || status == 403;
    }
}
