package io.crmbridge.sandbox;

import java.util.Random;

/**
 * Draws the fault of each request from {@link SandboxFaults}: one uniform draw picks at most one fault
 * (the rates are consecutive bands of [0, 1): drop, 5xx, 423, 429, 429 with Retry-After), and a second draw
 * the latency when a range is configured. The random source is seeded, so a sequence of requests replays.
 * Shared by the HubSpot and the Brevo sandboxes.
 */
public final class FaultInjector {

    private static final int[] SERVER_ERRORS = {500, 502, 503, 504};

    private final SandboxFaults faults;
    private final Random random;

    /** A draw sequence seeded with {@code faults.seed()}. */
    public FaultInjector(SandboxFaults faults) {
        this.faults = faults;
        this.random = new Random(faults.seed());
    }

    /** The fault of the next request; {@link InjectedFault#NONE} without a draw when no fault is configured. */
    public InjectedFault next() {
        if (!faults.active()) {
            return InjectedFault.NONE;
        }
        double u;
        long latency;
        // both draws of one request together, so each request's (fault, latency) pair replays
        synchronized (random) {
            u = random.nextDouble();
            long spread = faults.latencyMaxMs() - faults.latencyMinMs();
            latency = faults.latencyMinMs() + (spread > 0 ? (long) (random.nextDouble() * (spread + 1)) : 0);
        }
        double band = faults.dropRate();
        if (u < band) {
            return new InjectedFault(InjectedFault.Kind.DROP, 0, latency);
        }
        if (u < band + faults.serverErrorRate()) {
            int index = (int) ((u - band) / faults.serverErrorRate() * SERVER_ERRORS.length);
            return new InjectedFault(InjectedFault.Kind.SERVER_ERROR,
                    SERVER_ERRORS[Math.min(index, SERVER_ERRORS.length - 1)], latency);
        }
        band += faults.serverErrorRate();
        if (u < band + faults.lockedRate()) {
            return new InjectedFault(InjectedFault.Kind.LOCKED, 423, latency);
        }
        band += faults.lockedRate();
        if (u < band + faults.rateLimitedRate()) {
            return new InjectedFault(InjectedFault.Kind.RATE_LIMITED, 429, latency);
        }
        band += faults.rateLimitedRate();
        if (u < band + faults.retryAfterRate()) {
            return new InjectedFault(InjectedFault.Kind.RATE_LIMITED_RETRY_AFTER, 429, latency);
        }
        return new InjectedFault(InjectedFault.Kind.NONE, 0, latency);
    }

    /** The {@code Retry-After} seconds of {@link InjectedFault.Kind#RATE_LIMITED_RETRY_AFTER} answers. */
    public int retryAfterSeconds() {
        return faults.retryAfterSeconds();
    }
}
