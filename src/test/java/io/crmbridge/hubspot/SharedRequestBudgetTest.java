package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.crmbridge.PostgresPools;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.HubSpotSandbox;
import io.crmbridge.sandbox.RecordedRequest;
import io.crmbridge.sandbox.SandboxConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One HubSpot budget shared by every instance of a token (SharedRequestBudget, docs/cluster.md), on a real
 * PostgreSQL: instances sending at once against a sandbox that enforces the limit never see a 429 and never put
 * more than the limit in any rolling 10 s; instances with another token spend a budget of their own.
 */
class SharedRequestBudgetTest {

    private static final int LIMIT = 20;
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final List<AutoCloseable> closing = new ArrayList<>();
    private PostgresPools database;

    @BeforeEach
    void migrateADatabaseOfItsOwn() {
        database = PostgresPools.migrated("budget");
    }

    @AfterEach
    void close() throws Exception {
        Collections.reverse(closing);
        for (AutoCloseable c : closing) {
            c.close();
        }
        database.close();
    }

    /** A connection pool of its own, as each instance has. */
    private HikariDataSource pool() {
        return database.newPool(4);
    }

    private SharedRequestBudget budget(String token) {
        SharedRequestBudget budget = new SharedRequestBudget(pool(), AccessToken.of(token), LIMIT, 1,
                HubSpotTraffic.NONE);
        budget.start();
        return budget;
    }

    @Test
    void threeInstancesOfOneTokenSendingAtOnceStayUnderTheLimitInEveryRollingWindow() throws Exception {
        HubSpotSandbox sandbox = HubSpotSandbox.start(new SandboxConfig("127.0.0.1", 0, SandboxCamel.SANDBOX_TOKEN,
                100, LIMIT));
        closing.add(sandbox);
        // when each request was answered by the sandbox, which counted it a moment before (its rolling limiter)
        List<Long> counted = Collections.synchronizedList(new ArrayList<>());
        sandbox.holdAnswer(request -> {
            counted.add(System.nanoTime());
            return false;
        });
        List<SandboxCamel> instances = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SandboxCamel instance = new SandboxCamel(sandbox, "2026-09", SandboxCamel.SANDBOX_TOKEN,
                    settings -> new SharedRequestBudget(pool(), settings.token(), settings.requestsPerTenSeconds(), 1,
                            HubSpotTraffic.NONE), LIMIT);
            closing.add(instance);
            instances.add(instance);
        }
        int perSender = 6;
        ExecutorService senders = Executors.newFixedThreadPool(6);
        List<Future<?>> sent = new ArrayList<>();
        long start = System.nanoTime();
        for (SandboxCamel instance : instances) {
            for (int t = 0; t < 2; t++) {
                sent.add(senders.submit(() -> {
                    for (int r = 0; r < perSender; r++) {
                        instance.gateway.get(instance.gateway.settings().paths().objects(ObjectType.CONTACTS)
                                + "?limit=1", null);
                    }
                    return null;
                }));
            }
        }
        for (Future<?> f : sent) {
            f.get(90, TimeUnit.SECONDS);
        }
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        senders.shutdown();

        List<RecordedRequest> log = sandbox.state().requests();
        assertThat(log).hasSize(36).extracting(RecordedRequest::status).containsOnly(200);
        assertThat(mostWithinAnyWindow(counted)).isLessThanOrEqualTo(LIMIT);
        // one bucket of 2 and 17 per 10 s for all three: 34 more permits take at least 19 s
        assertThat(tookMs).isGreaterThan(19_000);
    }

    @Test
    void instancesOfOneTokenShareItsBucketAndAnotherTokenHasItsOwn() throws Exception {
        SharedRequestBudget first = budget("pat-na1-first-token");
        SharedRequestBudget secondOfFirst = budget("pat-na1-first-token");
        SharedRequestBudget other = budget("pat-na1-other-token");
        DefaultCamelContext camel = new DefaultCamelContext();
        closing.add(camel);

        // the first instance spends the burst (2 of 20)
        first.process(new DefaultExchange(camel));
        first.process(new DefaultExchange(camel));
        long otherStart = System.nanoTime();
        other.process(new DefaultExchange(camel));
        other.process(new DefaultExchange(camel));
        long otherMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - otherStart);
        long secondStart = System.nanoTime();
        secondOfFirst.process(new DefaultExchange(camel));
        long secondMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - secondStart);

        assertThat(otherMs).as("the other token's burst").isLessThan(400);
        // 17 permits per 10 s: the next is due about 590 ms after the burst was spent
        assertThat(secondMs).as("the first token's next permit, from another instance").isGreaterThan(300);
        assertThat(first.inUse()).isEqualTo(secondOfFirst.inUse()).isPositive();
        assertThat(bucketKeys()).containsExactlyInAnyOrder(
                SharedRequestBudget.keyOf(AccessToken.of("pat-na1-first-token")),
                SharedRequestBudget.keyOf(AccessToken.of("pat-na1-other-token")))
                .noneMatch(key -> key.contains("first-token") || key.contains("other-token"));
    }

    @Test
    void aRequestHubSpotLeavesOutOfTheWindowTakesNoPermit() throws Exception {
        SharedRequestBudget budget = budget("pat-na1-exempt-token");
        DefaultCamelContext camel = new DefaultCamelContext();
        closing.add(camel);
        budget.process(new DefaultExchange(camel));
        int before = budget.inUse();

        for (int i = 0; i < 5; i++) {
            DefaultExchange exempt = new DefaultExchange(camel);
            exempt.setProperty(HubSpotGateway.TEN_SECONDLY_EXEMPT_PROPERTY, true);
            budget.process(exempt);
        }

        assertThat(budget.inUse()).isLessThanOrEqualTo(before).isLessThanOrEqualTo(1);
    }

    /** The most times within any rolling 10 s (a window starting at each time). */
    static int mostWithinAnyWindow(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int most = 0;
        int end = 0;
        for (int i = 0; i < sorted.size(); i++) {
            while (end < sorted.size() && sorted.get(end) - sorted.get(i) < WINDOW_NANOS) {
                end++;
            }
            most = Math.max(most, end - i);
        }
        return most;
    }

    private List<String> bucketKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection c = pool().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select id from " + SharedRequestBudget.TABLE)) {
            while (r.next()) {
                keys.add(r.getString(1));
            }
        }
        return keys;
    }
}
