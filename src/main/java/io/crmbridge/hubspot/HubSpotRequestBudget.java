package io.crmbridge.hubspot;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Service;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The client-side rate budget of HubSpot requests (L4): at most {@code max} requests (100, 190 or 250 by
 * tier, hubspot-api.md §4.1) in any rolling window of HubSpot's, counted the way HubSpot can have counted
 * them. HubSpot counts a request when it arrives; the client cannot see when that was, only that it was
 * before the answer came back. So a permit is taken before a request is sent (each redelivery takes one
 * too: routes/hubspot-delivery.yaml) and given back {@code windowMs} after its answer was read. Every request HubSpot counted in a window still held its permit when the window closed,
 * so HubSpot never counts more than {@code max} in any window, whatever the network's delay. (Camel's
 * throttle gives a permit back a fixed time after the send, which is safe only with a margin for the
 * delay: it was 10.25 s, and the budget's first, slow window then repeated every 10.25 s: BENCHMARKS.md.)
 *
 * <p>Waiting for a permit blocks the calling thread. Thread-safe: one budget for the process (imports,
 * associations and the contact sync share it).
 */
public final class HubSpotRequestBudget implements Processor, Service {

    /**
     * How long a permit stays taken after its exchange is done: HubSpot's interval
     * ({@code X-HubSpot-RateLimit-Interval-Milliseconds}, 10,000: hubspot-api.md §4.2) and 50 ms for the
     * granularity of timers and of HubSpot's timestamps. No margin for the network is needed: the answer came
     * after HubSpot counted the request.
     */
    public static final long WINDOW_MS = 10_050;

    /** Exchange property: true while the exchange's current attempt holds a permit not yet given back. */
    static final String HOLDING = "crmBridgeRequestPermit";

    private final Semaphore permits;
    private final int max;
    private final long windowMs;
    private final Later later;
    private final ScheduledThreadPoolExecutor timer;

    /** Runs a task after a delay; production passes a Camel-managed scheduled executor. */
    @FunctionalInterface
    public interface Later {
        /** Runs {@code task} once, {@code delayMs} milliseconds from now (never earlier). */
        void run(Runnable task, long delayMs);
    }

    /**
     * @param max      requests allowed in a window (> 0)
     * @param windowMs how long a permit stays taken after its exchange is done: HubSpot's interval (10,000 ms)
     *                 plus a margin for timer and timestamp granularity
     * @param later    runs the give-back of permits {@code windowMs} later
     */
    public HubSpotRequestBudget(int max, long windowMs, Later later) {
        this(max, windowMs, later, null);
    }

    private HubSpotRequestBudget(int max, long windowMs, Later later, ScheduledThreadPoolExecutor timer) {
        if (max <= 0) {
            throw new IllegalArgumentException("hubspot.requests-per-ten-seconds must be positive, was " + max);
        }
        this.permits = new Semaphore(max, true);
        this.max = max;
        this.windowMs = windowMs;
        this.later = later;
        this.timer = timer;
    }

    /**
     * A budget of {@code max} requests per {@link #WINDOW_MS} whose give-backs run on a timer thread of its own.
     * Stopping the budget (with the Camel context: {@code context.addService}) drops the pending give-backs at
     * once; a Camel-managed executor would make the stop wait for them, up to 10 s.
     */
    public static HubSpotRequestBudget withTimer(int max) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "hubspot-request-budget");
            t.setDaemon(true);
            return t;
        });
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return new HubSpotRequestBudget(max, WINDOW_MS, (task, delayMs) -> {
            try {
                timer.schedule(task, delayMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                // an exchange that ends after the stop has nobody left to give its permit to
            }
        }, timer);
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
     * of the exchange's previous attempt (this is then a redelivery: its answer is in) goes back
     * {@code windowMs} from now, before the wait, so an exchange never waits while holding a permit; the last
     * attempt's goes back {@code windowMs} after the exchange is done (succeeded or failed).
     *
     * @throws InterruptedException when the thread is interrupted while waiting (no permit is taken)
     */
    @Override
    public void process(Exchange exchange) throws InterruptedException {
        Boolean holding = exchange.getProperty(HOLDING, Boolean.class);
        if (holding == null) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    if (done.getProperty(HOLDING, false, Boolean.class)) {
                        giveBackLater();
                    }
                }
            });
        } else if (holding) {
            giveBackLater();
        }
        exchange.setProperty(HOLDING, false);
        permits.acquire();
        exchange.setProperty(HOLDING, true);
    }

    private void giveBackLater() {
        later.run(permits::release, windowMs);
    }

    /** Permits taken now: requests sent, or done less than {@code windowMs} ago. */
    public int inUse() {
        return max - permits.availablePermits();
    }
}
