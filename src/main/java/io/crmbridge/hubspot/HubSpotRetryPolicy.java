package io.crmbridge.hubspot;

import io.crmbridge.http.HttpFailures;
import io.crmbridge.report.ImportReport;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code retryWhile} of the HubSpot redelivery (L3, DESIGN.md "HubSpot client"): retries 429,
 * 423, 5xx and I/O failures, never other 4xx; bounds the attempts itself (Camel ignores
 * maximumRedeliveries once retryWhile is set) and sets each delay in the
 * {@code CamelRedeliveryDelay} header: Retry-After when HubSpot sends it (seconds), at least 2 s
 * for 423 (locks last 2 s, hubspot-api.md §1.5), otherwise exponential backoff with full jitter.
 * Each attempt it sends again is told to the {@link HubSpotTraffic}, with the rate-limit headers of its answer.
 */
public class HubSpotRetryPolicy implements Predicate {

    private static final Logger LOG = LoggerFactory.getLogger(HubSpotRetryPolicy.class);
    private static final long LOCKED_MIN_DELAY_MS = 2_000;

    private final HubSpotSettings settings;
    private final HubSpotTraffic traffic;

    public HubSpotRetryPolicy(HubSpotSettings settings) {
        this(settings, HubSpotTraffic.NONE);
    }

    /** @param traffic told the status (0: no answer) of every attempt that is sent again */
    public HubSpotRetryPolicy(HubSpotSettings settings, HubSpotTraffic traffic) {
        this.settings = settings;
        this.traffic = traffic;
    }

    /** Camel calls this before every redelivery; true means "deliver again". */
    @Override
    public boolean matches(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        // Camel has already counted the redelivery it asks about: after attempt n the counter is n
        int attemptsMade = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        int redeliveries = Math.max(0, attemptsMade - 1);
        if (caught == null || attemptsMade >= settings.maxAttempts()) {
            return false;
        }
        HttpOperationFailedException http = cause(caught, HttpOperationFailedException.class);
        long delay;
        if (http != null) {
            int status = http.getStatusCode();
            if (!isTransient(status)) {
                return false;
            }
            delay = backoff(redeliveries);
            Long retryAfter = retryAfterMs(http.getResponseHeaders());
            if (retryAfter != null) {
                delay = Math.min(retryAfter, settings.backoffMaxMs() * 4);
            } else if (status == 423) {
                delay = Math.max(delay, LOCKED_MIN_DELAY_MS);
            }
            count(exchange, status == 429);
            HubSpotRateLimitHeaders limits = HubSpotRateLimitHeaders.of(http.getResponseHeaders());
            if (!limits.isEmpty()) {
                traffic.rateLimits(limits);
            }
            traffic.retried(kind(exchange), status);
            LOG.warn("HubSpot answered {}: redelivery {} in {} ms", status, redeliveries + 1, delay);
        } else if (cause(caught, IOException.class) != null) {
            delay = backoff(redeliveries);
            count(exchange, false);
            traffic.retried(kind(exchange), 0);
            LOG.warn("HubSpot request failed ({}): redelivery {} in {} ms",
                    cause(caught, IOException.class).getClass().getSimpleName(), redeliveries + 1, delay);
        } else {
            return false;
        }
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delay);
        return true;
    }

    /** 429, 423 and every 5xx are transient (hubspot-api.md §4.3 and DOC-ERR). */
    static boolean isTransient(int status) {
        return status == 429 || status == 423 || status >= 500;
    }

    private long backoff(int redeliveries) {
        return HttpFailures.backoffMs(redeliveries, settings.backoffInitialMs(), settings.backoffMaxMs());
    }

    static Long retryAfterMs(Map<String, String> headers) {
        // header names arrive with their original case (DESIGN.md, Camel pitfalls)
        return HttpFailures.secondsHeaderMs(headers, "retry-after");
    }

    private static String kind(Exchange exchange) {
        return HubSpotRequestKind.of(exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class),
                exchange.getIn().getHeader(Exchange.HTTP_URI, String.class));
    }

    private static void count(Exchange exchange, boolean rateLimited) {
        ImportReport report = exchange.getProperty(HubSpotGateway.REPORT_PROPERTY, ImportReport.class);
        if (report != null) {
            report.retry();
            report.request();
            if (rateLimited) {
                report.rateLimited();
            }
        }
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        return HttpFailures.cause(t, type);
    }
}
