package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.model.ObjectType;
import io.crmbridge.report.ImportReport;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HubSpotRetryPolicyTest {

    private static final int MAX_ATTEMPTS = 4;
    private static final long BACKOFF_INITIAL_MS = 100;
    private static final long BACKOFF_MAX_MS = 1_000;

    private final CamelContext context = new DefaultCamelContext();
    private final HubSpotRetryPolicy policy = new HubSpotRetryPolicy(settings(MAX_ATTEMPTS, BACKOFF_INITIAL_MS,
            BACKOFF_MAX_MS));
    private final ImportReport report = new ImportReport("contacts.csv", ObjectType.CONTACTS, "UTF-8", ",", false,
            Instant.parse("2025-01-01T00:00:00Z"));

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    private static HubSpotSettings settings(int maxAttempts, long initialMs, long maxMs) {
        return new HubSpotSettings("http://127.0.0.1:1", new HubSpotPaths("v3"), AccessToken.of("pat-test"), true, 0,
                maxAttempts, initialMs, maxMs);
    }

    /**
     * An exchange as Camel hands it to retryWhile after {@code attemptsMade} failed attempts: Camel
     * has then already counted the redelivery it asks about, so the counter equals the attempts made
     * (checked against a real route in {@link #camelMakesExactlyMaxAttemptsWhenTheFailurePersists}).
     */
    private Exchange failedWith(Exception caught, int attemptsMade) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, caught);
        exchange.getIn().setHeader(Exchange.REDELIVERY_COUNTER, attemptsMade);
        exchange.setProperty(HubSpotGateway.REPORT_PROPERTY, report);
        return exchange;
    }

    private static HttpOperationFailedException http(int status, Map<String, String> headers) {
        return new HttpOperationFailedException("http://127.0.0.1/crm/v3/objects/contacts/batch/upsert", status,
                "status " + status, null, headers, "{\"status\":\"error\",\"message\":\"m\"}");
    }

    private static long delay(Exchange exchange) {
        return exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY, Long.class);
    }

    @Test
    void eachAttemptSentAgainIsToldWithItsKindAndStatusAndNoOtherIs() {
        java.util.List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        HubSpotRetryPolicy watched = new HubSpotRetryPolicy(settings(MAX_ATTEMPTS, BACKOFF_INITIAL_MS, BACKOFF_MAX_MS),
                new HubSpotTraffic() {
                    @Override
                    public void retried(String kind, int status) {
                        told.add(kind + " " + status);
                    }
                });
        for (Exception caught : new Exception[] {http(429, Map.of()), new SocketTimeoutException("read timed out"),
                http(400, Map.of())}) {
            Exchange exchange = failedWith(caught, 1);
            exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
            exchange.getIn().setHeader(Exchange.HTTP_URI, "http://127.0.0.1:1/crm/v3/objects/contacts/batch/upsert");
            watched.matches(exchange);
        }
        Exchange last = failedWith(http(503, Map.of()), MAX_ATTEMPTS);
        watched.matches(last);

        // the 400 is not sent again, nor is the last attempt: the gateway tells those as answered
        assertThat(told).containsExactly("batch_write 429", "batch_write 0");
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 423, 500, 502, 503})
    void retriesTransientStatuses(int status) {
        Exchange exchange = failedWith(http(status, Map.of()), 1);

        assertThat(policy.matches(exchange)).isTrue();
        assertThat(exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409})
    void neverRetriesRecordOrAuthProblems(int status) {
        Exchange exchange = failedWith(http(status, Map.of()), 1);

        assertThat(policy.matches(exchange)).isFalse();
        assertThat(exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY)).isNull();
        assertThat(report.retries()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Retry-After", "retry-after", "RETRY-AFTER"})
    void honoursRetryAfterSecondsWhateverTheHeaderCase(String headerName) {
        Exchange exchange = failedWith(http(429, Map.of(headerName, "3")), 1);

        assertThat(policy.matches(exchange)).isTrue();
        assertThat(delay(exchange)).isEqualTo(3_000L);
    }

    @Test
    void retryAfterIsCappedAtFourTimesTheBackoffMaximum() {
        Exchange exchange = failedWith(http(503, Map.of("Retry-After", "3600")), 1);

        assertThat(policy.matches(exchange)).isTrue();
        assertThat(delay(exchange)).isEqualTo(4 * BACKOFF_MAX_MS);
    }

    @Test
    void lockedAnswerWaitsAtLeastTwoSeconds() {
        Exchange exchange = failedWith(http(423, Map.of()), 1);

        assertThat(policy.matches(exchange)).isTrue();
        assertThat(delay(exchange)).isGreaterThanOrEqualTo(2_000L);
    }

    @Test
    void backoffDoublesPerRedeliveryWithinHalfToFullCeiling() {
        Exchange first = failedWith(http(503, Map.of()), 1);
        Exchange third = failedWith(http(503, Map.of()), 3);

        assertThat(policy.matches(first)).isTrue();
        assertThat(policy.matches(third)).isTrue();
        assertThat(delay(first)).isBetween(BACKOFF_INITIAL_MS / 2, BACKOFF_INITIAL_MS);
        assertThat(delay(third)).isBetween(BACKOFF_INITIAL_MS * 4 / 2, BACKOFF_INITIAL_MS * 4);
    }

    @Test
    void retriesIoFailuresAlsoWhenWrapped() {
        Exchange direct = failedWith(new SocketTimeoutException("Read timed out"), 1);
        Exchange wrapped = failedWith(new IllegalStateException("send failed", new SocketTimeoutException("x")), 1);

        assertThat(policy.matches(direct)).isTrue();
        assertThat(policy.matches(wrapped)).isTrue();
        assertThat(delay(direct)).isBetween(BACKOFF_INITIAL_MS / 2, BACKOFF_INITIAL_MS);
    }

    @Test
    void doesNotRetryOtherExceptionsOrAnExchangeWithoutFailure() {
        assertThat(policy.matches(failedWith(new IllegalArgumentException("bug"), 1))).isFalse();
        Exchange clean = new DefaultExchange(context);
        assertThat(policy.matches(clean)).isFalse();
    }

    @Test
    void stopsOnceTheAttemptsAreUsedUp() {
        assertThat(policy.matches(failedWith(http(503, Map.of()), MAX_ATTEMPTS - 1))).isTrue();
        assertThat(policy.matches(failedWith(http(503, Map.of()), MAX_ATTEMPTS))).isFalse();
        assertThat(policy.matches(failedWith(new SocketTimeoutException("x"), MAX_ATTEMPTS))).isFalse();
    }

    @Test
    void countsRetriesAndRateLimitsOnTheReport() {
        policy.matches(failedWith(http(429, Map.of("Retry-After", "1")), 1));
        policy.matches(failedWith(http(429, Map.of()), 2));
        policy.matches(failedWith(http(503, Map.of()), 1));
        policy.matches(failedWith(new SocketTimeoutException("x"), 1));
        policy.matches(failedWith(http(400, Map.of()), 1));

        assertThat(report.retries()).isEqualTo(4);
        assertThat(report.rateLimitedCount()).isEqualTo(2);
        // each redelivery is one more request to HubSpot
        assertThat(report.requests()).isEqualTo(4);
    }

    @Test
    void camelMakesExactlyMaxAttemptsWhenTheFailurePersists() throws Exception {
        assertThat(attemptsOnARouteAlwaysAnswering(503)).isEqualTo(MAX_ATTEMPTS);
    }

    @Test
    void camelDeliversOnceWhenTheStatusIsNotRetryable() throws Exception {
        assertThat(attemptsOnARouteAlwaysAnswering(400)).isEqualTo(1);
    }

    /**
     * Delivery attempts Camel makes on a route wired like routes/hubspot-delivery.yaml (retryWhile =
     * the policy, delay from the header) whose call always fails with {@code status}.
     */
    private int attemptsOnARouteAlwaysAnswering(int status) throws Exception {
        HubSpotRetryPolicy fast = new HubSpotRetryPolicy(settings(MAX_ATTEMPTS, 2, 4));
        AtomicInteger attempts = new AtomicInteger();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("hubspotRetryPolicy", fast);
            // a lambda, not a RouteBuilder subclass: Camel Main's package scan in the flow tests would pick that up
            RouteBuilder.addRoutes(camel, rb -> {
                rb.errorHandler(rb.defaultErrorHandler().retryWhileRef("hubspotRetryPolicy").redeliveryDelay(0));
                rb.from("direct:call").process(e -> {
                    attempts.incrementAndGet();
                    throw http(status, Map.of());
                });
            });
            camel.start();

            Exchange result = camel.createProducerTemplate().send("direct:call", e -> e.getIn().setBody("x"));

            assertThat(result.getException()).isInstanceOf(HttpOperationFailedException.class);
            return attempts.get();
        }
    }
}
