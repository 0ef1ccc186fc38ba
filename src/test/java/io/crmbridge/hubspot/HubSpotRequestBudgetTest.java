package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rate budget in a route shaped like direct:hubspot-request (a permit before the request and on each
 * redelivery). The give-backs are captured instead of scheduled, so the test decides when a window has passed.
 */
class HubSpotRequestBudgetTest {

    private record GiveBack(Runnable task, long delayMs) {
    }

    private final LinkedBlockingQueue<GiveBack> giveBacks = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicLong clockMs = new AtomicLong(1_000_000);
    // how long HubSpot takes to answer each attempt, in ms of the test's clock
    private final AtomicLong answerMs = new AtomicLong(20);
    private final java.util.List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
    private CamelContext camel;
    private ProducerTemplate template;

    private HubSpotRequestBudget start(int max) throws Exception {
        HubSpotTraffic traffic = new HubSpotTraffic() {
            @Override
            public void waited(RateWait cause, Duration waited) {
                assertThat(cause).isEqualTo(RateWait.BUDGET);
                waits.add(waited);
            }
        };
        HubSpotRequestBudget budget = new HubSpotRequestBudget(max,
                (task, delayMs) -> giveBacks.add(new GiveBack(task, delayMs)), clockMs::get, traffic);
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("budget", budget);
        // a lambda, not a RouteBuilder subclass: Camel Main's package scan would load that into every flow test
        RouteBuilder.addRoutes(camel, rb -> {
            rb.errorHandler(rb.defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(0)
                    .onRedeliveryRef("budget").logExhausted(false).logRetryAttempted(false));
            rb.from("direct:request").process("budget").process(e -> {
                attempts.incrementAndGet();
                clockMs.addAndGet(answerMs.get());
                if (failuresLeft.getAndDecrement() > 0) {
                    throw new IllegalStateException("503 from HubSpot");
                }
            });
        });
        camel.start();
        template = camel.createProducerTemplate();
        return budget;
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    /** Lets the window of every permit given back so far pass. */
    private void giveAllBack() {
        for (GiveBack g = giveBacks.poll(); g != null; g = giveBacks.poll()) {
            g.task().run();
        }
    }

    /** The request has not been sent for 300 ms: it waits for a permit. */
    private static void assertWaiting(CompletableFuture<Exchange> request) {
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !request.isDone());
    }

    private CompletableFuture<Exchange> sendLater(String body) {
        return CompletableFuture.supplyAsync(() -> template.send("direct:request", e -> e.getIn().setBody(body)));
    }

    @Test
    void aPermitComesBackOneWindowAfterItsAnswerNotBefore() throws Exception {
        HubSpotRequestBudget budget = start(2);
        template.sendBody("direct:request", "first");
        template.sendBody("direct:request", "second");

        // both requests are answered, yet their permits stay taken until the window has passed
        assertThat(budget.inUse()).isEqualTo(2);
        assertThat(giveBacks).hasSize(2).allSatisfy(g -> assertThat(g.delayMs()).isEqualTo(10_050));

        CompletableFuture<Exchange> third = sendLater("third");
        assertWaiting(third);
        assertThat(attempts).hasValue(2);

        giveBacks.take().task().run();

        assertThat(third.get().getException()).isNull();
        assertThat(attempts).hasValue(3);
        assertThat(budget.inUse()).isEqualTo(2);
    }

    @Test
    void onlyARequestThatWaitedForAPermitIsToldAsAWaitWithItsLength() throws Exception {
        start(1);
        template.sendBody("direct:request", "first");
        assertThat(waits).isEmpty();

        CompletableFuture<Exchange> second = sendLater("second");
        assertWaiting(second);
        giveBacks.take().task().run();

        assertThat(second.get().getException()).isNull();
        assertThat(waits).singleElement().satisfies(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofMillis(300)));
    }

    @Test
    void aSlowAnswerGivesItsPermitBackAsTheThrottleDidFromTheSend() throws Exception {
        HubSpotRequestBudget budget = start(2);
        // answered 20 ms after the send: back 10,050 ms after the answer, 10,070 after the send
        template.sendBody("direct:request", "quick");
        answerMs.set(700);
        // answered 700 ms after the send: back 10,250 ms after the send, 9,550 after the answer
        template.sendBody("direct:request", "slow");

        assertThat(giveBacks).extracting(GiveBack::delayMs).containsExactly(10_050L, 9_550L);
        assertThat(budget.inUse()).isEqualTo(2);
    }

    @Test
    void eachRedeliveryTakesAPermitOfItsOwn() throws Exception {
        HubSpotRequestBudget budget = start(10);
        failuresLeft.set(2);

        Exchange answered = template.send("direct:request", e -> e.getIn().setBody("retried"));

        assertThat(answered.getException()).isNull();
        assertThat(attempts).hasValue(3);
        assertThat(budget.inUse()).isEqualTo(3);
        assertThat(giveBacks).hasSize(3);
        giveAllBack();
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void aRedeliveryWaitsForAPermitWithoutHoldingOne() throws Exception {
        // a budget of one: the redelivery must not wait for the permit of its own first attempt forever
        HubSpotRequestBudget budget = start(1);
        failuresLeft.set(1);

        CompletableFuture<Exchange> retried = sendLater("retried");
        await().atMost(Duration.ofSeconds(2)).until(() -> !giveBacks.isEmpty());
        assertWaiting(retried);
        assertThat(attempts).hasValue(1);

        giveBacks.take().task().run();

        assertThat(retried.get().getException()).isNull();
        assertThat(attempts).hasValue(2);
        assertThat(budget.inUse()).isEqualTo(1);
    }

    @Test
    void aRequestHubSpotLeavesOutOfItsWindowTakesNoPermitNorDoItsRedeliveries() throws Exception {
        HubSpotRequestBudget budget = start(1);
        template.sendBody("direct:request", "counted");
        assertThat(budget.inUse()).isEqualTo(1);
        // the budget is spent: a counted request would wait, an exempt one (a 429 retried too) goes at once
        failuresLeft.set(2);

        CompletableFuture<Exchange> sent = CompletableFuture.supplyAsync(() -> template.send("direct:request", e -> {
            e.setProperty(HubSpotGateway.TEN_SECONDLY_EXEMPT_PROPERTY, true);
            e.getIn().setBody("association batch");
        }));

        // a permit comes back only when the test gives it: a request that waited for one never ends
        Exchange exempt = sent.get(10, TimeUnit.SECONDS);
        assertThat(exempt.getException()).isNull();
        assertThat(attempts).hasValue(4);
        assertThat(budget.inUse()).isEqualTo(1);
        assertThat(giveBacks).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aFailedRequestGivesItsPermitsBackToo() throws Exception {
        HubSpotRequestBudget budget = start(10);
        failuresLeft.set(10);

        Exchange failed = template.send("direct:request", e -> e.getIn().setBody("failing"));

        assertThat(failed.getException()).isNotNull();
        assertThat(attempts).hasValue(4);
        assertThat(giveBacks).hasSize(4);
        giveAllBack();
        assertThat(budget.inUse()).isZero();
    }
}
