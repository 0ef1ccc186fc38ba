package io.crmbridge.sandbox;

import java.util.ArrayDeque;

/**
 * A rolling-window request budget: at most {@code max} admitted requests in any window of
 * {@code windowMillis} (HubSpot's TEN_SECONDLY_ROLLING policy, hubspot-api.md §4).
 */
public final class RollingWindowLimiter {

    private final int max;
    private final long windowNanos;
    private final ArrayDeque<Long> admitted = new ArrayDeque<>();

    /** At most {@code max} requests in any {@code windowMillis}. */
    public RollingWindowLimiter(int max, long windowMillis) {
        this.max = max;
        this.windowNanos = windowMillis * 1_000_000L;
    }

    /** Tries to admit one request now; returns the remaining budget, or -1 when refused. */
    public synchronized int tryAcquire() {
        long now = System.nanoTime();
        while (!admitted.isEmpty() && now - admitted.peekFirst() >= windowNanos) {
            admitted.pollFirst();
        }
        if (admitted.size() >= max) {
            return -1;
        }
        admitted.addLast(now);
        return max - admitted.size();
    }

    /** The budget of one window. */
    public int max() {
        return max;
    }

    synchronized void clear() {
        admitted.clear();
    }
}
