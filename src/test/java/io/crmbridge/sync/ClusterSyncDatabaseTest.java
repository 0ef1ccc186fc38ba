package io.crmbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.PostgresServer;
import io.crmbridge.config.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What two instances on one database share for the contact sync (docs/cluster.md "Scheduled syncs"), each instance
 * being a ledger database pool of its own on the same database: their writes of the same contacts never meet on a
 * duplicate key, and the advisory lock lets one of them sync at a time, released when its holder's session dies.
 */
class ClusterSyncDatabaseTest {

    private final List<DefaultCamelContext> contexts = new ArrayList<>();
    private final List<Database> databases = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (Database d : databases) {
            d.stop();
        }
        for (DefaultCamelContext c : contexts) {
            c.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void twoInstancesStoringTheSameNewContactsAtOnceNeverMeetOnADuplicateKey(String vendor) throws Exception {
        String url = vendor.equals("h2") ? "jdbc:h2:mem:cluster-sync-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"
                : PostgresServer.newDatabase("sync_upsert");
        ContactStore a = store(instance(url));
        ContactStore b = store(instance(url));
        SegmentRules rules = new SegmentRules("chainge", 30, 180, Set.of("customer"));
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            // 20 rounds of 100 contacts never stored before, each round written by both instances at the same moment
            for (int round = 0; round < 20; round++) {
                List<FetchedContact> page = page(round * 100, 100, "round " + round);
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Integer> first = writers.submit(() -> {
                    together.await();
                    return a.upsert(page, Map.of(), rules, Instant.now());
                });
                Future<Integer> second = writers.submit(() -> {
                    together.await();
                    return b.upsert(page, Map.of(), rules, Instant.now());
                });
                assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(100);
                assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(100);
            }
        } finally {
            writers.shutdownNow();
        }
        List<SyncedContact> stored = a.contacts();
        assertThat(stored).hasSize(2000);
        assertThat(a.contact("1999").orElseThrow().getCompany()).isEqualTo("round 19");

        // a stored contact is overwritten in place, its list memberships kept when not fetched again
        a.upsert(List.of(contact(5, "moved on", false)), Map.of("5", List.of("11", "12")), rules, Instant.now());
        b.upsert(List.of(contact(5, "moved again", false)), Map.of(), rules, Instant.now());
        SyncedContact five = b.contact("5").orElseThrow();
        assertThat(five.getCompany()).isEqualTo("moved again");
        assertThat(five.getListMemberships()).isEqualTo("11,12");
        assertThat(b.contacts()).hasSize(2000);
    }

    @Test
    void oneInstanceSyncsAtATimeAndTheOtherIsRefusedUntilTheHolderFinishes() throws Exception {
        String url = PostgresServer.newDatabase("sync_guard");
        AdvisoryLockSyncGuard a = new AdvisoryLockSyncGuard(instance(url).dataSource());
        AdvisoryLockSyncGuard b = new AdvisoryLockSyncGuard(instance(url).dataSource());
        assertThat(b.held()).isFalse();

        Optional<SyncGuard.Permit> aSyncs = a.tryAcquire();
        assertThat(aSyncs).isPresent();
        assertThat(b.tryAcquire()).isEmpty();
        assertThat(b.held()).isTrue();
        // the holder's own process asks on another connection of its pool: refused too
        assertThat(a.tryAcquire()).isEmpty();

        aSyncs.get().close();
        assertThat(b.held()).isFalse();
        Optional<SyncGuard.Permit> bSyncs = b.tryAcquire();
        assertThat(bSyncs).isPresent();
        assertThat(a.tryAcquire()).isEmpty();
        bSyncs.get().close();
    }

    @Test
    void theLockOfAnInstanceWhoseSessionDiedIsReleased() throws Exception {
        String url = PostgresServer.newDatabase("sync_guard_dead");
        AdvisoryLockSyncGuard a = new AdvisoryLockSyncGuard(instance(url).dataSource());
        AdvisoryLockSyncGuard b = new AdvisoryLockSyncGuard(instance(url).dataSource());
        SyncGuard.Permit held = a.tryAcquire().orElseThrow();
        assertThat(b.tryAcquire()).isEmpty();

        // what the server does to the connection of a killed process: the session ends
        try (Connection admin = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = admin.createStatement();
             ResultSet ended = s.executeQuery("select pg_terminate_backend(pid) from pg_locks"
                     + " where locktype = 'advisory' and granted")) {
            assertThat(ended.next()).isTrue();
        }

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !b.held());
        SyncGuard.Permit taken = b.tryAcquire().orElseThrow();
        // giving back a permit whose session is gone only logs: the pool drops that connection
        held.close();
        assertThat(a.tryAcquire()).isEmpty();
        taken.close();
    }

    private Database instance(String url) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        contexts.add(camel);
        Properties p = new Properties();
        p.setProperty("crm-bridge.db.url", url);
        if (url.startsWith("jdbc:postgresql:")) {
            p.setProperty("crm-bridge.db.user", PostgresServer.USER);
            p.setProperty("crm-bridge.db.password", PostgresServer.PASSWORD);
        }
        camel.getPropertiesComponent().setInitialProperties(p);
        Database database = Database.open(camel.getPropertiesComponent(), true);
        databases.add(database);
        database.start();
        return database;
    }

    private static ContactStore store(Database database) {
        SyncedContactUpsert upsert = new SyncedContactUpsert(database.entityManagerFactory());
        return new ContactStore(database.entityManagerFactory(), upsert::write);
    }

    private static List<FetchedContact> page(int firstId, int size, String company) {
        List<FetchedContact> page = new ArrayList<>();
        for (int id = firstId; id < firstId + size; id++) {
            page.add(contact(id, company, false));
        }
        return page;
    }

    private static FetchedContact contact(int id, String company, boolean archived) {
        Map<String, String> properties = Map.of("email", "c" + id + "@example.com", "company", company,
                "lifecyclestage", "customer", "lastmodifieddate", "2026-11-0" + (1 + id % 9) + "T10:00:00Z");
        return new FetchedContact(Integer.toString(id), properties, "{}", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse(properties.get("lastmodifieddate")), archived);
    }
}
