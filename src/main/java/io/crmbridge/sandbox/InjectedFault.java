package io.crmbridge.sandbox;

/**
 * What the fault draw decided for one request: an answer to give instead of handling it (or none), and the
 * latency to add before answering.
 *
 * @param kind      the fault, {@link Kind#NONE} to handle the request normally
 * @param status    HTTP status of the injected answer; 0 for {@link Kind#NONE} and {@link Kind#DROP}
 * @param latencyMs milliseconds to wait before answering (0 or more)
 */
public record InjectedFault(Kind kind, int status, long latencyMs) {

    /** The kinds of injected answers (hubspot-api.md §1.5, §4.3, §8.9). */
    public enum Kind {
        NONE, SERVER_ERROR, LOCKED, RATE_LIMITED, RATE_LIMITED_RETRY_AFTER, DROP
    }

    static final InjectedFault NONE = new InjectedFault(Kind.NONE, 0, 0);

    /** Waits the drawn latency, holding no lock; an interrupt ends the wait and is kept on the thread. */
    public void awaitLatency() {
        if (latencyMs > 0) {
            try {
                Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
