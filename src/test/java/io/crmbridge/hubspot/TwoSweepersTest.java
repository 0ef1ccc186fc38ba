package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.SharedLedgerDatabase;
import io.crmbridge.config.Database;
import io.crmbridge.enrichment.AssociationLinker;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.ledger.RememberedRecord;
import io.crmbridge.model.Link;
import io.crmbridge.model.ObjectType;
import io.crmbridge.report.ImportReport;
import io.crmbridge.sandbox.RecordedRequest;
import io.crmbridge.sandbox.SandboxConfig;
import io.crmbridge.sandbox.SandboxRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two instances sweep the pending links of one ledger database at the same time, each with its own pool and
 * {@link AssociationLinker}, against the sandbox, which records every association batch it receives (docs/cluster.md):
 * each link is sent to HubSpot once, whichever instance sends it.
 */
class TwoSweepersTest {

    /**
     * Threads of their own for the tasks that must run at once: the common pool has one worker on 2 cores, which
     * JDK 25's CompletableFuture uses (JDK 17's made a thread per task then), so two tasks waiting for each other
     * at a barrier would wait for the barrier's timeout.
     */
    private static final java.util.concurrent.ExecutorService THREADS =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "TwoSweepersTest");
        t.setDaemon(true);
        return t;
    });

    private static final int TICKET_TO_CONTACT = 16;
    private static final int LINKS = 2_500;

    @ParameterizedTest
    @EnumSource(SharedLedgerDatabase.Kind.class)
    void twoSweepersOnOneDatabaseSendEachPendingLinkOnce(SharedLedgerDatabase.Kind kind) throws Exception {
        SandboxConfig config = new SandboxConfig("127.0.0.1", 0, SandboxCamel.SANDBOX_TOKEN, 100, 0);
        try (SandboxCamel env = new SandboxCamel(config, "2026-09", 100_000);
             SharedLedgerDatabase shared = SharedLedgerDatabase.create(kind, "sweep")) {
            Database one = shared.open();
            Ledger a = new Ledger(one.entityManagerFactory(), Clock.systemUTC());
            Ledger b = new Ledger(shared.open().entityManagerFactory(), Clock.systemUTC());
            List<RememberedRecord> tickets = new ArrayList<>();
            List<RememberedRecord> contacts = new ArrayList<>();
            List<Link> links = new ArrayList<>();
            for (int i = 0; i < LINKS; i++) {
                Instant now = Instant.now();
                SandboxRecord ticket = env.sandbox.state().insertAt(ObjectType.TICKETS,
                        Map.of("subject", "Ticket " + i), now, now);
                SandboxRecord contact = env.sandbox.state().insertAt(ObjectType.CONTACTS,
                        Map.of("email", "sweep" + i + "@example.com"), now, now);
                tickets.add(new RememberedRecord("T-" + i, ticket.id(), "hash-" + i));
                contacts.add(new RememberedRecord("sweep" + i + "@example.com", contact.id(), "hash-" + i));
                links.add(new Link(ObjectType.TICKETS, "T-" + i, ObjectType.CONTACTS, "sweep" + i + "@example.com",
                        TICKET_TO_CONTACT));
            }
            a.recordDelivery(ObjectType.CONTACTS, contacts, List.of());
            a.recordDelivery(ObjectType.TICKETS, tickets, links);
            long runA = a.openRun("tickets.csv", "hash-a", ObjectType.TICKETS, false);
            long runB = b.openRun("tickets.csv", "hash-b", ObjectType.TICKETS, false);
            AssociationLinker sweeperA = new AssociationLinker(a, new AssociationWriter(env.gateway));
            AssociationLinker sweeperB = new AssociationLinker(b, new AssociationWriter(env.gateway));

            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Integer> byA = CompletableFuture.supplyAsync(() -> sweep(sweeperA, runA, start), THREADS);
            CompletableFuture<Integer> byB = CompletableFuture.supplyAsync(() -> sweep(sweeperB, runB, start), THREADS);
            int createdByA = byA.get(120, TimeUnit.SECONDS);
            int createdByB = byB.get(120, TimeUnit.SECONDS);

            String path = new HubSpotPaths("2026-09").associations(ObjectType.TICKETS, ObjectType.CONTACTS)
                    + "/batch/create";
            List<RecordedRequest> batches = env.sandbox.state().requests().stream()
                    .filter(r -> r.path().equals(path)).toList();
            assertThat(batches).allSatisfy(r -> assertThat(r.status() / 100).isEqualTo(2));
            assertThat(batches.stream().mapToInt(RecordedRequest::inputCount).sum()).as("links sent")
                    .isEqualTo(LINKS);
            assertThat(createdByA + createdByB).isEqualTo(LINKS);
            assertThat(a.pendingCount()).isZero();
            for (int i = 0; i < LINKS; i += 97) {
                assertThat(env.sandbox.state().associatedIds(ObjectType.TICKETS, tickets.get(i).hubspotId(),
                        ObjectType.CONTACTS)).containsExactly(contacts.get(i).hubspotId());
            }
        }
    }

    private static int sweep(AssociationLinker sweeper, long runId, CyclicBarrier start) {
        try {
            start.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return sweeper.linkPending(runId, new ImportReport("tickets.csv", ObjectType.TICKETS, "UTF-8", ",", false,
                Instant.now()));
    }
}
