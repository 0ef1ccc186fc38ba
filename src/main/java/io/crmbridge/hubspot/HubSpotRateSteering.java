package io.crmbridge.hubspot;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steers the client by HubSpot's own count (L4): after each answer, when
 * {@code X-HubSpot-RateLimit-Remaining} falls into the last tenth of {@code X-HubSpot-RateLimit-Max}
 * (another client of the same portal may be spending the budget too), the calling thread pauses
 * one average request spacing ({@code Interval-Milliseconds / Max}) per request below that reserve,
 * so that the window refills instead of ending in a 429 (hubspot-api.md §4.2). Answers without the
 * headers (search, or when HubSpot could not gather them: §4.2) are not steered.
 */
public class HubSpotRateSteering implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(HubSpotRateSteering.class);

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        long pause = pauseMs(header(exchange, "X-HubSpot-RateLimit-Max"),
                header(exchange, "X-HubSpot-RateLimit-Remaining"),
                header(exchange, "X-HubSpot-RateLimit-Interval-Milliseconds"));
        if (pause > 0) {
            LOG.debug("HubSpot rate budget nearly spent: pausing {} ms", pause);
            Thread.sleep(pause);
        }
    }

    /** The pause in ms for these header values; 0 when a value is missing or the budget is comfortable. */
    static long pauseMs(Long max, Long remaining, Long intervalMs) {
        if (max == null || remaining == null || intervalMs == null || max <= 0) {
            return 0;
        }
        long reserve = Math.max(1, max / 10);
        if (remaining >= reserve) {
            return 0;
        }
        return (reserve - remaining) * intervalMs / max;
    }

    private static Long header(Exchange exchange, String name) {
        // Camel's header map is case-insensitive: HubSpot's header case does not matter
        Object v = exchange.getMessage().getHeader(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
