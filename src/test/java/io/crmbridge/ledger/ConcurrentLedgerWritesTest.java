package io.crmbridge.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.SharedLedgerDatabase;
import io.crmbridge.config.Database;
import io.crmbridge.model.Link;
import io.crmbridge.model.ObjectType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two instances writing the same keys of one ledger database at the same time (docs/cluster.md), each a
 * {@link Ledger} on a pool of its own, on the real PostgreSQL of the test JVM and on H2: every write is one atomic
 * statement, so neither fails and each key has one row; a page of pending links is claimed by one sweeper at a time.
 */
class ConcurrentLedgerWritesTest {

    /**
     * Threads of their own for the tasks that must run at once: the common pool has one worker on 2 cores, which
     * JDK 25's CompletableFuture uses (JDK 17's made a thread per task then), so two tasks waiting for each other
     * at a barrier would wait for the barrier's timeout.
     */
    private static final java.util.concurrent.ExecutorService THREADS =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ConcurrentLedgerWritesTest");
        t.setDaemon(true);
        return t;
    });

    private static final int KEYS = 2_000;
    private static final int ROUNDS = 5;

    private SharedLedgerDatabase shared;

    @AfterEach
    void close() throws Exception {
        shared.close();
    }

    @ParameterizedTest
    @EnumSource(SharedLedgerDatabase.Kind.class)
    void twoInstancesRememberingTheSameKeysAtOnceLeaveOneRowPerKeyAndNoError(SharedLedgerDatabase.Kind kind)
            throws Exception {
        shared = SharedLedgerDatabase.create(kind, "remember");
        Database one = shared.open();
        Ledger a = ledger(one);
        Ledger b = ledger(shared.open());
        for (int round = 0; round < ROUNDS; round++) {
            String prefix = "r" + round + "-";
            // the same keys, in opposite orders: a batch writes in key order whatever order it is given
            List<RememberedRecord> byA = records(prefix, i -> "hash-a");
            List<RememberedRecord> byB = reversed(records(prefix, i -> i % 2 == 0 ? "hash-b" : null));
            List<Link> links = links(prefix);

            atOnce(() -> a.recordDelivery(ObjectType.CONTACTS, byA, links),
                    () -> b.recordDelivery(ObjectType.CONTACTS, byB, reversed(links)));

            Map<String, RecordKey> found = a.find(ObjectType.CONTACTS, byA.stream().map(RememberedRecord::naturalKey)
                    .toList());
            assertThat(found).hasSize(KEYS);
            // whichever wrote last, a null hash never replaced a stored one
            assertThat(found.values()).allSatisfy(k -> assertThat(k.getContentHash()).isNotNull());
        }
        assertThat(count(one, "select count(*) from record_key")).isEqualTo((long) KEYS * ROUNDS);
        assertThat(count(one, "select count(*) from (select distinct natural_key, object_type from record_key) k"))
                .isEqualTo((long) KEYS * ROUNDS);
        assertThat(count(one, "select count(*) from pending_link")).isEqualTo((long) KEYS * ROUNDS);
    }

    @ParameterizedTest
    @EnumSource(SharedLedgerDatabase.Kind.class)
    void twoInstancesRecordingTheSameMadeLinksAndChangesAtOnceStoreEachOnce(SharedLedgerDatabase.Kind kind)
            throws Exception {
        shared = SharedLedgerDatabase.create(kind, "linked");
        List<Database> two = List.of(shared.open(), shared.open());
        Ledger a = ledger(two.get(0));
        Ledger b = ledger(two.get(1));
        a.recordDelivery(ObjectType.CONTACTS, List.of(), links("made-"));
        List<MadeLink> made = new ArrayList<>();
        for (PendingLink p : a.pending(0, KEYS)) {
            made.add(new MadeLink(p.getId(), p.toLink(), "1" + p.getId(), "2" + p.getId()));
        }
        RunChanges changesA = new RunChanges(two.get(0).entityManagerFactory(), Clock.systemUTC());
        RunChanges changesB = new RunChanges(two.get(1).entityManagerFactory(), Clock.systemUTC());
        List<RunChanges.Change> written = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            written.add(new RunChanges.Change(ObjectType.CONTACTS, String.valueOf(i), "k" + i + "@example.com", true,
                    Map.of("city", "Paris"), null, Instant.parse("2026-12-05T09:30:00Z")));
        }

        atOnce(() -> {
            a.linked(made, 1L);
            changesA.record(7, written);
        }, () -> {
            b.linked(reversed(made), 2L);
            changesB.record(7, reversed(written));
        });

        assertThat(a.pendingCount()).isZero();
        assertThat(count(two.get(0), "select count(*) from association_link")).isEqualTo(KEYS);
        assertThat(count(two.get(0), "select count(*) from record_change where run_id = 7")).isEqualTo(KEYS);
    }

    @ParameterizedTest
    @EnumSource(SharedLedgerDatabase.Kind.class)
    void aClaimedPageIsSkippedByTheOtherSweeperUntilItsTransactionEnds(SharedLedgerDatabase.Kind kind)
            throws Exception {
        List<Ledger> sweepers = twoSweepers(kind, 10);
        Ledger a = sweepers.get(0);
        Ledger b = sweepers.get(1);
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> heldByA = Collections.synchronizedList(new ArrayList<>());

        // A claims the first five and holds them, then fails: its transaction rolls back
        CompletableFuture<Void> sweepA = CompletableFuture.runAsync(() -> a.claimPending(0, 5, "contact:", true, null,
                page -> {
                    page.links().forEach(p -> heldByA.add(p.getId()));
                    claimed.countDown();
                    await(release);
                    throw new IllegalStateException("the sweeper stopped");
                }), THREADS);
        assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();
        List<Long> takenByB = claimedIds(b);
        release.countDown();
        assertThat(sweepA).failsWithin(30, TimeUnit.SECONDS);

        assertThat(heldByA).hasSize(5);
        assertThat(takenByB).hasSize(5).doesNotContainAnyElementsOf(heldByA);
        // A's transaction ended: its links are free again, and B's claim is over too
        assertThat(claimedIds(b)).hasSize(10).containsAll(heldByA);
    }

    @ParameterizedTest
    @EnumSource(SharedLedgerDatabase.Kind.class)
    void aLinkMadeByOneSweeperIsNotClaimedByTheOtherOnceItCommitted(SharedLedgerDatabase.Kind kind) throws Exception {
        List<Ledger> sweepers = twoSweepers(kind, 3);
        Ledger a = sweepers.get(0);
        Ledger b = sweepers.get(1);
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        // A claims all three and records them made; B asks while A still holds them, and again once A committed
        CompletableFuture<Integer> sweepA = CompletableFuture.supplyAsync(() -> a.claimPending(0, 10, "contact:", true,
                1L, page -> {
                    page.linked(page.links().stream().map(p -> new MadeLink(p.getId(), p.toLink(), "1", "2")).toList());
                    claimed.countDown();
                    await(release);
                    return page.links().size();
                }), THREADS);
        assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();
        List<Long> whileHeld = claimedIds(b);
        release.countDown();

        assertThat(sweepA.get(30, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(whileHeld).isEmpty();
        assertThat(claimedIds(b)).isEmpty();
        assertThat(b.pendingCount()).isZero();
    }

    /** Two ledgers on two pools of one new database holding {@code pending} links through a contact. */
    private List<Ledger> twoSweepers(SharedLedgerDatabase.Kind kind, int pending) {
        shared = SharedLedgerDatabase.create(kind, "claim");
        List<Ledger> sweepers = List.of(ledger(shared.open()), ledger(shared.open()));
        sweepers.get(0).recordDelivery(ObjectType.TICKETS, List.of(), links("claim-").subList(0, pending));
        return sweepers;
    }

    /** The same rows in the opposite order: a batch writes in key order whatever order it is given. */
    private static <T> List<T> reversed(List<T> rows) {
        List<T> reversed = new ArrayList<>(rows);
        Collections.reverse(reversed);
        return reversed;
    }

    private static Ledger ledger(Database database) {
        return new Ledger(database.entityManagerFactory(), Clock.systemUTC());
    }

    private static List<RememberedRecord> records(String prefix, IntFunction<String> hash) {
        List<RememberedRecord> records = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            records.add(new RememberedRecord(prefix + i + "@example.com", String.valueOf(i), hash.apply(i), null));
        }
        return records;
    }

    /** Ticket -> company links through a contact ({@code contact:<email>} targets), one per key. */
    private static List<Link> links(String prefix) {
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            links.add(new Link(ObjectType.TICKETS, prefix + "T-" + i, ObjectType.COMPANIES,
                    "contact:" + prefix + i + "@example.com", 339));
        }
        return links;
    }

    /** The ids of the links through a contact {@code ledger} claims (ten at most), released at once. */
    private static List<Long> claimedIds(Ledger ledger) {
        return ledger.claimPending(0, 10, "contact:", true, null,
                page -> page.links().stream().map(PendingLink::getId).toList());
    }

    /** Runs both at the same moment on two threads; fails with the first one's failure. */
    private static void atOnce(Runnable first, Runnable second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> {
            await(start);
            first.run();
        }, THREADS);
        CompletableFuture<Void> two = CompletableFuture.runAsync(() -> {
            await(start);
            second.run();
        }, THREADS);
        one.get(120, TimeUnit.SECONDS);
        two.get(120, TimeUnit.SECONDS);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long count(Database database, String sql) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
