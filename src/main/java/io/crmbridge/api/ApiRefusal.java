package io.crmbridge.api;

/**
 * A request the API refuses, with the HTTP status to answer and a message safe to show the caller
 * (never a credential). Answered as {@code {"error": message, "status": status}} by {@link ApiErrors}.
 */
public class ApiRefusal extends RuntimeException {

    private final int status;

    public ApiRefusal(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status to answer: 400, 401, 404 or 409. */
    public int status() {
        return status;
    }
}
