package io.crmbridge.pipeline;

import io.crmbridge.model.RowResult;
import io.crmbridge.model.SourceRow;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * A file's row batches already through the {@link RowPipeline}, up to {@link #READ_AHEAD} batches ahead: while
 * the intake route delivers batch N (ledger, HubSpot), batches N+1 to N+{@value #READ_AHEAD} are read and mapped on
 * {@code executor}, so mapping does not wait for the network and the network does not wait for mapping
 * (docs/benchmarks.md). Batches are still read and mapped one at a time, in file order (batch N+1 starts only after
 * batch N is mapped), so per-file rules that depend on order (first row with a key wins, the date order a row
 * settles) see exactly what they saw without read-ahead. A failure while reading or mapping is thrown by
 * {@link #next()} or {@link #hasNext()} on the caller's thread when the caller reaches that batch; the batches
 * after it are not read.
 */
public final class MappedBatches implements Iterator<List<RowResult>> {

    /**
     * Batches mapped ahead of the one being delivered. One was enough once the code is compiled; in a process's
     * first seconds mapping and delivery both run slower by turns (the JIT compiles them while they run), and a
     * deeper queue lets one go on while the other stalls: the 100,000-row import answered its 54th upsert, the
     * request the rolling rate window replays, about 0.9 s sooner with 4 than with 1, and not sooner still with
     * 16 (docs/benchmarks.md). So at most four batches of a stopped or failed file are read and not delivered.
     */
    static final int READ_AHEAD = 4;
    /** How often a wait for a batch checks that the executor can still map it, in ms. */
    private static final long POOL_CHECK_MS = 200;

    private final Iterator<List<SourceRow>> batches;
    private final RowPipeline pipeline;
    private final FileImport file;
    private final Executor executor;
    private final BiConsumer<FileImport, List<RowResult>> mapped;
    // each future is a batch's results, or null past the last batch, in file order; the next batch is read and
    // mapped after the last one queued here
    private final Deque<CompletableFuture<List<RowResult>>> ahead = new ArrayDeque<>();

    /**
     * Starts mapping the first batches at once.
     *
     * @param mapped called with each batch once mapped, on the mapping thread, before the batch is handed over: the
     *               read of its records in the portal ({@link PortalPrefetch})
     */
    public MappedBatches(Iterator<List<SourceRow>> batches, RowPipeline pipeline, FileImport file, Executor executor,
                         BiConsumer<FileImport, List<RowResult>> mapped) {
        this.batches = batches;
        this.pipeline = pipeline;
        this.file = file;
        this.executor = executor;
        this.mapped = mapped;
        fill();
    }

    /** Queues batches until {@link #READ_AHEAD} are ahead; each is read and mapped once the one before it is. */
    private void fill() {
        while (ahead.size() < READ_AHEAD) {
            CompletableFuture<List<RowResult>> before = ahead.isEmpty()
                    ? CompletableFuture.completedFuture(List.of()) : ahead.peekLast();
            ahead.add(before.thenApplyAsync(previous -> previous == null || !batches.hasNext() ? null
                    : withMapped(pipeline.processBatch(batches.next(), file)), executor));
        }
    }

    private List<RowResult> withMapped(List<RowResult> batch) {
        mapped.accept(file, batch);
        return batch;
    }

    /**
     * @throws ImportInterruptedException when the executor terminated before it mapped the next batch (the
     *                                    application is stopping; Camel's pools drop work given to them once shut
     *                                    down, so that batch would never be mapped), or when the waiting thread is
     *                                    interrupted (a forced shut-down)
     */
    @Override
    public synchronized boolean hasNext() {
        return await(ahead.peek()) != null;
    }

    /** @throws ImportInterruptedException as {@link #hasNext()} */
    @Override
    public synchronized List<RowResult> next() {
        List<RowResult> batch = await(ahead.peek());
        if (batch == null) {
            throw new NoSuchElementException();
        }
        ahead.poll();
        fill();
        return batch;
    }

    /**
     * Waits for the batches being mapped, if any, and drops them: for a file that failed while batches were
     * ahead, so that its reader is not closed under the mapping thread. Never throws.
     */
    public synchronized void stop() {
        try {
            await(ahead.peekLast());
        } catch (RuntimeException ignored) {
            // the file failed already; a batch's own failure adds nothing
        }
        ahead.clear();
        ahead.add(CompletableFuture.completedFuture(null));
    }

    /** The batch once mapped, its failure thrown as it was, or an interruption when it never will be mapped. */
    private List<RowResult> await(CompletableFuture<List<RowResult>> batch) {
        try {
            while (true) {
                try {
                    return batch.get(POOL_CHECK_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    // a pool shut down while a batch was mapped drops the next one silently (CallerRuns does
                    // nothing once shut down): waiting on would never end
                    if (executor instanceof ExecutorService pool && pool.isTerminated() && !batch.isDone()) {
                        throw new ImportInterruptedException(file.fileName(), file.report().rowsRead());
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportInterruptedException(file.fileName(), file.report().rowsRead());
        }
    }
}
