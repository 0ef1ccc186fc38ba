package io.crmbridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.cluster.ClusterProperties;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.sandbox.HeldAnswer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The health API and page in cluster mode (docs/cluster.md "Shared inbox and takeover"), on the real application and
 * PostgreSQL: this instance is a member with a recent heartbeat, and the inbox file it imports is listed as its own
 * while the import runs, and no more once the file is archived.
 */
class ClusterHealthTest extends ImportFlowTestSupport {

    private static final String TOKEN = "cluster-health-token-5b07";

    @Override
    protected Properties extraProperties() {
        Properties p = ClusterProperties.onNewDatabase("cluster_health");
        p.setProperty("crm-bridge.api.token", TOKEN);
        p.setProperty("crm-bridge.cluster.instance-id", "health-node");
        p.setProperty("crm-bridge.cluster.heartbeat-ms", "200");
        return p;
    }

    @Test
    void theHealthShowsThisMemberWithItsHeartbeatAndTheFileItHolds() throws Exception {
        ConsoleHttp http = new ConsoleHttp(applicationPort());
        StringBuilder csv = new StringBuilder("email,firstname\n");
        for (int i = 1; i <= 250; i++) {
            csv.append("held-").append(i).append("@example.com,Ada\n");
        }
        HeldAnswer held = sandbox().holdAnswer(r -> r.path().endsWith("/contacts/batch/upsert"));
        JsonNode cluster;
        try {
            drop("contacts-held.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
            held.awaitHeld(Duration.ofSeconds(60));
            cluster = health(http).path("cluster");
        } finally {
            held.release();
        }
        assertThat(cluster.path("enabled").asBoolean()).isTrue();
        assertThat(cluster.path("instanceId").asText()).isEqualTo("health-node");
        JsonNode self = cluster.path("members").path(0);
        assertThat(cluster.path("members")).hasSize(1);
        assertThat(self.path("instanceId").asText()).isEqualTo("health-node");
        assertThat(self.path("self").asBoolean()).isTrue();
        assertThat(self.path("alive").asBoolean()).isTrue();
        assertThat(Instant.parse(self.path("lastHeartbeat").asText()))
                .isAfterOrEqualTo(Instant.parse(self.path("startedAt").asText()));
        assertThat(self.path("files")).extracting(JsonNode::asText).containsExactly("contacts-held.csv");

        awaitReport("contacts-held.csv", 1, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(health(http).path("cluster").path("members").path(0).path("files")).isEmpty());
        String page = http.get("/console/health", null, http.session(TOKEN)).body();
        assertThat(page).contains("id=\"cluster-members\"").contains("health-node").contains("alive");
    }

    private static JsonNode health(ConsoleHttp http) throws Exception {
        return JSON.readTree(http.get("/api/health", "Bearer " + TOKEN, null).body());
    }
}
