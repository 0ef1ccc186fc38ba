package io.crmbridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.flow.ImportFlowTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Syncs never overlap through the API either (S1, S3): while a background sync runs, another
 * sync and a delete are answered 409. The sandbox answers every call after 500 ms, so the background full
 * sync of 300 contacts (4 listing requests) runs for about 2 s after its 202.
 */
class ContactSyncApiConflictTest extends ImportFlowTestSupport {

    private static final String TOKEN = "conflict-token-51d0";
    private static final String BASE = "/api/integrations/hubspot";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.api.token", TOKEN);
        p.setProperty("sandbox.seed-contacts", "generate:300");
        p.setProperty("sandbox.faults.latency-ms", "500");
        return p;
    }

    @Test
    void answers409ToASyncOrDeleteWhileABackgroundSyncRuns() throws Exception {
        HttpResponse<String> started = send("POST", BASE + "/sync?mode=full&background=true");
        assertThat(started.statusCode()).isEqualTo(202);
        long runId = JSON.readTree(started.body()).path("run_id").asLong();

        HttpResponse<String> second = send("POST", BASE + "/sync?mode=incremental");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(second.body()).path("error").asText()).contains("already running");
        assertThat(send("POST", BASE + "/sync?background=true").statusCode()).isEqualTo(409);
        assertThat(send("DELETE", BASE + "/contacts").statusCode()).isEqualTo(409);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> send("GET", BASE + "/sync/stats").statusCode() == 200);
        JsonNode stats = JSON.readTree(send("GET", BASE + "/sync/stats").body());
        assertThat(stats.path("run_id").asLong()).isEqualTo(runId);
        assertThat(stats.path("total_synced").asLong()).isEqualTo(300);
        // the refused requests opened no run of their own
        assertThat(send("DELETE", BASE + "/contacts").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + applicationPort() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
