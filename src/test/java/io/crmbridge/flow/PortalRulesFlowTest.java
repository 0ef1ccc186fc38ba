package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The portal's rules (PRODUCT.md P1; hubspot-api.md §10.3), end to end on API version 2026-09: the sandbox's portal
 * requires a job title on contacts created through the API (a required field of the "create record" form, which no
 * API reads) and allows only digits in {@code zip} (a property validation rule, which the Property Validations API
 * lists). A zip with a letter is rejected before any write; a new contact without a job title is sent, refused by
 * HubSpot and dead-lettered as PORTAL_RULE; an existing contact without one is updated (the form applies to creating
 * records only); the others land.
 */
class PortalRulesFlowTest extends ImportFlowTestSupport {

    static final String CONTACTS = String.join("\n", "Email,First Name,Last Name,Job Title,Zip",
            "ana.silva@verde-exports.com.br,Ana,Silva,Buyer,75001",
            "ben.okafor@lagos-freight.ng,Ben,Okafor,Clerk,75A01",
            "chen.wei@pearl-river-tools.cn,Chen,Wei,,10115",
            "dana.novak@vltava-design.cz,Dana,Novak,,11000",
            "emil.berg@fjord-ships.no,Emil,Berg,Captain,",
            "");

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("hubspot.api-version", "2026-09");
        p.setProperty("sandbox.portal-rules.required-on-create", "contacts.jobtitle");
        p.setProperty("sandbox.portal-rules.property-validations", "contacts.zip ALPHANUMERIC NUMERIC_ONLY");
        return p;
    }

    @Test
    void aFormatRuleRejectsItsRowBeforeTheWriteAnAdminRuleFailsItsRowAfterHubSpotsRefusalAndTheOthersLand()
            throws Exception {
        Instant before = Instant.parse("2026-10-01T08:00:00Z");
        sandbox().state().insertAt(ObjectType.CONTACTS, Map.of("email", "dana.novak@vltava-design.cz",
                "firstname", "Dana"), before, before);
        drop("contacts-rules.csv", CONTACTS.getBytes(StandardCharsets.UTF_8));

        JsonNode report = awaitReport("contacts-rules.csv");

        JsonNode outcomes = report.path("outcomes");
        assertThat(report.path("rowsRead").asLong()).isEqualTo(5);
        assertThat(outcomes.path("created").asLong()).isEqualTo(2);
        assertThat(outcomes.path("updated").asLong()).isEqualTo(1);
        assertThat(outcomes.path("rejected").asLong()).isEqualTo(1);
        assertThat(outcomes.path("failed").asLong()).isEqualTo(1);
        long ended = 0;
        for (JsonNode n : outcomes) {
            ended += n.asLong();
        }
        assertThat(ended).as("every row ends in exactly one outcome").isEqualTo(5);
        assertThat(report.path("errorsByCode").path("VALIDATION_RULE").asLong()).isEqualTo(1);
        assertThat(report.path("errorsByCode").path("PORTAL_RULE").asLong()).isEqualTo(1);
        assertThat(report.path("errorsByCode").size()).isEqualTo(2);
        JsonNode rules = report.path("preflight").path("propertyValidations");
        assertThat(rules).singleElement().satisfies(r -> {
            assertThat(r.path("objectType").asText()).isEqualTo("contacts");
            assertThat(r.path("read").asBoolean()).isTrue();
            assertThat(r.path("rules").asInt()).isEqualTo(1);
            assertThat(r.path("checked").asInt()).isEqualTo(1);
        });

        // the rules were read once, by type id, and the row breaking one never reached HubSpot
        List<RecordedRequest> requests = sandbox().state().requests();
        assertThat(requests).filteredOn(r -> r.path().startsWith("/crm/property-validations/"))
                .extracting(RecordedRequest::method, RecordedRequest::path, RecordedRequest::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/crm/property-validations/2026-09/0-1", 200));
        assertThat(requests).filteredOn(r -> r.path().equals("/crm/objects/2026-09/contacts/batch/upsert"))
                .singleElement().satisfies(r -> assertThat(r.inputCount()).isEqualTo(4));
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "ben.okafor@lagos-freight.ng")).isEmpty();
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "chen.wei@pearl-river-tools.cn")).isEmpty();
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "dana.novak@vltava-design.cz")
                .orElseThrow().properties()).containsEntry("zip", "11000").doesNotContainKey("jobtitle");
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "ana.silva@verde-exports.com.br")
                .orElseThrow().properties()).containsEntry("jobtitle", "Buyer").containsEntry("zip", "75001");
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "emil.berg@fjord-ships.no"))
                .isPresent();

        List<CSVRecord> deadLetter = deadLetterRecords(deadLetter("contacts-rules.csv").orElseThrow());
        List<String> header = deadLetter.get(0).toList();
        Map<String, List<String>> byEmail = deadLetter.subList(1, deadLetter.size()).stream().collect(Collectors.toMap(
                r -> r.get(0), r -> List.of(r.get(header.indexOf("row_number")), r.get(header.indexOf("error_code")),
                        r.get(header.indexOf("error_message")))));
        assertThat(byEmail).containsOnlyKeys("ben.okafor@lagos-freight.ng", "chen.wei@pearl-river-tools.cn");
        assertThat(byEmail.get("ben.okafor@lagos-freight.ng")).containsExactly("2", "VALIDATION_RULE",
                "zip '75A01' has characters other than digits: it breaks the portal's property validation rule"
                        + " ALPHANUMERIC [NUMERIC_ONLY]");
        assertThat(byEmail.get("chen.wei@pearl-river-tools.cn")).containsExactly("3", "PORTAL_RULE",
                "HubSpot refused the record for one of the portal's rules: Cannot create object with type: CONTACT."
                        + " The following required properties were missing: [jobtitle]");
    }
}
