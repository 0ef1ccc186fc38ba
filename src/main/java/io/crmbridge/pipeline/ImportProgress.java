package io.crmbridge.pipeline;

import io.crmbridge.model.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The live progress of the imports in flight, by run id (routes/intake.yaml, the console: docs/console.md). The
 * figures are read on demand from the run's own counters, the ones its report is made of: rows done are the rows
 * with an outcome so far (delivered, or rejected or failed), rows read are the rows the reader has mapped (a few
 * batches ahead of delivery). The total is estimated from the bytes the reader has read against the file's size
 * ({@code rowsRead * fileBytes / bytesRead}, exact once the whole file is read), and the time left from the rate
 * of rows done since the run was tracked. A run is forgotten when its exchange ends, however it ends.
 */
public final class ImportProgress {

    /**
     * A running import's figures. {@code rowsEstimated} and {@code secondsLeft} are null until something is read and
     * done; {@code percent} is rows done over the estimate, 0 to 100.
     */
    public record Figures(long runId, String fileName, long rowsDone, long rowsRead, Long rowsEstimated,
                          long bytesRead, long fileBytes, double rowsPerSecond, Long secondsLeft, int percent,
                          long elapsedMs) {
    }

    private record Tracked(FileImport file, long fileBytes, Instant since) {
    }

    private final Map<Long, Tracked> running = new ConcurrentHashMap<>();
    private final Clock clock;

    public ImportProgress(Clock clock) {
        this.clock = clock;
    }

    /**
     * Route step after the run is opened: tracks the exchange's {@link FileImport} until the exchange ends. Does
     * nothing for a file without one (a skipped file).
     */
    public void track(Exchange exchange) {
        FileImport file = exchange.getProperty(FileImport.PROPERTY, FileImport.class);
        if (file == null) {
            return;
        }
        // the body is the file's batches by now: the size is the file consumer's header
        Long length = exchange.getIn().getHeader(Exchange.FILE_LENGTH, Long.class);
        long runId = file.runId();
        running.put(runId, new Tracked(file, length == null ? 0 : length, clock.instant()));
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                running.remove(runId);
            }
        });
    }

    /** The ids of the runs in flight. */
    public Set<Long> runIds() {
        return Set.copyOf(running.keySet());
    }

    /** The figures of run {@code runId} when it is in flight in this process. */
    public Optional<Figures> of(long runId) {
        Tracked t = running.get(runId);
        return t == null ? Optional.empty() : Optional.of(figures(runId, t));
    }

    private Figures figures(long runId, Tracked t) {
        FileImport file = t.file();
        long done = 0;
        for (Outcome o : Outcome.values()) {
            done += file.report().count(o);
        }
        long read = file.report().rowsRead();
        long bytes = Math.min(file.reader().bytesRead(), t.fileBytes());
        Long estimated = null;
        if (bytes > 0 && read > 0) {
            estimated = Math.max(read, Math.round(read * (double) t.fileBytes() / bytes));
        }
        long elapsedMs = Math.max(1, Duration.between(t.since(), clock.instant()).toMillis());
        double rate = done * 1000.0 / elapsedMs;
        Long secondsLeft = estimated == null || done == 0 ? null
                : Math.max(0, Math.round((estimated - done) / rate));
        int percent = estimated == null ? 0 : (int) Math.min(100, done * 100 / Math.max(1, estimated));
        return new Figures(runId, file.fileName(), done, read, estimated, bytes, t.fileBytes(),
                Math.round(rate * 10) / 10.0, secondsLeft, percent, elapsedMs);
    }
}
