package io.crmbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.config.Database;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lock the sales ledger's import holds in cluster mode, on a real PostgreSQL ({@link io.crmbridge.PostgresServer}):
 * two instances' pools on one database, so each holder has a session of its own, as two processes do.
 */
class ExchangeAdvisoryLockTest {

    private static final long KEY = 0x0123_4567_89ab_cdefL;

    private CamelContext camel;
    private Database first;
    private Database second;

    @BeforeEach
    void twoInstances() {
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(ClusterProperties.onNewDatabase("exchange_lock"));
        first = Database.open(camel.getPropertiesComponent(), false);
        first.awaitReady();
        second = Database.open(camel.getPropertiesComponent(), false);
        second.awaitReady();
    }

    @AfterEach
    void close() throws Exception {
        first.stop();
        second.stop();
        camel.close();
    }

    @Test
    void aSecondHolderWaitsUntilTheFirstExchangeCompletes() throws Exception {
        ExchangeAdvisoryLock onA = new ExchangeAdvisoryLock(first.dataSource(), KEY, "test work");
        ExchangeAdvisoryLock onB = new ExchangeAdvisoryLock(second.dataSource(), KEY, "test work");
        Exchange a = new DefaultExchange(camel);
        Exchange b = new DefaultExchange(camel);
        onA.hold(a);

        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                onB.hold(b);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertThat(waiting).isNotDone();

        complete(a);
        waiting.get(10, TimeUnit.SECONDS);
        // and the first can take it again only once the second is done
        Exchange again = new DefaultExchange(camel);
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> {
            try {
                onA.hold(again);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertThat(third).isNotDone();
        complete(b);
        third.get(10, TimeUnit.SECONDS);
        complete(again);
    }

    @Test
    void aFailedExchangeReleasesTheLockToo() throws Exception {
        ExchangeAdvisoryLock onA = new ExchangeAdvisoryLock(first.dataSource(), KEY, "test work");
        Exchange failed = new DefaultExchange(camel);
        onA.hold(failed);
        failed.setException(new IllegalStateException("the import failed"));
        failed.getExchangeExtension().handoverCompletions().forEach(s -> s.onFailure(failed));

        Exchange next = new DefaultExchange(camel);
        CompletableFuture.runAsync(() -> {
            try {
                new ExchangeAdvisoryLock(second.dataSource(), KEY, "test work").hold(next);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(10, TimeUnit.SECONDS);
        complete(next);
    }

    private static void complete(Exchange exchange) {
        exchange.getExchangeExtension().handoverCompletions().forEach(s -> s.onComplete(exchange));
    }
}
