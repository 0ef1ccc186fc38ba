package io.crmbridge.hubspot;

import java.time.Duration;

/**
 * What happens on the wire to HubSpot, told to whoever watches it (the metrics and the readiness check of
 * io.crmbridge.ops). Every attempt sent is told once: either as {@link #retried} (an answer or failure the
 * redelivery sends again) or as {@link #answered} (a request's last attempt). Called on the sending thread;
 * implementations must be thread-safe, fast and must not throw. Kinds are {@link HubSpotRequestKind} labels,
 * statuses HTTP codes, {@code 0} when no answer came (I/O failure, time-out).
 */
public interface HubSpotTraffic {

    /** Watches nothing: for callers without metrics (tests, tools). */
    HubSpotTraffic NONE = new HubSpotTraffic() {
    };

    /** Why the sending thread waited before a request went out. */
    enum RateWait {
        /** No permit of the client-side budget was free ({@link HubSpotRequestBudget}). */
        BUDGET,
        /** HubSpot's own count showed another client spending the window ({@link HubSpotRateSteering}). */
        STEERING
    }

    /** The last attempt of a request of {@code kind} ended with {@code status} (0: no answer). */
    default void answered(String kind, int status) {
    }

    /** An attempt of a request of {@code kind} ended with {@code status} (0: no answer) and is sent again. */
    default void retried(String kind, int status) {
    }

    /** The sending thread waited {@code waited} before a request went out, for {@code cause}. */
    default void waited(RateWait cause, Duration waited) {
    }

    /**
     * An answer carried HubSpot's rate-limit headers (at least one of them): told for every answer that is told
     * as {@link #answered} or {@link #retried}, before it.
     */
    default void rateLimits(HubSpotRateLimitHeaders headers) {
    }

    /** Tells {@code first}, then {@code second}, everything. */
    static HubSpotTraffic both(HubSpotTraffic first, HubSpotTraffic second) {
        return new HubSpotTraffic() {
            @Override
            public void answered(String kind, int status) {
                first.answered(kind, status);
                second.answered(kind, status);
            }

            @Override
            public void retried(String kind, int status) {
                first.retried(kind, status);
                second.retried(kind, status);
            }

            @Override
            public void waited(RateWait cause, Duration waited) {
                first.waited(cause, waited);
                second.waited(cause, waited);
            }

            @Override
            public void rateLimits(HubSpotRateLimitHeaders headers) {
                first.rateLimits(headers);
                second.rateLimits(headers);
            }
        };
    }
}
