package io.crmbridge.console.health;

import io.crmbridge.ops.BridgeMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.camel.Service;

/**
 * HubSpot requests, retries and 429s per minute over the last {@value #MINUTES} minutes, from the Micrometer
 * meters that already count them ({@link BridgeMetrics}: every attempt sent, the attempts sent again, the 429
 * answers), so nothing is counted twice: the meters' totals are read at the start of every minute into a ring of
 * {@value #MINUTES} + 1 readings, and a minute's figures are the difference between its reading and the next (the
 * current minute's: the totals now). A reading is taken when this is made (before any request: its minute shows
 * the traffic since then) and then by a timer thread just after each minute starts; a reading the timer missed
 * moves its traffic to the next minute, never loses it. In memory only: a restart starts an empty hour.
 * Thread-safe; the timer stops with the Camel context ({@code context.addService}).
 */
public final class HubSpotLastHour implements Service {

    /** Minutes shown. */
    public static final int MINUTES = 60;
    /** How long after a minute starts its reading is taken: timers fire late, never early, but clocks step. */
    private static final long READ_AFTER_MS = 50;
    private static final long MINUTE_MS = 60_000;

    /** Cumulative figures of the meters, or the figures of a minute. */
    public record Totals(long requests, long retries, long tooManyRequests) {
        /** Nothing counted. */
        public static final Totals ZERO = new Totals(0, 0, 0);

        Totals minus(Totals earlier) {
            return new Totals(requests - earlier.requests, retries - earlier.retries,
                    tooManyRequests - earlier.tooManyRequests);
        }
    }

    /** One minute's figures; {@code minute} is its start. */
    public record Minute(Instant minute, Totals totals) {
    }

    private record Reading(long epochMinute, Totals totals) {
    }

    private final Supplier<Totals> meters;
    private final LongSupplier clockMs;
    private final Reading[] ring = new Reading[MINUTES + 1];
    private ScheduledThreadPoolExecutor timer;

    /**
     * @param meters  the meters' totals now (cumulative since the start)
     * @param clockMs the time in epoch ms: minutes are those of this clock (UTC)
     */
    public HubSpotLastHour(Supplier<Totals> meters, LongSupplier clockMs) {
        this.meters = meters;
        this.clockMs = clockMs;
        read();
    }

    /**
     * Over the meters of {@code metrics}: all attempts sent by status, retries by reason, 429s.
     *
     * @param clockMs the time in epoch ms ({@code Clock::millis})
     */
    public static HubSpotLastHour of(BridgeMetrics metrics, LongSupplier clockMs) {
        return new HubSpotLastHour(() -> new Totals(
                metrics.requestsByStatus().values().stream().mapToLong(Long::longValue).sum(),
                metrics.retries(), metrics.rateLimited()), clockMs);
    }

    /** Takes the reading of the current minute, unless it has one. */
    void read() {
        long now = clockMs.getAsLong();
        long minute = Math.floorDiv(now, MINUTE_MS);
        Totals totals = meters.get();
        synchronized (ring) {
            int slot = (int) Math.floorMod(minute, (long) ring.length);
            if (ring[slot] == null || ring[slot].epochMinute() != minute) {
                ring[slot] = new Reading(minute, totals);
            }
        }
    }

    /**
     * The last {@value #MINUTES} minutes, oldest first, the current one last (partly gone). Minutes before the
     * first reading show zeros.
     */
    public List<Minute> minutes() {
        long now = clockMs.getAsLong();
        long current = Math.floorDiv(now, MINUTE_MS);
        Totals latest = meters.get();
        // bounds[i]: the totals at the start of minute (current - MINUTES + 1 + i); bounds[MINUTES]: now
        Totals[] bounds = new Totals[MINUTES + 1];
        synchronized (ring) {
            for (int i = 0; i < MINUTES; i++) {
                long minute = current - MINUTES + 1 + i;
                Reading r = ring[(int) Math.floorMod(minute, (long) ring.length)];
                bounds[i] = r != null && r.epochMinute() == minute ? r.totals() : null;
            }
        }
        bounds[MINUTES] = latest;
        Totals previous = null;
        for (int i = 0; i <= MINUTES; i++) {
            if (bounds[i] == null) {
                bounds[i] = previous;
            } else {
                previous = bounds[i];
            }
        }
        List<Minute> minutes = new ArrayList<>(MINUTES);
        for (int i = 0; i < MINUTES; i++) {
            Totals figures = bounds[i] == null ? Totals.ZERO : bounds[i + 1].minus(bounds[i]);
            minutes.add(new Minute(Instant.ofEpochMilli((current - MINUTES + 1 + i) * MINUTE_MS), figures));
        }
        return minutes;
    }

    /** The sums of {@code minutes}. */
    public static Totals sum(List<Minute> minutes) {
        Totals sum = Totals.ZERO;
        for (Minute m : minutes) {
            sum = new Totals(sum.requests() + m.totals().requests(), sum.retries() + m.totals().retries(),
                    sum.tooManyRequests() + m.totals().tooManyRequests());
        }
        return sum;
    }

    @Override
    public synchronized void start() {
        if (timer == null) {
            timer = new ScheduledThreadPoolExecutor(1, task -> {
                Thread t = new Thread(task, "hubspot-last-hour");
                t.setDaemon(true);
                return t;
            });
            timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            scheduleNext();
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    private void tick() {
        read();
        synchronized (this) {
            if (timer != null) {
                scheduleNext();
            }
        }
    }

    /** Schedules the next reading just after the next minute starts, from the clock each time: no drift. */
    private void scheduleNext() {
        long now = clockMs.getAsLong();
        long delay = (Math.floorDiv(now, MINUTE_MS) + 1) * MINUTE_MS - now + READ_AFTER_MS;
        try {
            timer.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // stopped meanwhile: no more readings
        }
    }
}
