package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The preflight in dry-run mode: the portal's schema is read (a GET: dry run promises no write, and
 * reading is not writing), so a dry run reports the rows a real run would reject, and still nothing
 * is written, not even crm-bridge's own custom properties.
 */
class PreflightDryRunTest extends ImportFlowTestSupport {

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.dry-run", "true");
        p.setProperty("crm-bridge.mapping.ticket-codes-file",
                UserMappingFiles.ticketCodes(work(), "status.Escalated=9").toString());
        return p;
    }

    @Test
    void aDryRunRejectsTheRowsThePreflightRefusesAndWritesNothing() throws Exception {
        drop("tickets-escalated.csv", PreflightFlowTest.TICKETS.getBytes(StandardCharsets.UTF_8));

        JsonNode report = awaitReport("tickets-escalated.csv");

        assertThat(report.path("dryRun").asBoolean()).isTrue();
        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(4);
        assertThat(report.path("outcomes").path("rejected").asLong()).isEqualTo(1);
        assertThat(report.path("errorsByCode").path("INVALID_OPTION").asLong()).isEqualTo(1);
        assertThat(report.path("preflight").path("unknownProperties"))
                .as("crm-bridge's own properties, not created in a dry run, are not reported missing").isEmpty();
        assertThat(sandbox().state().requests()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
        assertThat(report.path("requests").asLong()).isEqualTo(sandbox().state().requests().size());
    }
}
