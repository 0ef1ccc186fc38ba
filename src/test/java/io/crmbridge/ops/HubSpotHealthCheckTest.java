package io.crmbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.crmbridge.hubspot.AccessToken;
import io.crmbridge.hubspot.HubSpotPaths;
import io.crmbridge.hubspot.HubSpotSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The "hubspot" readiness check against a stand-in HubSpot on loopback that answers a chosen status: which
 * answers are DOWN, what the message says (never the token), how long an answer stands, and that the imports'
 * own answers spare the probe.
 */
class HubSpotHealthCheckTest {

    private static final String TOKEN = "pat-na1-health-check-secret";
    private static final Duration TTL = Duration.ofSeconds(60);

    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicLong answerDelayMs = new AtomicLong();
    private final List<String> probes = new CopyOnWriteArrayList<>();
    private final AtomicLong clockNs = new AtomicLong(1_000_000_000L);
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private HttpServer hubspot;

    @AfterEach
    void stop() {
        if (hubspot != null) {
            hubspot.stop(0);
        }
        camel.stop();
    }

    private String startHubSpot() throws IOException {
        hubspot = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hubspot.createContext("/", exchange -> {
            probes.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                Thread.sleep(answerDelayMs.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"results\":[]}".getBytes();
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        hubspot.start();
        return "http://127.0.0.1:" + hubspot.getAddress().getPort();
    }

    private HubSpotHealthCheck check(String baseUrl, Duration timeout) {
        HubSpotSettings settings = new HubSpotSettings(baseUrl, new HubSpotPaths("v3"), AccessToken.of(TOKEN), false,
                190, 6, 500, 30_000);
        HubSpotHealthCheck check = new HubSpotHealthCheck(settings, TTL, timeout, clockNs::get);
        check.setCamelContext(camel);
        return check;
    }

    @Test
    void upWhenHubSpotAnswersTheProbeWithTheTokenAccepted() throws Exception {
        HealthCheck.Result result = check(startHubSpot(), Duration.ofSeconds(3)).call();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getMessage()).hasValue("HubSpot answered 200 to the probe (a read of one contact)");
        assertThat(probes).containsExactly("GET /crm/v3/objects/contacts?limit=1 Bearer " + TOKEN);
        assertThat(result.getCheck().isReadiness()).isTrue();
        assertThat(result.getCheck().isLiveness()).isFalse();
    }

    @Test
    void aRefusedTokenIsReachableButDownAndTheMessageNeverHoldsTheToken() throws Exception {
        status.set(401);
        HealthCheck.Result refused = check(startHubSpot(), Duration.ofSeconds(3)).call();

        assertThat(refused.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(refused.getMessage()).get().asString().contains("refused the access token (401")
                .doesNotContain(TOKEN);
    }

    @Test
    void refusedScopesAreDownWithTheirOwnMessage() throws Exception {
        status.set(403);
        HealthCheck.Result refused = check(startHubSpot(), Duration.ofSeconds(3)).call();

        assertThat(refused.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(refused.getMessage()).get().asString().contains("refused the access token's scopes (403");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void aServerErrorIsDown(int answer) throws Exception {
        status.set(answer);
        assertThat(check(startHubSpot(), Duration.ofSeconds(3)).call().getState()).isEqualTo(HealthCheck.State.DOWN);
    }

    @ParameterizedTest
    @ValueSource(ints = {204, 400, 404, 429})
    void anyOtherAnswerShowsAReachableHubSpot(int answer) throws Exception {
        status.set(answer);
        assertThat(check(startHubSpot(), Duration.ofSeconds(3)).call().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void nothingListeningIsDown() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        HealthCheck.Result result = check("http://127.0.0.1:" + closed, Duration.ofSeconds(3)).call();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).get().asString().startsWith("HubSpot unreachable: ConnectException on the probe");
    }

    @Test
    void noAnswerWithinTheTimeoutIsDown() throws Exception {
        answerDelayMs.set(2_000);
        long started = System.nanoTime();
        HealthCheck.Result result = check(startHubSpot(), Duration.ofMillis(300)).call();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).get().asString().contains("within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
    }

    @Test
    void anAnswerStandsForTheTimeToLiveThenIsProbedAgain() throws Exception {
        HubSpotHealthCheck check = check(startHubSpot(), Duration.ofSeconds(3));
        check.call();
        status.set(503);
        clockNs.addAndGet(TTL.minusSeconds(1).toNanos());

        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(probes).hasSize(1);

        clockNs.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(probes).hasSize(2);
    }

    @Test
    void theImportsOwnAnswersAreEvidenceSoNoProbeIsSent() throws Exception {
        HubSpotHealthCheck check = check(startHubSpot(), Duration.ofSeconds(3));

        check.answered("batch_write", 200);
        HealthCheck.Result busy = check.call();
        check.retried("search", 0);
        HealthCheck.Result failing = check.call();

        assertThat(busy.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(busy.getMessage()).hasValue("HubSpot answered 200 to crm-bridge's own traffic (batch_write)");
        assertThat(failing.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(probes).isEmpty();
    }
}
