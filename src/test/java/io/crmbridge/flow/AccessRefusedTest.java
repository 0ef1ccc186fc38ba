package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.HubSpotSandbox;
import io.crmbridge.sandbox.SandboxConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A token without the `tickets` scope: HubSpot answers 403 MISSING_SCOPES, the
 * run stops with a message naming the scope, the file is not marked imported (it moves to
 * inbox/.failed/ to be dropped again) and nothing is retried.
 */
class AccessRefusedTest extends ImportFlowTestSupport {

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("sandbox.scopes", SandboxConfig.FLOW_SCOPES.stream().filter(s -> !s.equals("tickets"))
                .collect(Collectors.joining(",")));
        return p;
    }

    @Test
    void aMissingScopeFailsTheFileNamesTheScopeAndStopsTheRun() throws Exception {
        // taken before the run stops: a stopped context's registry no longer holds it
        HubSpotSandbox sandbox = sandbox();
        drop(Path.of("data", "tickets.csv"), "tickets.csv");

        JsonNode report = awaitReport("tickets.csv");

        long valid = report.path("rowsRead").asLong() - report.path("outcomes").path("rejected").asLong();
        assertThat(report.path("outcomes").path("failed").asLong()).isEqualTo(valid);
        assertThat(report.path("errorsByCode").path("HUBSPOT_AUTH").asLong()).isEqualTo(valid);
        assertThat(report.path("retries").asLong()).isZero();
        // the first call refused reads the ticket properties, which take either scope (properties documents)
        assertThat(report.path("topErrors").toString()).contains("missing scopes: crm.schemas.tickets.read, tickets)");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox().resolve(".failed/tickets.csv")));
        await().atMost(Duration.ofSeconds(30)).until(() -> context.isStopped());
        assertThat(sandbox.state().count(ObjectType.TICKETS)).isZero();
    }
}
