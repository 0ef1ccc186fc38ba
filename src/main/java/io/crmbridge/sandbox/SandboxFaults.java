package io.crmbridge.sandbox;

import java.util.Locale;

/**
 * Faults the sandbox injects into API calls, so that the client's retries can be tested against the
 * transient answers HubSpot documents (hubspot-api.md §1.5 "423 Locked", §4.3, §8.9; DOC-ERR's
 * 502/503/504). All rates are probabilities per request in [0, 1]; their sum must not exceed 1, because
 * one draw picks at most one fault. Every rate is 0 by default.
 *
 * <p>Draws come from one {@link java.util.Random} seeded with {@code seed}: the same seed and the same
 * sequence of requests give the same faults, so a failing test can be replayed. Requests served
 * concurrently take their draws in arrival order, so concurrency can reorder which request gets which
 * fault; the sequence of faults itself stays the same.
 *
 * <p>A faulted request is answered before it is handled, so it never changes the portal's state.
 *
 * @param seed              seed of the fault draws
 * @param serverErrorRate   share answered 500, 502, 503 or 504 (evenly split)
 * @param lockedRate        share answered 423 Locked
 * @param rateLimitedRate   share answered 429 TEN_SECONDLY_ROLLING without {@code Retry-After}, as HubSpot does
 * @param retryAfterRate    share answered 429 TEN_SECONDLY_ROLLING with {@code Retry-After}
 * @param retryAfterSeconds the {@code Retry-After} value, in seconds (0 or more)
 * @param latencyMinMs      least added latency per request, in milliseconds (0 or more)
 * @param latencyMaxMs      most added latency per request; equal to {@code latencyMinMs} for a fixed delay
 * @param dropRate          share whose connection is closed without any answer
 */
public record SandboxFaults(long seed, double serverErrorRate, double lockedRate, double rateLimitedRate,
                            double retryAfterRate, int retryAfterSeconds, long latencyMinMs, long latencyMaxMs,
                            double dropRate) {

    /** Default {@code Retry-After} of injected 429s, in seconds. */
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 1;

    /** @throws IllegalArgumentException when a rate is outside [0, 1], the rates sum above 1, or a duration is negative */
    public SandboxFaults {
        rate("serverErrorRate", serverErrorRate);
        rate("lockedRate", lockedRate);
        rate("rateLimitedRate", rateLimitedRate);
        rate("retryAfterRate", retryAfterRate);
        rate("dropRate", dropRate);
        if (serverErrorRate + lockedRate + rateLimitedRate + retryAfterRate + dropRate > 1.0 + 1e-9) {
            throw new IllegalArgumentException("fault rates must not sum above 1");
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative");
        }
        if (latencyMinMs < 0 || latencyMaxMs < latencyMinMs) {
            throw new IllegalArgumentException("latency must satisfy 0 <= min <= max, got " + latencyMinMs + "-" + latencyMaxMs);
        }
    }

    /** No faults, no latency (seed 1). */
    public static SandboxFaults none() {
        return new SandboxFaults(1, 0, 0, 0, 0, DEFAULT_RETRY_AFTER_SECONDS, 0, 0, 0);
    }

    /** Same faults drawn from another seed. */
    public SandboxFaults withSeed(long newSeed) {
        return new SandboxFaults(newSeed, serverErrorRate, lockedRate, rateLimitedRate, retryAfterRate, retryAfterSeconds,
                latencyMinMs, latencyMaxMs, dropRate);
    }

    /** With a share of 500/502/503/504 answers. */
    public SandboxFaults withServerErrorRate(double rate) {
        return new SandboxFaults(seed, rate, lockedRate, rateLimitedRate, retryAfterRate, retryAfterSeconds,
                latencyMinMs, latencyMaxMs, dropRate);
    }

    /** With a share of 423 answers. */
    public SandboxFaults withLockedRate(double rate) {
        return new SandboxFaults(seed, serverErrorRate, rate, rateLimitedRate, retryAfterRate, retryAfterSeconds,
                latencyMinMs, latencyMaxMs, dropRate);
    }

    /** With a share of 429 answers without {@code Retry-After}. */
    public SandboxFaults withRateLimitedRate(double rate) {
        return new SandboxFaults(seed, serverErrorRate, lockedRate, rate, retryAfterRate, retryAfterSeconds,
                latencyMinMs, latencyMaxMs, dropRate);
    }

    /** With a share of 429 answers carrying {@code Retry-After: seconds}. */
    public SandboxFaults withRetryAfter(double rate, int seconds) {
        return new SandboxFaults(seed, serverErrorRate, lockedRate, rateLimitedRate, rate, seconds,
                latencyMinMs, latencyMaxMs, dropRate);
    }

    /** With an added latency drawn uniformly from {@code [minMs, maxMs]} (fixed when equal). */
    public SandboxFaults withLatency(long minMs, long maxMs) {
        return new SandboxFaults(seed, serverErrorRate, lockedRate, rateLimitedRate, retryAfterRate, retryAfterSeconds,
                minMs, maxMs, dropRate);
    }

    /**
     * With the latency written as {@code "50"} (fixed) or {@code "20-80"} (range), in milliseconds; blank means none.
     *
     * @throws IllegalArgumentException when the text is neither form
     */
    public SandboxFaults withLatency(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.isEmpty()) {
            return withLatency(0, 0);
        }
        try {
            int dash = s.indexOf('-');
            if (dash < 0) {
                long fixed = Long.parseLong(s);
                return withLatency(fixed, fixed);
            }
            return withLatency(Long.parseLong(s.substring(0, dash).trim()), Long.parseLong(s.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("latency must be \"ms\" or \"min-max\" in ms, got \"" + spec + "\"", e);
        }
    }

    /** With a share of connections closed without an answer. */
    public SandboxFaults withDropRate(double rate) {
        return new SandboxFaults(seed, serverErrorRate, lockedRate, rateLimitedRate, retryAfterRate, retryAfterSeconds,
                latencyMinMs, latencyMaxMs, rate);
    }

    /** Whether any fault or latency is configured; when not, requests take no draw at all. */
    boolean active() {
        return serverErrorRate + lockedRate + rateLimitedRate + retryAfterRate + dropRate > 0 || latencyMaxMs > 0;
    }

    private static void rate(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be in [0, 1], got %s", name, value));
        }
    }
}
