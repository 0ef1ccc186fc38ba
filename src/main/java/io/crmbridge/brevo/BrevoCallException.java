package io.crmbridge.brevo;

/**
 * A Brevo request that failed for good: a non-retryable 4xx, or a retryable failure after the last
 * redelivery. The message is Brevo's own {@code message} (its error body is {@code {"code", "message"}}),
 * never the API key.
 */
public class BrevoCallException extends RuntimeException {

    private final int status;
    private final String code;

    /**
     * @param status HTTP status, or 0 for an I/O failure with no answer
     * @param code   Brevo's error {@code code} ({@code invalid_parameter}, {@code unauthorized} ...), or null
     */
    public BrevoCallException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** True when Brevo refused the key or its permissions (401, 403): nothing more can be sent. */
    public boolean isAuthProblem() {
        return status == 401 || status == 403;
    }

    /** True for failures caused by the request's content (4xx other than 401, 403, 423, 429). */
    public boolean isRecordProblem() {
        return status >= 400 && status < 500 && !isAuthProblem() && status != 429 && status != 423;
    }
}
