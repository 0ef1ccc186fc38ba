package io.crmbridge.hubspot;

import java.util.Map;

/**
 * The rate-limit headers of one HubSpot answer (hubspot-api.md §4.2): the 10-second window's
 * {@code X-HubSpot-RateLimit-Max}, {@code -Remaining} and {@code -Interval-Milliseconds}, and the day's
 * {@code X-HubSpot-RateLimit-Daily} and {@code -Daily-Remaining}. Each is null when the answer did not carry it:
 * search answers carry no window headers (the sandbox sends none for any operation HubSpot leaves out of its
 * window), OAuth calls no daily ones, and HubSpot may leave all of them out when it could not gather them (§4.2).
 *
 * @param max            requests allowed in the window
 * @param remaining      requests left in the window when HubSpot answered
 * @param intervalMs     the window, in ms (10,000)
 * @param daily          requests allowed today (the account's)
 * @param dailyRemaining requests left today when HubSpot answered
 */
public record HubSpotRateLimitHeaders(Long max, Long remaining, Long intervalMs, Long daily, Long dailyRemaining) {

    /** An answer without any rate-limit header. */
    public static final HubSpotRateLimitHeaders NONE = new HubSpotRateLimitHeaders(null, null, null, null, null);

    /**
     * The headers of an answer, names in any case (Camel's header map ignores case, an
     * {@code HttpOperationFailedException}'s keeps the server's); a value that is not a whole number counts as
     * absent. A null map gives {@link #NONE}.
     */
    public static HubSpotRateLimitHeaders of(Map<String, ?> headers) {
        if (headers == null || headers.isEmpty()) {
            return NONE;
        }
        Long max = null;
        Long remaining = null;
        Long interval = null;
        Long daily = null;
        Long dailyRemaining = null;
        for (Map.Entry<String, ?> h : headers.entrySet()) {
            String name = h.getKey() == null ? "" : h.getKey().toLowerCase(java.util.Locale.ROOT);
            if (!name.startsWith("x-hubspot-ratelimit-")) {
                continue;
            }
            Long value = number(h.getValue());
            switch (name.substring("x-hubspot-ratelimit-".length())) {
                case "max" -> max = value;
                case "remaining" -> remaining = value;
                case "interval-milliseconds" -> interval = value;
                case "daily" -> daily = value;
                case "daily-remaining" -> dailyRemaining = value;
                default -> {
                    // the legacy -Secondly headers (§4.2) are not read
                }
            }
        }
        return new HubSpotRateLimitHeaders(max, remaining, interval, daily, dailyRemaining);
    }

    /** Whether the answer carried none of the headers. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** Whether the answer told the 10-second window: its Max and Remaining. */
    public boolean hasWindow() {
        return max != null && remaining != null;
    }

    /** Whether the answer told the day's budget: its Daily and Daily-Remaining. */
    public boolean hasDaily() {
        return daily != null && dailyRemaining != null;
    }

    private static Long number(Object value) {
        if (value instanceof Iterable<?> values) {
            // a header sent twice: the last value stands
            Object last = null;
            for (Object v : values) {
                last = v;
            }
            value = last;
        }
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
