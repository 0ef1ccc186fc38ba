package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
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
 * Batch isolation (L5): a record that crm-bridge accepts but HubSpot refuses fails alone, with
 * HUBSPOT_REJECTED in the dead-letter file, while every other record of its batch lands.
 *
 * <p>The preflight (V7) catches unknown properties and disallowed enumeration options before any
 * write (see {@link PreflightFlowTest}), and crm-bridge and the sandbox check e-mails with the same
 * strict jmail validator, so the disagreement is made with a value type the preflight does not
 * check: a user's property mapping sends the "Created Date" column as text into HubSpot's own
 * {@code createdate} (a datetime: ISO 8601 or epoch ms, hubspot-api.md §0), to keep the time of day.
 * Row 3 writes its date with a space instead of the {@code T}, which HubSpot refuses.
 */
class HubSpotRejectionTest extends ImportFlowTestSupport {

    private static final String HEADER = "Ticket ID,Customer Name,Customer Email,Ticket Subject,Ticket Description,"
            + "Ticket Status,Ticket Priority,Ticket Type,Ticket Channel,Created Date";
    // row 3's created date is not an ISO 8601 date-time
    private static final String TICKETS = String.join("\n", HEADER,
            "TCK-1,Ana Silva,ana.silva@verde-exports.com.br,Login fails,Cannot log in.,Open,High,Technical issue,Email,2024-02-01T09:30:00Z",
            "TCK-2,Ben Okafor,ben.okafor@lagos-freight.ng,Invoice twice,Two invoices for March.,Closed,Low,Billing inquiry,Phone,2024-02-02T10:00:00Z",
            "TCK-3,Chen Wei,chen.wei@pearl-river-tools.cn,Server down,Everything is down.,Open,Critical,Technical issue,Chat,2024-02-03 14:05",
            "TCK-4,Dana Novak,dana.novak@vltava-design.cz,Refund,Please refund order 55.,Waiting on us,Medium,Refund request,Email,2024-02-04T11:15:00Z",
            "TCK-5,Emil Berg,emil.berg@fjord-ships.no,Question,How do I export?,Pending Customer Response,Low,Product inquiry,Chat,2024-02-05T16:45:00Z",
            "");

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.mapping.hubspot-properties-file",
                UserMappingFiles.hubspotProperties(work(), "tickets.created_date = createdate : text").toString());
        return p;
    }

    @Test
    void onlyTheRowHubSpotRefusesFailsAndTheRestOfItsBatchLands() throws Exception {
        drop("tickets-created.csv", TICKETS.getBytes(StandardCharsets.UTF_8));

        JsonNode report = awaitReport("tickets-created.csv");

        assertThat(report.path("rowsRead").asLong()).isEqualTo(5);
        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(4);
        assertThat(report.path("outcomes").path("failed").asLong()).isEqualTo(1);
        assertThat(report.path("errorsByCode").path("HUBSPOT_REJECTED").asLong()).isEqualTo(1);
        assertThat(report.path("preflight").path("unknownProperties")).as("createdate exists").isEmpty();
        assertThat(sandbox().state().count(ObjectType.TICKETS)).isEqualTo(4);
        assertThat(sandbox().state().findByProperty(ObjectType.TICKETS, "crm_bridge_key", "TCK-3")).isEmpty();
        for (String id : List.of("TCK-1", "TCK-2", "TCK-4", "TCK-5")) {
            assertThat(sandbox().state().findByProperty(ObjectType.TICKETS, "crm_bridge_key", id)).as(id).isPresent();
        }
        try (Reader in = Files.newBufferedReader(deadLetter("tickets-created.csv").orElseThrow(), StandardCharsets.UTF_8);
             CSVParser dl = CSVFormat.DEFAULT.builder().setHeader().get().parse(in)) {
            List<CSVRecord> rows = dl.getRecords();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("Ticket ID")).isEqualTo("TCK-3");
            assertThat(rows.get(0).get("row_number")).isEqualTo("3");
            assertThat(rows.get(0).get("error_code")).isEqualTo("HUBSPOT_REJECTED");
            assertThat(rows.get(0).get("error_message")).contains("2024-02-03 14:05");
        }
    }

    @Test
    void contactOfTheRefusedTicketStillLinksToItsCompanyWhenTheCompanyArrives() throws Exception {
        drop("tickets-created.csv", TICKETS.getBytes(StandardCharsets.UTF_8));
        JsonNode tickets = awaitReport("tickets-created.csv");
        assertThat(tickets.path("secondary").path("contacts").path("created").asLong())
                .as("the ticket failed, its contact landed").isEqualTo(5);

        drop("companies-of-ticket-customers.csv", String.join("\n", "Name,Website",
                "Pearl River Tools,https://pearl-river-tools.cn",
                "Verde Exports,https://www.verde-exports.com.br", "").getBytes(StandardCharsets.UTF_8));
        awaitReport("companies-of-ticket-customers.csv");

        String chen = sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "chen.wei@pearl-river-tools.cn")
                .orElseThrow().id();
        String pearl = sandbox().state().findByProperty(ObjectType.COMPANIES, "domain", "pearl-river-tools.cn")
                .orElseThrow().id();
        assertThat(sandbox().state().associatedIds(ObjectType.CONTACTS, chen, ObjectType.COMPANIES))
                .containsExactly(pearl);
        // the same link of a contact whose ticket landed, for comparison
        String ana = sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "ana.silva@verde-exports.com.br")
                .orElseThrow().id();
        String verde = sandbox().state().findByProperty(ObjectType.COMPANIES, "domain", "verde-exports.com.br")
                .orElseThrow().id();
        assertThat(sandbox().state().associatedIds(ObjectType.CONTACTS, ana, ObjectType.COMPANIES))
                .containsExactly(verde);
    }
}
