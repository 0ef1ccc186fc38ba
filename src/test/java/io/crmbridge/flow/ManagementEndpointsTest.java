package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The management server (O3, README "Operations") of the real application: health (overall,
 * liveness, readiness with the ledger database check) and Prometheus metrics, on its own port,
 * reachable on the loopback interface only.
 */
class ManagementEndpointsTest extends ImportFlowTestSupport {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void healthIsUpOverallAndForLivenessAndReadiness() throws Exception {
        awaitReady();
        for (String path : new String[] {"/observe/health", "/observe/health/live", "/observe/health/ready"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).as(path).hasValue("application/json");
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("status").asText()).as(path).isEqualTo("UP");
        }
    }

    @Test
    void readinessIncludesTheLedgerDatabaseCheck() throws Exception {
        awaitReady();
        HttpResponse<String> response = get("/observe/health/ready?exposureLevel=full");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode checks = JSON.readTree(response.body()).path("checks");
        Optional<JsonNode> ledger = Optional.empty();
        for (JsonNode check : checks) {
            if ("ledger-database".equals(check.path("name").asText())) {
                ledger = Optional.of(check);
            }
        }
        assertThat(ledger).as(response.body()).isPresent();
        assertThat(ledger.get().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void livenessLeavesTheLedgerDatabaseOut() throws Exception {
        HttpResponse<String> response = get("/observe/health/live?exposureLevel=full");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("ledger-database");
    }

    @Test
    void metricsCountTheExchangesOfAnImportInPrometheusText() throws Exception {
        drop(Path.of("data", "companies.csv"), "companies.csv");
        awaitReport("companies.csv");

        // the file's exchange is counted when it completes, just after its report is written
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> response = get("/observe/metrics");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            assertThat(response.body())
                    .containsPattern("(?m)^# TYPE camel_exchanges_total counter$")
                    .containsPattern("(?m)^camel_exchanges_total\\{[^}]*routeId=\"intake\"[^}]*\\} 1\\.0$");
        });
    }

    @Test
    void listensOnTheLoopbackInterfaceOnly() throws Exception {
        assertThat(get("/observe/health/live").statusCode()).isEqualTo(200);

        InetAddress external = nonLoopbackAddress();
        assumeTrue(external != null, "this machine has no non-loopback IPv4 address to probe");
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(external, managementPort()), 5000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    /**
     * Camel's consumer check reports the inbox consumer DOWN until its first poll: readiness turns
     * UP shortly after start, not at once.
     */
    private void awaitReady() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/observe/health/ready").statusCode() == 200);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort() + path))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static InetAddress nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return a;
                }
            }
        }
        return null;
    }
}
