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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The management server of camel-observability-services (O3, docs/operations.md) in the real application:
 * readiness with its named checks (ledger database, Camel's routes, HubSpot reachable), liveness without
 * them, and crm-bridge's own metric families in the Prometheus text beside Camel's, with the values an
 * import implies; on its own port, on the loopback interface only.
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
    void readinessNamesTheLedgerDatabaseTheRoutesAndHubSpot() throws Exception {
        awaitReady();
        HttpResponse<String> response = get("/observe/health/ready?exposureLevel=full");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> checks = checks(response.body());
        assertThat(checks).as(response.body())
                .containsKeys("ledger-database", "hubspot", "route:intake", "route:hubspot-request", "route:write-report");
        for (String name : List.of("ledger-database", "hubspot", "route:intake", "route:hubspot-request")) {
            assertThat(checks.get(name).path("status").asText()).as(name).isEqualTo("UP");
        }
        assertThat(checks.get("hubspot").path("message").asText())
                .isEqualTo("The embedded HubSpot sandbox answered 200 to the probe (a read of one contact)");
    }

    @Test
    void livenessLeavesTheLedgerDatabaseAndHubSpotOut() throws Exception {
        HttpResponse<String> response = get("/observe/health/live?exposureLevel=full");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(checks(response.body())).containsKey("context").doesNotContainKeys("ledger-database", "hubspot");
    }

    @Test
    void metricsCountTheRowsFilesAndHubSpotRequestsOfAnImport() throws Exception {
        drop(Path.of("data", "companies.csv"), "companies.csv");
        JsonNode report = awaitReport("companies.csv");
        long created = report.path("outcomes").path("created").asLong();
        long rejected = report.path("outcomes").path("rejected").asLong();
        assertThat(created).isPositive();
        assertThat(rejected).isPositive();

        // the file is counted when its run is recorded complete, just after its report is written
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> response = get("/observe/metrics");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            String metrics = response.body();
            assertThat(metrics)
                    .containsPattern("(?m)^# TYPE crm_bridge_rows_total counter$")
                    .containsPattern("(?m)^# TYPE crm_bridge_files_total counter$")
                    .containsPattern("(?m)^# TYPE crm_bridge_hubspot_requests_total counter$")
                    .containsPattern("(?m)^# TYPE crm_bridge_hubspot_retries_total counter$")
                    .containsPattern("(?m)^# TYPE crm_bridge_hubspot_rate_limited_total counter$")
                    .containsPattern("(?m)^# TYPE crm_bridge_hubspot_rate_waits_seconds summary$")
                    // Camel's own metrics are still served beside ours
                    .containsPattern("(?m)^camel_exchanges_total\\{[^}]*routeId=\"intake\"[^}]*\\} 1\\.0$");
            assertThat(sample(metrics, "crm_bridge_rows_total{object_type=\"companies\",outcome=\"created\"}"))
                    .isEqualTo(created);
            assertThat(sample(metrics, "crm_bridge_rows_total{object_type=\"companies\",outcome=\"rejected\"}"))
                    .isEqualTo(rejected);
            assertThat(sample(metrics, "crm_bridge_rows_total{object_type=\"contacts\",outcome=\"created\"}"))
                    .isZero();
            assertThat(sample(metrics, "crm_bridge_files_total{status=\"done\"}")).isEqualTo(1);
            assertThat(sample(metrics, "crm_bridge_files_total{status=\"failed\"}")).isZero();
            // every request the report counted, and no other: the readiness probe is not one of them
            assertThat(sum(metrics, "crm_bridge_hubspot_requests_total")).isEqualTo(report.path("requests").asLong());
            assertThat(sample(metrics,
                    "crm_bridge_hubspot_requests_total{kind=\"batch_write\",status=\"200\"}")).isEqualTo(1);
            assertThat(sum(metrics, "crm_bridge_hubspot_retries_total")).isEqualTo(report.path("retries").asLong());
            assertThat(sample(metrics, "crm_bridge_hubspot_rate_limited_total"))
                    .isEqualTo(report.path("rateLimited").asLong());
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

    /** The health JSON's checks by name. */
    private static Map<String, JsonNode> checks(String body) throws IOException {
        Map<String, JsonNode> checks = new LinkedHashMap<>();
        for (JsonNode check : JSON.readTree(body).path("checks")) {
            checks.put(check.path("name").asText(), check);
        }
        return checks;
    }

    /** The value of the sample {@code series} (name and labels as Prometheus writes them); fails when absent. */
    private static long sample(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertThat(m.find()).as(series + " in\n" + metrics).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    /** The sum of every sample of family {@code name} (labels any). */
    private static long sum(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*\\} (\\S+)$").matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return (long) total;
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
