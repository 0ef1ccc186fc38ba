package io.crmbridge.brevo;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steers the client by Brevo's own count: when an answer's {@code x-sib-ratelimit-remaining} is 0 (another
 * client of the same account may be spending the budget too), the calling thread waits the
 * {@code x-sib-ratelimit-reset} seconds before its next request, so that it does not run into a 429
 * (developers.brevo.com/docs/limit-headers). Answers without the headers are not steered.
 */
public class BrevoRateSteering implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(BrevoRateSteering.class);

    private final long maxPauseMs;

    /** @param maxPauseMs the longest pause, whatever the reset header says */
    public BrevoRateSteering(long maxPauseMs) {
        this.maxPauseMs = maxPauseMs;
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        long pause = pauseMs(header(exchange, "x-sib-ratelimit-remaining"), header(exchange, "x-sib-ratelimit-reset"));
        pause = Math.min(pause, maxPauseMs);
        if (pause > 0) {
            LOG.debug("Brevo rate budget spent: pausing {} ms", pause);
            Thread.sleep(pause);
        }
    }

    /** The pause in ms: the reset time when nothing remains, else 0 (also when a header is missing). */
    static long pauseMs(Double remaining, Double resetSeconds) {
        if (remaining == null || resetSeconds == null || remaining > 0) {
            return 0;
        }
        return (long) (resetSeconds * 1000);
    }

    private static Double header(Exchange exchange, String name) {
        // Camel's header map is case-insensitive
        Object v = exchange.getMessage().getHeader(name);
        if (v == null) {
            return null;
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
