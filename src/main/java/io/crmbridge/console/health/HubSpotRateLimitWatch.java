package io.crmbridge.console.health;

import io.crmbridge.hubspot.HubSpotRateLimitHeaders;
import io.crmbridge.hubspot.HubSpotTraffic;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The latest rate-limit figures HubSpot sent (hubspot-api.md §4.2), told by the gateway and the retry policy with
 * every answer ({@link HubSpotTraffic#rateLimits}): the 10-second window ({@code X-HubSpot-RateLimit-Max},
 * {@code -Remaining}, {@code -Interval-Milliseconds}) and the day ({@code X-HubSpot-RateLimit-Daily},
 * {@code -Daily-Remaining}), each with the time it was seen. They are kept apart because answers carry either:
 * search carries no window headers, OAuth calls no daily ones. Sends nothing itself. Thread-safe.
 */
public final class HubSpotRateLimitWatch implements HubSpotTraffic {

    /**
     * HubSpot's 10-second window as an answer told it.
     *
     * @param intervalMs the window in ms, or null when the answer did not say
     */
    public record Window(long max, long remaining, Long intervalMs, Instant seenAt) {
    }

    /** The account's day as an answer told it: requests allowed and left today. */
    public record Day(long daily, long dailyRemaining, Instant seenAt) {
    }

    private final Clock clock;
    private volatile Window window;
    private volatile Day day;

    /** @param clock tells when an answer was seen */
    public HubSpotRateLimitWatch(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void rateLimits(HubSpotRateLimitHeaders headers) {
        Instant now = clock.instant();
        if (headers.hasWindow()) {
            window = new Window(headers.max(), headers.remaining(), headers.intervalMs(), now);
        }
        if (headers.hasDaily()) {
            day = new Day(headers.daily(), headers.dailyRemaining(), now);
        }
    }

    /** The window of the latest answer that carried its headers; empty before the first. */
    public Optional<Window> window() {
        return Optional.ofNullable(window);
    }

    /** The day of the latest answer that carried its headers; empty before the first. */
    public Optional<Day> day() {
        return Optional.ofNullable(day);
    }
}
