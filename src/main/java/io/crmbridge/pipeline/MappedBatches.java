package io.crmbridge.pipeline;

import io.crmbridge.model.RowResult;
import io.crmbridge.model.SourceRow;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A file's row batches already through the {@link RowPipeline}, one batch ahead: while the intake route
 * delivers batch N (ledger, HubSpot), batch N+1 is read and mapped on {@code executor}, so mapping no longer
 * waits for the network and the network no longer waits for mapping (BENCHMARKS.md). Batches are still read
 * and mapped one at a time, in file order (batch N+1 starts only after batch N was handed out), so
 * per-file rules that depend on order (first row with a key wins, the date order a row settles) see exactly
 * what they saw without read-ahead. A failure while reading or mapping is thrown by {@link #next()} or
 * {@link #hasNext()} on the caller's thread, where it failed before.
 */
public final class MappedBatches implements Iterator<List<RowResult>> {

    private final Iterator<List<SourceRow>> batches;
    private final RowPipeline pipeline;
    private final FileImport file;
    private final Executor executor;
    private CompletableFuture<List<RowResult>> ahead;

    /** Starts mapping the first batch at once. */
    public MappedBatches(Iterator<List<SourceRow>> batches, RowPipeline pipeline, FileImport file, Executor executor) {
        this.batches = batches;
        this.pipeline = pipeline;
        this.file = file;
        this.executor = executor;
        this.ahead = mapNext();
    }

    /** The next batch's results, or null when the file has no more rows. */
    private CompletableFuture<List<RowResult>> mapNext() {
        return CompletableFuture.supplyAsync(() -> batches.hasNext() ? pipeline.processBatch(batches.next(), file) : null,
                executor);
    }

    @Override
    public synchronized boolean hasNext() {
        return await(ahead) != null;
    }

    @Override
    public synchronized List<RowResult> next() {
        List<RowResult> batch = await(ahead);
        if (batch == null) {
            throw new NoSuchElementException();
        }
        ahead = mapNext();
        return batch;
    }

    /**
     * Waits for the batch being mapped, if any, and drops it: for a file that failed while a batch was
     * ahead, so that its reader is not closed under the mapping thread. Never throws.
     */
    public synchronized void stop() {
        try {
            ahead.join();
        } catch (RuntimeException ignored) {
            // the file failed already; this batch's own failure adds nothing
        }
        ahead = CompletableFuture.completedFuture(null);
    }

    private static List<RowResult> await(CompletableFuture<List<RowResult>> batch) {
        try {
            return batch.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
