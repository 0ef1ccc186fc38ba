package io.crmbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmbridge.PostgresServer;
import io.crmbridge.config.Database;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.model.ObjectType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances' members, file claims, content claims and run ownership on one real PostgreSQL database
 * ({@link PostgresServer}), migrated by the application's own Flyway migrations (docs/cluster.md "Shared inbox and
 * takeover").
 */
class ClusterClaimsTest {

    private static final Duration DEAD_AFTER = Duration.ofSeconds(30);

    @TempDir
    Path inbox;

    private CamelContext camel;
    private Database database;
    private ClusterMembers a;
    private ClusterMembers b;

    @BeforeEach
    void twoInstances() {
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(ClusterProperties.onNewDatabase("cluster_claims"));
        database = Database.open(camel.getPropertiesComponent(), false);
        database.awaitReady();
        a = member("instance-a");
        b = member("instance-b");
        a.start();
        b.start();
    }

    @AfterEach
    void close() throws Exception {
        a.stop();
        b.stop();
        database.stop();
        camel.close();
    }

    private ClusterMembers member(String id) {
        return new ClusterMembers(database.dataSource(), id, Duration.ofHours(1), DEAD_AFTER, camel);
    }

    /** Makes {@code member}'s last heartbeat older than the dead-after time, as a killed instance's is. */
    private void silence(ClusterMembers member) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "update cluster_member set heartbeat_at = current_timestamp - interval '31 seconds'"
                        + " where instance_id = ?")) {
            s.setString(1, member.self());
            assertThat(s.executeUpdate()).isOne();
        }
    }

    @Test
    void aFileHeldByALiveInstanceIsNotTakenAndIsTakenOverOnceItsHolderIsSilent() throws Exception {
        Files.writeString(inbox.resolve("contacts.csv"), "email\nada@example.com\n");
        InboxClaims claimsOfA = new InboxClaims(a, inbox);
        InboxClaims claimsOfB = new InboxClaims(b, inbox);

        assertThat(claimsOfA.add("contacts.csv")).isTrue();
        assertThat(claimsOfB.add("contacts.csv")).as("held by a live instance").isFalse();
        assertThat(claimsOfA.add("contacts.csv")).as("held already, by this very instance").isFalse();

        silence(a);
        assertThat(a.alive(a.self())).isFalse();
        assertThat(claimsOfB.add("contacts.csv")).as("its holder sent no heartbeat for 31 s").isTrue();
        assertThat(claimsOfA.remove("contacts.csv")).as("a claim taken over is no longer the old holder's").isFalse();
        assertThat(b.members()).extracting(ClusterMembers.Member::instanceId, ClusterMembers.Member::alive,
                ClusterMembers.Member::files).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("instance-a", false, List.of()),
                        org.assertj.core.groups.Tuple.tuple("instance-b", true, List.of("contacts.csv")));

        assertThat(claimsOfB.remove("contacts.csv")).isTrue();
        assertThat(claimsOfB.contains("contacts.csv")).isFalse();
        a.beat();
        assertThat(claimsOfA.add("contacts.csv")).as("released, and a beats again").isTrue();
    }

    @Test
    void aFileGoneOnceClaimedIsNotTakenAndItsClaimIsReleased() {
        InboxClaims claimsOfA = new InboxClaims(a, inbox);

        assertThat(claimsOfA.add("companies.csv")).as("moved to .done/ by another instance meanwhile").isFalse();
        assertThat(claimsOfA.contains("companies.csv")).isFalse();
    }

    @Test
    void twoInstancesRacingForTheSameFilesClaimEachExactlyOnce() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            names.add("file-" + i + ".csv");
            Files.writeString(inbox.resolve("file-" + i + ".csv"), "x");
        }
        ConcurrentHashMap<String, String> winners = new ConcurrentHashMap<>();
        List<String> twice = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (ClusterMembers member : List.of(a, b)) {
                InboxClaims claims = new InboxClaims(member, inbox);
                done.add(pool.submit(() -> {
                    go.await();
                    for (String name : names) {
                        if (claims.add(name) && winners.putIfAbsent(name, member.self()) != null) {
                            twice.add(name);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(twice).isEmpty();
        assertThat(winners).hasSize(200);
    }

    @Test
    void aContentIsClaimedByOneLiveInstanceAndTakenOverFromADeadOne() throws Exception {
        Claims contentOfA = new Claims(a, "content_claim", "content_key");
        Claims contentOfB = new Claims(b, "content_claim", "content_key");

        assertThat(contentOfA.claim("abc")).isTrue();
        assertThat(contentOfB.claim("abc")).isFalse();
        assertThat(contentOfB.claim("abc/dry-run")).as("a dry run of it is another claim").isTrue();

        silence(a);
        assertThat(contentOfB.claim("abc")).isTrue();
    }

    @Test
    void aRunningRunIsTakenOverOnlyWhenItsOwnerIsDeadOrThisInstance() throws Exception {
        Ledger ledgerOfA = new Ledger(database.entityManagerFactory(), Clock.systemUTC(), a);
        Ledger ledgerOfB = new Ledger(database.entityManagerFactory(), Clock.systemUTC(), b);
        long runOfA = ledgerOfA.openRun("contacts.csv", "hash-1", ObjectType.CONTACTS, false);
        assertThat(ledgerOfA.run(runOfA).orElseThrow().getOwnerInstance()).isEqualTo("instance-a");

        assertThat(ledgerOfB.interruptRuns("hash-1", false)).as("a is alive").isEmpty();
        assertThat(ledgerOfB.runningElsewhere("hash-1", false)).map(ImportRun::getId).contains(runOfA);
        assertThat(ledgerOfA.runningElsewhere("hash-1", false)).as("its own run").isEmpty();

        silence(a);
        assertThat(ledgerOfB.runningElsewhere("hash-1", false)).isEmpty();
        assertThat(ledgerOfB.interruptRuns("hash-1", false)).extracting(ImportRun::getId).containsExactly(runOfA);
        assertThat(ledgerOfA.run(runOfA).orElseThrow().getStatus()).isEqualTo(ImportRun.Status.INTERRUPTED);
    }

    @Test
    void aRestartUnderTheSameIdDropsTheClaimsItsEarlierProcessLeft() throws Exception {
        Files.writeString(inbox.resolve("tickets.csv"), "x");
        assertThat(new InboxClaims(a, inbox).add("tickets.csv")).isTrue();

        // the earlier process of instance-a no longer beats (its heartbeat is an hour away): the new one starts
        ClusterMembers again = new ClusterMembers(database.dataSource(), "instance-a", Duration.ofMillis(200),
                DEAD_AFTER, camel);
        again.start();

        assertThat(new InboxClaims(b, inbox).add("tickets.csv")).isTrue();
        again.stop();
    }

    @Test
    void aSecondLiveProcessUnderAnIdInUseIsRefused() {
        ClusterMembers first = new ClusterMembers(database.dataSource(), "instance-c", Duration.ofMillis(200),
                DEAD_AFTER, camel);
        first.start();
        try {
            ClusterMembers second = new ClusterMembers(database.dataSource(), "instance-c", Duration.ofMillis(200),
                    DEAD_AFTER, camel);

            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another live instance of this cluster has the id instance-c")
                    .hasMessageContaining("crm-bridge.cluster.instance-id");
            assertThat(first.alive("instance-c")).isTrue();
        } finally {
            first.stop();
        }
    }
}
