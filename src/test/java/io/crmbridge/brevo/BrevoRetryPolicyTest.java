package io.crmbridge.brevo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BrevoRetryPolicyTest {

    private final CamelContext context = new DefaultCamelContext();
    private final BrevoRetryPolicy policy = new BrevoRetryPolicy(new BrevoSettings("http://127.0.0.1:1",
            BrevoApiKey.of("xkeysib-test"), true, 10, 4, 100, 1_000, "crm-bridge", "rfm-"));

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    private Exchange failedWith(Exception caught, int attemptsMade) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, caught);
        exchange.getIn().setHeader(Exchange.REDELIVERY_COUNTER, attemptsMade);
        return exchange;
    }

    private static HttpOperationFailedException http(int status, Map<String, String> headers) {
        return new HttpOperationFailedException("http://127.0.0.1/v3/contacts/import", status, "status " + status,
                null, headers, "{\"code\":\"c\",\"message\":\"m\"}");
    }

    private static long delay(Exchange exchange) {
        return exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY, Long.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void retriesRateLimitsAndServerErrors(int status) {
        assertThat(policy.matches(failedWith(http(status, Map.of()), 1))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404})
    void neverRetriesContentOrKeyProblems(int status) {
        assertThat(policy.matches(failedWith(http(status, Map.of()), 1))).isFalse();
    }

    @Test
    void waitsTheRateLimitResetOfA429() {
        Exchange exchange = failedWith(http(429, Map.of("X-Sib-RateLimit-Reset", "2")), 1);

        assertThat(policy.matches(exchange)).isTrue();
        assertThat(delay(exchange)).isEqualTo(2_000);
    }

    @Test
    void retryAfterWinsOverTheRateLimitReset() {
        Exchange exchange = failedWith(http(429, Map.of("x-sib-ratelimit-reset", "3", "Retry-After", "1")), 1);

        assertThat(policy.matches(exchange)).isTrue();
        assertThat(delay(exchange)).isEqualTo(1_000);
    }

    @Test
    void serverErrorsBackOffWithinTheCap() {
        Exchange first = failedWith(http(503, Map.of("x-sib-ratelimit-reset", "9")), 1);
        Exchange third = failedWith(http(503, Map.of()), 3);

        assertThat(policy.matches(first)).isTrue();
        assertThat(policy.matches(third)).isTrue();
        assertThat(delay(first)).isBetween(50L, 100L);
        assertThat(delay(third)).isBetween(200L, 400L);
    }

    @Test
    void retriesIoFailuresAndStopsAfterTheLastAttempt() {
        assertThat(policy.matches(failedWith(new SocketTimeoutException("read timed out"), 1))).isTrue();
        assertThat(policy.matches(failedWith(http(503, Map.of()), 4))).isFalse();
    }

    @Test
    void pausesTheResetTimeOnlyWhenNothingRemains() {
        assertThat(BrevoRateSteering.pauseMs(0.0, 1.0)).isEqualTo(1_000);
        assertThat(BrevoRateSteering.pauseMs(3.0, 1.0)).isZero();
        assertThat(BrevoRateSteering.pauseMs(null, 1.0)).isZero();
    }
}
