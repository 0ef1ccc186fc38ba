package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The whole flow on one {@code hubspot.api-version}: every request speaks that version's paths, and a batch
 * with one input HubSpot refuses is answered with that version's status (207 in v3 and 2026-03, 200 with
 * {@code numErrors} from 2026-09: hubspot-api.md §10.2) and still isolates the refused row. The contract layer
 * checks each exchange against the documents of the version (HubSpotContract).
 */
abstract class ApiVersionFlow extends ImportFlowTestSupport {

    // row 3's created date is not an ISO 8601 date-time: HubSpot refuses that input alone (HubSpotRejectionTest)
    private static final String TICKETS = String.join("\n",
            "Ticket ID,Customer Name,Customer Email,Ticket Subject,Ticket Status,Created Date",
            "TCK-1,Ana Silva,ana.silva@verde-exports.com.br,Login fails,Open,2024-02-01T09:30:00Z",
            "TCK-2,Ben Okafor,ben.okafor@lagos-freight.ng,Invoice twice,Closed,2024-02-02T10:00:00Z",
            "TCK-3,Chen Wei,chen.wei@pearl-river-tools.cn,Server down,Open,2024-02-03 14:05",
            "");

    /** The value of {@code hubspot.api-version}. */
    abstract String version();

    /** A pattern every request path of the flow matches. */
    abstract String pathPattern();

    /** The status of a batch upsert answer that lists one failed input. */
    abstract int partialFailureStatus();

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("hubspot.api-version", version());
        p.setProperty("crm-bridge.mapping.hubspot-properties-file",
                UserMappingFiles.hubspotProperties(work(), "tickets.created_date = createdate : text").toString());
        return p;
    }

    @Test
    void importsAndLinksThroughTheVersionsPathsOnly() throws Exception {
        drop(Path.of("data", "companies.csv"), "companies.csv");
        awaitReport("companies.csv");
        drop(Path.of("data", "contacts.csv"), "contacts.csv");

        JsonNode contacts = awaitReport("contacts.csv");

        assertThat(contacts.path("outcomes").path("created").asLong()).isEqualTo(55);
        assertThat(contacts.path("associations").path("created").asLong()).isPositive();
        assertThat(sandbox().state().associationCount(ObjectType.CONTACTS, ObjectType.COMPANIES))
                .isEqualTo(contacts.path("associations").path("created").asInt());
        assertThat(sandbox().state().requests()).extracting(RecordedRequest::path)
                .isNotEmpty()
                .allSatisfy(path -> assertThat(path).matches(pathPattern()))
                .anySatisfy(path -> assertThat(path).contains("associations").contains("contacts/companies"));
    }

    @Test
    void isolatesTheInputHubSpotRefusesInTheVersionsAnswer() throws Exception {
        drop("tickets-versioned.csv", TICKETS.getBytes(StandardCharsets.UTF_8));

        JsonNode report = awaitReport("tickets-versioned.csv");

        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(2);
        assertThat(report.path("errorsByCode").path("HUBSPOT_REJECTED").asLong()).isEqualTo(1);
        assertThat(sandbox().state().count(ObjectType.TICKETS)).isEqualTo(2);
        assertThat(sandbox().state().requests())
                .filteredOn(r -> r.path().startsWith(pathPrefix()) && r.path().endsWith("tickets/batch/upsert"))
                .extracting(RecordedRequest::status)
                .contains(partialFailureStatus())
                .allSatisfy(status -> assertThat(status).isIn(200, partialFailureStatus()));
    }

    private String pathPrefix() {
        return "v3".equals(version()) ? "/crm/v3/objects/" : "/crm/objects/" + version() + "/";
    }
}
