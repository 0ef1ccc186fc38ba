package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.PostgresServer;
import io.crmbridge.hubspot.SharedRequestBudget;
import io.crmbridge.sandbox.RecordedRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The real application with {@code crm-bridge.cluster.enabled} on a PostgreSQL ledger (docs/cluster.md "One
 * HubSpot budget"): its requests take their permits from the bucket in the database, and a file needing more than
 * a window's worth against a sandbox enforcing 20 requests per 10 s sees no 429.
 */
class ClusterBudgetFlowTest extends ImportFlowTestSupport {

    private static final String DATABASE = PostgresServer.newDatabase("cluster_budget");

    @Override
    protected Properties extraProperties() {
        Properties p = new Properties();
        p.setProperty("crm-bridge.cluster.enabled", "true");
        p.setProperty("crm-bridge.db.url", DATABASE);
        p.setProperty("crm-bridge.db.user", PostgresServer.USER);
        p.setProperty("sandbox.requests-per-ten-seconds", "20");
        p.setProperty("hubspot.requests-per-ten-seconds", "20");
        // many small batches: more requests than one window holds
        p.setProperty("crm-bridge.batch-size", "4");
        return p;
    }

    @Test
    void aClusteredInstanceSpendsTheBucketInTheDatabaseAndSeesNo429() throws Exception {
        drop(Path.of("data", "companies.csv"), "companies.csv");

        JsonNode report = awaitReport("companies.csv", 1, Duration.ofSeconds(120));

        assertThat(report.path("requests").asLong()).isGreaterThan(20);
        assertThat(report.path("rateLimited").asLong()).isZero();
        assertThat(sandbox().state().requests()).extracting(RecordedRequest::status).doesNotContain(429);
        try (Connection c = DriverManager.getConnection(DATABASE, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select id, state from " + SharedRequestBudget.TABLE)) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString("id")).startsWith("hubspot-10s:").hasSize(76);
            assertThat(r.getBytes("state")).isNotEmpty();
            assertThat(r.next()).isFalse();
        }
    }
}
