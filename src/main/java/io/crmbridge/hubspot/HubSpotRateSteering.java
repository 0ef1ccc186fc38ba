package io.crmbridge.hubspot;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steers the client by HubSpot's own count (L4) when another client spends the same 10-second window too
 * (the window is per app, hubspot-api.md §10.4: another process using the same key, not another app of the
 * portal, which spends only the account's daily limit): after each answer, when {@code X-HubSpot-RateLimit-Remaining} falls into the last tenth of
 * {@code X-HubSpot-RateLimit-Max} and HubSpot counted clearly more requests in its window
 * ({@code Max - Remaining}) than crm-bridge answered in the last {@code Interval-Milliseconds}, the calling
 * thread pauses one average request spacing ({@code Interval-Milliseconds / Max}) per request below that
 * reserve, so that the window refills instead of ending in a 429 (hubspot-api.md §4.2). A window spent by
 * crm-bridge's own requests is not steered: the client-side budget ({@link HubSpotRequestBudget}) already
 * keeps their pace under the budget, and pausing on top of it cost the load 7% of its rate (docs/benchmarks.md).
 * Answers without the headers (search, or when HubSpot could not gather them: §4.2) are not steered. The answer
 * to a request HubSpot leaves out of its window ({@link HubSpotGateway#TEN_SECONDLY_EXEMPT_PROPERTY}) is neither
 * steered nor counted among crm-bridge's requests: HubSpot did not count it either.
 * Each pause is told to the {@link HubSpotTraffic} ({@link HubSpotTraffic.RateWait#STEERING}).
 * Thread-safe: the import and the contact sync share one budget.
 */
public class HubSpotRateSteering implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(HubSpotRateSteering.class);

    private final LongSupplier clockMs;
    // answer times (epoch ms) of crm-bridge's requests within the last interval HubSpot reported
    private final Deque<Long> answered = new ArrayDeque<>();
    private final HubSpotTraffic traffic;

    public HubSpotRateSteering() {
        this(HubSpotTraffic.NONE);
    }

    /** @param traffic told every pause */
    public HubSpotRateSteering(HubSpotTraffic traffic) {
        this(System::currentTimeMillis, traffic);
    }

    /** @param clockMs the time in epoch ms (tests pass their own) */
    public HubSpotRateSteering(LongSupplier clockMs) {
        this(clockMs, HubSpotTraffic.NONE);
    }

    private HubSpotRateSteering(LongSupplier clockMs, HubSpotTraffic traffic) {
        this.clockMs = clockMs;
        this.traffic = traffic;
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        if (exchange.getProperty(HubSpotGateway.TEN_SECONDLY_EXEMPT_PROPERTY, false, Boolean.class)) {
            return;
        }
        HubSpotRateLimitHeaders headers = HubSpotRateLimitHeaders.of(exchange.getMessage().getHeaders());
        Long max = headers.max();
        Long remaining = headers.remaining();
        Long intervalMs = headers.intervalMs();
        long ours = answeredWithin(intervalMs);
        long pause = pauseMs(max, remaining, intervalMs, ours);
        if (pause > 0) {
            LOG.debug("HubSpot rate budget nearly spent by another client ({} of {} left, {} ours): pausing {} ms",
                    remaining, max, ours, pause);
            Thread.sleep(pause);
            traffic.waited(HubSpotTraffic.RateWait.STEERING, java.time.Duration.ofMillis(pause));
        }
    }

    /**
     * Records this answer and returns how many of crm-bridge's answers, this one included, fell within the last
     * {@code intervalMs} (HubSpot's window; 10 s when the answer does not say).
     */
    long answeredWithin(Long intervalMs) {
        long now = clockMs.getAsLong();
        long window = intervalMs == null || intervalMs <= 0 ? 10_000 : intervalMs;
        synchronized (answered) {
            answered.addLast(now);
            while (!answered.isEmpty() && answered.peekFirst() <= now - window) {
                answered.removeFirst();
            }
            return answered.size();
        }
    }

    /**
     * The pause in ms for these header values; 0 when a value is missing, when the budget is comfortable, or
     * when crm-bridge's own requests ({@code ours}) account for what HubSpot counted, within a slack of a
     * fiftieth of {@code max} (HubSpot counts at arrival, this class at the answer).
     */
    static long pauseMs(Long max, Long remaining, Long intervalMs, long ours) {
        if (max == null || remaining == null || intervalMs == null || max <= 0) {
            return 0;
        }
        long reserve = Math.max(1, max / 10);
        if (remaining >= reserve) {
            return 0;
        }
        long others = max - remaining - ours;
        if (others <= Math.max(2, max / 50)) {
            return 0;
        }
        return (reserve - remaining) * intervalMs / max;
    }
}
