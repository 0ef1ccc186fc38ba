package io.crmbridge.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmbridge.cluster.ClusterMembers;
import io.crmbridge.cluster.ClusterProperties;
import io.crmbridge.cluster.RemoteFileClaims;
import io.crmbridge.config.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.remote.strategy.SftpChangedExclusiveReadLockStrategy;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances polling one SFTP server (docs/sources.md "Several instances"): each is a Camel context of its own with
 * camel-ftp's sftp consumer and the remote sources' read lock, claiming through one real PostgreSQL ledger database
 * ({@link RemoteFileClaims}); 60 files put on the server at once are each taken by exactly one of them (without the
 * claims, the same test took 78).
 */
class RemoteSourcesClusterTest {

    private static final int FILES = 60;

    @TempDir
    Path work;

    private Database database;
    private TestSftpServer server;
    private final List<CamelContext> instances = new ArrayList<>();
    private final List<ClusterMembers> members = new ArrayList<>();

    @BeforeEach
    void serverAndDatabase() {
        CamelContext setup = new DefaultCamelContext();
        setup.getPropertiesComponent().setInitialProperties(ClusterProperties.onNewDatabase("remote_claims"));
        database = Database.open(setup.getPropertiesComponent(), false);
        database.awaitReady();
        server = TestSftpServer.start(work.resolve("home"), "secret");
    }

    @AfterEach
    void close() throws Exception {
        for (CamelContext c : instances) {
            c.close();
        }
        for (ClusterMembers m : members) {
            m.stop();
        }
        server.close();
        database.stop();
    }

    @Test
    void twoInstancesPollingOneServerTakeEachFileOnce() throws Exception {
        Path exports = Files.createDirectories(server.root().resolve("exports"));
        Path knownHosts = TestSftpServer.knownHosts(work.resolve("known_hosts"), server.knownHostsLine());
        Map<String, List<String>> takenBy = new ConcurrentHashMap<>();
        for (String id : List.of("instance-a", "instance-b")) {
            instances.add(instance(id, knownHosts, takenBy));
        }
        for (int i = 0; i < FILES; i++) {
            Files.writeString(exports.resolve(String.format("contacts-%02d.csv", i)), "email\nuser" + i
                    + "@example.com\n", StandardCharsets.UTF_8);
        }
        for (CamelContext c : instances) {
            c.start();
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            try (var s = Files.list(exports)) {
                return s.filter(Files::isRegularFile).count() == 0;
            }
        });
        // each file taken once, by one of the two; both took some
        List<String> all = takenBy.values().stream().flatMap(List::stream).sorted().toList();
        assertThat(all).hasSize(FILES).doesNotHaveDuplicates();
        assertThat(takenBy.keySet()).containsExactlyInAnyOrder("instance-a", "instance-b");
        try (var s = Files.list(exports.resolve(".done"))) {
            assertThat(s.count()).isEqualTo(FILES);
        }
    }

    private CamelContext instance(String id, Path knownHosts, Map<String, List<String>> takenBy) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        ClusterMembers member = new ClusterMembers(database.dataSource(), id, Duration.ofHours(1),
                Duration.ofSeconds(30), camel);
        member.start();
        members.add(member);
        SftpChangedExclusiveReadLockStrategy changed = new SftpChangedExclusiveReadLockStrategy();
        changed.setCheckInterval(100);
        changed.setMinAge(0);
        changed.setMinLength(0);
        changed.setTimeout(5000);
        camel.getRegistry().bind("lock", new RemoteReadLock<>(changed, new RemoteFileClaims(member)));
        List<String> mine = new CopyOnWriteArrayList<>();
        takenBy.put(id, mine);
        // a lambda, not a RouteBuilder class: Camel Main's package scan in the flow tests would take that up
        RouteBuilder.addRoutes(camel, routes -> routes.from("sftp:127.0.0.1:" + server.port() + "/exports?username="
                        + TestSftpServer.USER + "&password=secret&knownHostsFile=" + knownHosts
                        + "&strictHostKeyChecking=yes&useUserKnownHostsFile=false&exclusiveReadLockStrategy=#lock"
                        + "&move=.done&localWorkDirectory=" + work.resolve("work-" + id)
                        + "&delay=50&initialDelay=0&maxMessagesPerPoll=5")
                .routeId("source-" + id)
                // slow enough for the other instance to list the same files meanwhile
                .delay(20)
                .process(e -> mine.add(e.getIn().getHeader("CamelFileName", String.class))));
        return camel;
    }
}
