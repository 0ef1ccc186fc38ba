package io.crmbridge.brevo;

import io.crmbridge.http.HttpFailures;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code retryWhile} of the Brevo redelivery, the same rule as the HubSpot side's
 * (io.crmbridge.hubspot.HubSpotRetryPolicy): 429, 423, 5xx and I/O failures are retried, other 4xx never;
 * attempts are bounded here (Camel ignores maximumRedeliveries once retryWhile is set) and each delay is set
 * in the {@code CamelRedeliveryDelay} header: {@code Retry-After} when sent, else for a 429 Brevo's
 * {@code x-sib-ratelimit-reset} (seconds until the window resets, developers.brevo.com/docs/limit-headers),
 * else exponential backoff with jitter.
 */
public class BrevoRetryPolicy implements Predicate {

    private static final Logger LOG = LoggerFactory.getLogger(BrevoRetryPolicy.class);

    private final BrevoSettings settings;

    public BrevoRetryPolicy(BrevoSettings settings) {
        this.settings = settings;
    }

    /** Camel calls this before every redelivery; true means "deliver again". */
    @Override
    public boolean matches(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int attemptsMade = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        int redeliveries = Math.max(0, attemptsMade - 1);
        if (caught == null || attemptsMade >= settings.maxAttempts()) {
            return false;
        }
        HttpOperationFailedException http = HttpFailures.cause(caught, HttpOperationFailedException.class);
        long delay = backoff(redeliveries);
        if (http != null) {
            int status = http.getStatusCode();
            if (status != 429 && status != 423 && status < 500) {
                return false;
            }
            Long waited = HttpFailures.secondsHeaderMs(http.getResponseHeaders(), "retry-after");
            if (waited == null && status == 429) {
                waited = HttpFailures.secondsHeaderMs(http.getResponseHeaders(), "x-sib-ratelimit-reset");
            }
            if (waited != null) {
                delay = Math.min(waited, settings.backoffMaxMs() * 4);
            }
            LOG.warn("Brevo answered {}: redelivery {} in {} ms", status, redeliveries + 1, delay);
        } else if (HttpFailures.cause(caught, IOException.class) != null) {
            LOG.warn("Brevo request failed ({}): redelivery {} in {} ms",
                    HttpFailures.cause(caught, IOException.class).getClass().getSimpleName(), redeliveries + 1, delay);
        } else {
            return false;
        }
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delay);
        return true;
    }

    private long backoff(int redeliveries) {
        return HttpFailures.backoffMs(redeliveries, settings.backoffInitialMs(), settings.backoffMaxMs());
    }
}
