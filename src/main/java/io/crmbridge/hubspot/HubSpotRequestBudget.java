package io.crmbridge.hubspot;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The client-side rate budget of HubSpot requests (L4): at most {@code max} requests (100, 190 or 250 by
 * tier, hubspot-api.md §4.1) in any rolling 10-second window of HubSpot's. A permit is taken before each
 * request is sent (each redelivery takes one too: routes/hubspot-delivery.yaml) and given back when the
 * request can no longer count in the same window as a new one, the earlier of:
 * <ul>
 *   <li>{@value #ANSWER_WINDOW_MS} ms after its answer was read. HubSpot counts a request when it arrives,
 *       which the client cannot see, but it was before the answer: every request HubSpot counted in a window
 *       still held its permit when the window closed, whatever the network's delay.</li>
 *   <li>{@value #SEND_WINDOW_MS} ms after it was sent: the rule of the Camel throttle this class replaced,
 *       which assumes the network delays two requests within 250 ms of each other. It decides only for
 *       answers slower than 200 ms, so a slow answer (a real portal's, a large page) keeps the pace it had.</li>
 * </ul>
 * The throttle counted from the send only, so the budget's first, slow window repeated every 10.25 s
 * (docs/benchmarks.md). A request HubSpot leaves out of its window (association batches and search:
 * {@link HubSpotRateLimitExemptions}, marked by {@link HubSpotGateway#TEN_SECONDLY_EXEMPT_PROPERTY}) takes no
 * permit, neither on its first attempt nor on a redelivery; search keeps its own pace (the contact sync spaces
 * its searches). Waiting for a permit blocks the calling thread; each wait is told to the
 * {@link HubSpotTraffic} ({@link HubSpotTraffic.RateWait#BUDGET}). Thread-safe: one budget for the process
 * (imports, associations and the contact sync share it).
 */
public final class HubSpotRequestBudget implements RequestBudget {

    /**
     * A permit's hold after its answer: HubSpot's interval ({@code X-HubSpot-RateLimit-Interval-Milliseconds},
     * 10,000: hubspot-api.md §4.2) and 50 ms for the granularity of timers and of HubSpot's timestamps.
     */
    public static final long ANSWER_WINDOW_MS = 10_050;
    /** A permit's hold after its send at most: HubSpot's interval and 250 ms for the network. */
    public static final long SEND_WINDOW_MS = 10_250;

    /** Exchange property: true while the exchange's current attempt holds a permit not yet given back. */
    static final String HOLDING = "crmBridgeRequestPermit";
    /** Exchange property: when the current attempt took its permit (ms of the budget's clock). */
    static final String SENT_AT = "crmBridgeRequestSentAt";

    private final Semaphore permits;
    private final int max;
    private final Later later;
    private final LongSupplier clockMs;
    private final ScheduledThreadPoolExecutor timer;
    private final HubSpotTraffic traffic;

    /** Runs a task after a delay. */
    @FunctionalInterface
    public interface Later {
        /** Runs {@code task} once, {@code delayMs} milliseconds from now (never earlier). */
        void run(Runnable task, long delayMs);
    }

    /**
     * @param max     requests allowed in a window (> 0)
     * @param later   runs the give-back of a permit after its hold
     * @param clockMs a monotonic clock in ms (tests pass their own)
     */
    public HubSpotRequestBudget(int max, Later later, LongSupplier clockMs) {
        this(max, later, clockMs, HubSpotTraffic.NONE);
    }

    /** As {@link #HubSpotRequestBudget(int, Later, LongSupplier)}, telling {@code traffic} every wait for a permit. */
    public HubSpotRequestBudget(int max, Later later, LongSupplier clockMs, HubSpotTraffic traffic) {
        this(max, later, clockMs, null, traffic);
    }

    private HubSpotRequestBudget(int max, Later later, LongSupplier clockMs, ScheduledThreadPoolExecutor timer,
                                 HubSpotTraffic traffic) {
        if (max <= 0) {
            throw new IllegalArgumentException("a request budget per 10 s must be positive, was " + max);
        }
        this.permits = new Semaphore(max, true);
        this.max = max;
        this.later = later;
        this.clockMs = clockMs;
        this.timer = timer;
        this.traffic = traffic;
    }

    /**
     * A budget of {@code max} requests whose give-backs run on a timer thread of its own. Stopping the budget
     * (with the Camel context: {@code context.addService}) drops the pending give-backs at once; a
     * Camel-managed executor would make the stop wait for them, up to 10 s.
     */
    public static HubSpotRequestBudget withTimer(int max) {
        return withTimer(max, HubSpotTraffic.NONE);
    }

    /** As {@link #withTimer(int)}, telling {@code traffic} every wait for a permit. */
    public static HubSpotRequestBudget withTimer(int max, HubSpotTraffic traffic) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "hubspot-request-budget");
            t.setDaemon(true);
            return t;
        });
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        Later later = (task, delayMs) -> {
            try {
                timer.schedule(task, delayMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                // an exchange that ends after the stop has nobody left to give its permit to
            }
        };
        return new HubSpotRequestBudget(max, later, () -> System.nanoTime() / 1_000_000, timer, traffic);
    }

    @Override
    public void start() {
        // nothing to start: the timer thread starts with the first give-back
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /**
     * Takes one permit for the attempt the exchange is about to send, waiting until one is free. The permit
     * of the exchange's previous attempt (this is then a redelivery: its answer is in) is given back first, so
     * an exchange never waits while holding a permit; the last attempt's is given back when the exchange is
     * done (succeeded or failed). Each goes back after the hold described on the class. An exchange marked
     * exempt from the 10-second window goes through at once and takes nothing.
     *
     * @throws InterruptedException when the thread is interrupted while waiting (no permit is taken)
     */
    @Override
    public void process(Exchange exchange) throws InterruptedException {
        if (exchange.getProperty(HubSpotGateway.TEN_SECONDLY_EXEMPT_PROPERTY, false, Boolean.class)) {
            return;
        }
        Boolean holding = exchange.getProperty(HOLDING, Boolean.class);
        if (holding == null) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    if (done.getProperty(HOLDING, false, Boolean.class)) {
                        giveBack(done);
                    }
                }
            });
        } else if (holding) {
            giveBack(exchange);
        }
        exchange.setProperty(HOLDING, false);
        // a zero-timeout try keeps the fair order: it takes no permit while other threads wait for one
        if (!permits.tryAcquire(0, TimeUnit.NANOSECONDS)) {
            long since = System.nanoTime();
            permits.acquire();
            traffic.waited(HubSpotTraffic.RateWait.BUDGET, java.time.Duration.ofNanos(System.nanoTime() - since));
        }
        exchange.setProperty(SENT_AT, clockMs.getAsLong());
        exchange.setProperty(HOLDING, true);
    }

    private void giveBack(Exchange exchange) {
        long sinceSend = clockMs.getAsLong() - exchange.getProperty(SENT_AT, Long.class);
        later.run(permits::release, Math.max(0, Math.min(ANSWER_WINDOW_MS, SEND_WINDOW_MS - sinceSend)));
    }

    /** Permits taken now: requests sent and not yet given back. */
    @Override
    public int inUse() {
        return max - permits.availablePermits();
    }
}
