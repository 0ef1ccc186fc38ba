package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.hubspot.HubSpotPaths;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.RecordedRequest;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Preflight against the portal's schema (V7), end to end: values HubSpot would refuse are caught
 * before any write. The user's ticket-codes file maps the status "Escalated" to stage "9", which the
 * portal's default pipeline (stages 1-4) does not have; the user's property mapping sends "Job Title"
 * to a misspelt property {@code job_titel} the portal does not have.
 */
class PreflightFlowTest extends ImportFlowTestSupport {

    private static final HubSpotPaths DEFAULT_PATHS = new HubSpotPaths(HubSpotPaths.DEFAULT_VERSION);

    static final String TICKET_HEADER = "Ticket ID,Customer Name,Customer Email,Ticket Subject,Ticket Description,"
            + "Ticket Status,Ticket Priority";
    // row 3 has the status that the user's mapping sends as stage 9
    static final String TICKETS = String.join("\n", TICKET_HEADER,
            "TCK-1,Ana Silva,ana.silva@verde-exports.com.br,Login fails,Cannot log in.,Open,High",
            "TCK-2,Ben Okafor,ben.okafor@lagos-freight.ng,Invoice twice,Two invoices for March.,Closed,Low",
            "TCK-3,Chen Wei,chen.wei@pearl-river-tools.cn,Server down,Everything is down.,Escalated,Critical",
            "TCK-4,Dana Novak,dana.novak@vltava-design.cz,Refund,Please refund order 55.,Waiting on us,Medium",
            "TCK-5,Emil Berg,emil.berg@fjord-ships.no,Question,How do I export?,Pending Customer Response,Low",
            "");

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.mapping.ticket-codes-file",
                UserMappingFiles.ticketCodes(work(), "status.Escalated=9").toString());
        p.setProperty("crm-bridge.mapping.hubspot-properties-file",
                UserMappingFiles.hubspotProperties(work(), "contacts.jobtitle = job_titel : text").toString());
        return p;
    }

    @Test
    void aStageThePipelineLacksRejectsItsRowBeforeAnyWriteAndTheOthersLand() throws Exception {
        drop("tickets-escalated.csv", TICKETS.getBytes(StandardCharsets.UTF_8));

        JsonNode report = awaitReport("tickets-escalated.csv");

        assertThat(report.path("rowsRead").asLong()).isEqualTo(5);
        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(4);
        assertThat(report.path("outcomes").path("rejected").asLong()).isEqualTo(1);
        assertThat(report.path("outcomes").path("failed").asLong()).isZero();
        assertThat(report.path("errorsByCode").path("INVALID_OPTION").asLong()).isEqualTo(1);
        assertThat(report.path("errorsByCode").has("HUBSPOT_REJECTED")).isFalse();
        assertThat(report.path("secondary").path("contacts").path("created").asLong())
                .as("a rejected row's contact is not sent either").isEqualTo(4);
        // the rejected ticket never reached HubSpot: one upsert with exactly the four valid tickets
        List<RecordedRequest> ticketUpserts = sandbox().state().requests().stream()
                .filter(r -> r.path().equals(DEFAULT_PATHS.objects(ObjectType.TICKETS) + "/batch/upsert")).toList();
        assertThat(ticketUpserts).singleElement().satisfies(r -> {
            assertThat(r.inputCount()).isEqualTo(4);
            assertThat(r.status()).isEqualTo(200);
        });
        // the ensurer's read of the list (before it created crm-bridge's ticket properties) is the file's schema
        assertThat(sandbox().state().requests()).filteredOn(r -> r.method().equals("GET")
                && r.path().equals(DEFAULT_PATHS.properties(ObjectType.TICKETS))).hasSize(1);
        assertThat(sandbox().state().count(ObjectType.TICKETS)).isEqualTo(4);
        assertThat(sandbox().state().findByProperty(ObjectType.TICKETS, "crm_bridge_key", "TCK-3")).isEmpty();
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "chen.wei@pearl-river-tools.cn"))
                .isEmpty();
        try (Reader in = Files.newBufferedReader(deadLetter("tickets-escalated.csv").orElseThrow(), StandardCharsets.UTF_8);
             CSVParser dl = CSVFormat.DEFAULT.builder().setHeader().get().parse(in)) {
            List<CSVRecord> rows = dl.getRecords();
            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.get("Ticket ID")).isEqualTo("TCK-3");
                assertThat(row.get("row_number")).isEqualTo("3");
                assertThat(row.get("error_code")).isEqualTo("INVALID_OPTION");
                assertThat(row.get("error_message"))
                        .isEqualTo("'9' is not an allowed option of hs_pipeline_stage (allowed: 1, 2, 3, 4)");
            });
        }
    }

    @Test
    void aPropertyThePortalLacksIsReportedOnceAndItsRowsLoadWithoutIt() throws Exception {
        drop("contacts-titles.csv", String.join("\n", "Email,First Name,Last Name,Job Title",
                "ana.silva@verde-exports.com.br,Ana,Silva,Buyer",
                "ben.okafor@lagos-freight.ng,Ben,Okafor,Clerk",
                "chen.wei@pearl-river-tools.cn,Chen,Wei,Engineer", "").getBytes(StandardCharsets.UTF_8));

        JsonNode report = awaitReport("contacts-titles.csv");

        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(3);
        JsonNode unknown = report.path("preflight").path("unknownProperties");
        assertThat(unknown).hasSize(1);
        assertThat(unknown.get(0).path("objectType").asText()).isEqualTo("contacts");
        assertThat(unknown.get(0).path("column").asText()).isEqualTo("Job Title");
        assertThat(unknown.get(0).path("property").asText()).isEqualTo("job_titel");
        assertThat(report.path("warningsByCode").size()).as("reported once, not per row").isZero();
        assertThat(report.path("rowsWithWarnings").asLong()).isZero();
        assertThat(report.path("errorsByCode").size()).isZero();
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(3);
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "ben.okafor@lagos-freight.ng")
                .orElseThrow().properties()).containsEntry("firstname", "Ben").doesNotContainKey("job_titel");
        String json = reports("contacts-titles.csv").get(0).toString();
        assertThat(Files.readString(java.nio.file.Path.of(json.substring(0, json.length() - ".json".length()) + ".html")))
                .contains("<td>Job Title</td><td>job_titel</td>");
    }
}
