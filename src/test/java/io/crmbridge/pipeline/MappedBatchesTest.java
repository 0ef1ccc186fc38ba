package io.crmbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.RowResult;
import io.crmbridge.model.SourceRow;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import io.crmbridge.intake.ColumnMapping;
import io.crmbridge.intake.CsvRowReader;
import io.crmbridge.intake.Dialect;
import io.crmbridge.intake.HeaderAliases;
import io.crmbridge.report.DeadLetterWriter;
import io.crmbridge.report.ImportReport;
import io.crmbridge.report.ProgressMeter;
import io.crmbridge.validation.DateNormalizer;
import io.crmbridge.validation.DateOrder;
import io.crmbridge.validation.NumberConvention;
import io.crmbridge.validation.NumberReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedBatchesTest {

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Long> mappedOrder = new ArrayList<>();
    // a mapper that records the order rows reach it and rejects every row, so no FileImport state is needed
    private final RowPipeline pipeline = new RowPipeline(Map.of(ObjectType.CONTACTS, (row, file) -> {
        synchronized (mappedOrder) {
            mappedOrder.add(row.rowNumber());
        }
        return RowResult.rejected(row, ErrorCode.MISSING_REQUIRED.issue("test"), new ArrayList<>());
    }));

    @TempDir
    Path dir;
    private CsvRowReader reader;

    @AfterEach
    void stop() throws IOException {
        executor.shutdownNow();
        if (reader != null) {
            reader.close();
        }
    }

    /** A contacts file of {@code rows} rows, opened as the intake would; {@link #reader} is its reader. */
    private FileImport contactsFile(int rows) throws IOException {
        StringBuilder csv = new StringBuilder("Email\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("person").append(i).append("@example.org\n");
        }
        Path path = dir.resolve("contacts.csv");
        Files.writeString(path, csv, StandardCharsets.UTF_8);
        Dialect dialect = new Dialect(StandardCharsets.UTF_8, "UTF-8", false, ',');
        Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
        reader = CsvRowReader.open(path, dialect);
        ColumnMapping mapping = ColumnMapping.of(ObjectType.CONTACTS, reader.header(), HeaderAliases.loadDefault());
        return new FileImport(1, "contacts.csv", "contacts.csv-run1", ObjectType.CONTACTS, dialect, mapping, reader,
                new ImportReport("contacts.csv", ObjectType.CONTACTS, "UTF-8", ",", false, clock.instant()),
                new DeadLetterWriter(dir.resolve("dead-letter"), "contacts.csv", reader.header()),
                new DateNormalizer(DateOrder.DMY),
                new NumberReader(NumberConvention.DECIMAL_POINT),
                new ProgressMeter("contacts.csv", Files.size(path), Duration.ofSeconds(5), clock), false);
    }

    @Test
    void handsOutEveryBatchMappedAndInFileOrder() throws IOException {
        FileImport file = contactsFile(250);
        MappedBatches batches = new MappedBatches(new RowBatches(reader, 100), pipeline, file, executor, (f, b) -> { });
        List<Long> handedOut = new ArrayList<>();
        batches.forEachRemaining(b -> b.forEach(r -> handedOut.add(r.row().rowNumber())));
        assertThat(handedOut).hasSize(250).isSorted();
        assertThat(mappedOrder).isEqualTo(handedOut);
        assertThat(file.report().rowsRead()).isEqualTo(250);
        assertThat(batches.hasNext()).isFalse();
        assertThatThrownBy(batches::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void readsAtMostReadAheadBatchesAheadOfTheCaller() throws IOException {
        FileImport file = contactsFile(1000);
        AtomicInteger read = new AtomicInteger();
        Iterator<SourceRow> counting = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return reader.hasNext();
            }

            @Override
            public SourceRow next() {
                read.incrementAndGet();
                return reader.next();
            }
        };
        MappedBatches batches = new MappedBatches(new RowBatches(counting, 100), pipeline, file, executor, (f, b) -> { });
        batches.next();
        batches.next();
        batches.stop();
        // the two batches handed out and the READ_AHEAD batches behind them; the file has ten
        assertThat(read.get()).isEqualTo((2 + MappedBatches.READ_AHEAD) * 100);
        assertThat(batches.hasNext()).as("stopped").isFalse();
    }

    /**
     * Endless batches of one row each (row numbers 1, 2 ...); {@code beforeBatch} is given each batch's number before
     * the batch is returned, and {@code asked} counts the batches asked for.
     */
    private static Iterator<List<SourceRow>> oneRowBatches(AtomicInteger asked, IntConsumer beforeBatch) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public List<SourceRow> next() {
                int batch = asked.incrementAndGet();
                beforeBatch.accept(batch);
                return List.of(new SourceRow(batch, List.of("person" + batch + "@example.org"), null));
            }
        };
    }

    /** {@link #oneRowBatches}, the source failing when asked for batch {@code failing}. */
    private static Iterator<List<SourceRow>> batchesFailingAt(int failing, AtomicInteger asked) {
        return oneRowBatches(asked, batch -> {
            if (batch == failing) {
                throw new UncheckedIOException(new java.io.IOException("disk gone"));
            }
        });
    }

    @Test
    void aFailedBatchIsThrownWhenReachedAndNothingAfterItIsRead() throws IOException {
        FileImport file = contactsFile(10);
        AtomicInteger asked = new AtomicInteger();
        MappedBatches batches = new MappedBatches(batchesFailingAt(3, asked), pipeline, file, executor, (f, b) -> { });
        assertThat(batches.next()).extracting(r -> r.row().rowNumber()).containsExactly(1L);
        assertThat(batches.next()).extracting(r -> r.row().rowNumber()).containsExactly(2L);
        assertThatThrownBy(batches::next).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk gone");
        batches.stop();
        assertThat(asked.get()).isEqualTo(3);
    }

    @Test
    void aBatchAShutDownPoolDroppedEndsTheFileAsInterruptedInsteadOfAWaitWithoutEnd() throws Exception {
        FileImport file = contactsFile(10);
        // CallerRuns as Camel's pools: once shut down, work given to the pool is dropped without a word
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                new ThreadPoolExecutor.CallerRunsPolicy());
        CountDownLatch firstBatchMapping = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        Iterator<List<SourceRow>> slowFirst = oneRowBatches(asked, batch -> {
            if (batch == 1) {
                firstBatchMapping.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try {
            MappedBatches batches = new MappedBatches(slowFirst, pipeline, file, pool, (f, b) -> { });
            firstBatchMapping.await();
            // the application stops while batch 1 is mapped: batch 2 is handed to the pool after the shut-down
            pool.shutdown();
            release.countDown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                assertThat(batches.next()).extracting(r -> r.row().rowNumber()).containsExactly(1L);
                assertThatThrownBy(batches::next).isInstanceOf(ImportInterruptedException.class)
                        .hasMessageContaining("contacts.csv: stopped after 1 rows");
                batches.stop();
            });
            assertThat(asked.get()).as("batch 2 was never read").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void throwsAReadFailureOnTheCallersThread() throws IOException {
        FileImport file = contactsFile(10);
        MappedBatches batches = new MappedBatches(batchesFailingAt(1, new AtomicInteger()), pipeline, file, executor, (f, b) -> { });
        assertThatThrownBy(batches::next).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk gone");
    }
}
