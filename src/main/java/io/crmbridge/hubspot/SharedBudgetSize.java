package io.crmbridge.hubspot;

/**
 * The size of the token bucket several instances share ({@link SharedRequestBudget}) for a budget of {@code max}
 * requests in any rolling 10 seconds (hubspot-api.md §10.4). A bucket of capacity {@code capacity} refilled
 * continuously at {@code refillPerTenSeconds} lets at most {@code capacity + refillPerTenSeconds * T / 10 s}
 * permits through in any stretch of T seconds (full at its start, refilled during it). HubSpot counts a request
 * when it arrives, and two permits taken 10 s apart may arrive closer when the first was slower on the network:
 * the stretch the bucket must keep under {@code max} is HubSpot's 10 s plus
 * {@link HubSpotRequestBudget#SEND_WINDOW_MS}'s 250 ms for the network (the single-process budget's assumption), so
 * {@code capacity + refillPerTenSeconds * 10.25 / 10 <= max}.
 * <p>
 * The capacity is a tenth of {@code max} (at least 1): the refill is what lasts, the capacity only lets a short
 * burst (a file's schema read and property creates, the first batches) go at once, so a small one keeps the
 * sustained rate near {@code max} (166 of 190, 87 of 100, 17 of 20 a window).
 *
 * @param capacity            permits the bucket holds when full (its burst)
 * @param refillPerTenSeconds permits added every 10 s, spread evenly (Bucket4j's greedy refill)
 */
public record SharedBudgetSize(int capacity, int refillPerTenSeconds) {

    /** HubSpot's window and the network's allowance, in ms (the stretch the bucket keeps under the budget). */
    static final long GUARDED_MS = HubSpotRequestBudget.SEND_WINDOW_MS;

    /**
     * The size for {@code max} requests per 10 s.
     *
     * @throws IllegalArgumentException when {@code max} is below 3: a bucket refilled at all lets through at least
     *                                  1 + 1.025 permits in 10.25 s
     */
    public static SharedBudgetSize of(int max) {
        if (max < 3) {
            throw new IllegalArgumentException("a request budget shared by several instances needs at least 3"
                    + " requests per 10 s (hubspot.requests-per-ten-seconds), was " + max);
        }
        int capacity = Math.max(1, max / 10);
        int refill = (int) ((max - capacity) * 10_000L / GUARDED_MS);
        return new SharedBudgetSize(capacity, refill);
    }

    /** The most permits the bucket lets through in any {@code ms} milliseconds: a full bucket and the refill. */
    public double mostPermitsWithin(long ms) {
        return capacity + refillPerTenSeconds * ms / 10_000.0;
    }
}
