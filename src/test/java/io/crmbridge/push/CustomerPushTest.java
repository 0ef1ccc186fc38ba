package io.crmbridge.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.config.BrevoConnection;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.hubspot.HubSpotGateway;
import io.crmbridge.hubspot.PropertyEnsurer;
import io.crmbridge.hubspot.PropertySpec;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sales.CustomerProfile;
import io.crmbridge.sales.scoring.RfmSegments;
import io.crmbridge.sandbox.SandboxRecord;
import io.crmbridge.sandbox.SandboxState;
import io.crmbridge.sandbox.brevo.BrevoAccount;
import io.crmbridge.sandbox.brevo.BrevoContact;
import io.crmbridge.sandbox.brevo.BrevoList;
import io.crmbridge.sandbox.brevo.BrevoSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The push of scored clients (PRODUCT.md W3) through {@code direct:push-customers}, against the embedded
 * HubSpot and Brevo sandboxes: contacts with their RFM properties (created in the portal first), Brevo lists
 * per segment, dead letters for clients that cannot be pushed.
 */
class CustomerPushTest extends ImportFlowTestSupport {

    private static final LocalDate LAST = LocalDate.of(2025, 12, 27);

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("brevo.sandbox.requests-per-second", "0");
        p.setProperty("brevo.requests-per-second", "1000");
        return p;
    }

    private BrevoSandbox brevo() {
        return context.getRegistry().lookupByNameAndType(BrevoConnection.SANDBOX_BEAN, BrevoSandbox.class);
    }

    private PushResult push(List<CustomerProfile> profiles) {
        return template.requestBody("direct:push-customers", profiles, PushResult.class);
    }

    private List<CustomerProfile> threeClients() {
        return List.of(
                Profiles.client("C001", "Jean.Dupont@Example.org", "Jean", "Dupont", "champions", 5, 4, 5, "1234.50", LAST,
                        List.of("Riesling Grand Cru", "Pinot Noir", "Gewurztraminer", "Muscat")),
                Profiles.client("C002", "marie@example.org", "Marie", "Curie", "champions", 5, 5, 4, "980", LAST,
                        List.of("Pinot Noir")),
                Profiles.client("C003", "paul@example.org", "Paul", "Martin", "at_risk", 2, 3, 3, "310.2",
                        LocalDate.of(2024, 3, 1), List.of()));
    }

    @Test
    void hubSpotHoldsTheContactsWithTheirRfmPropertiesAndTheDefinitionsWereCreated() {
        PushResult result = push(threeClients());

        assertThat(result.hubspot()).containsEntry("created", 3L).containsEntry("rejected", 0L)
                .containsEntry("failed", 0L).containsEntry("skipped", 0L);
        SandboxState portal = sandbox().state();
        assertThat(portal.propertyGroup(ObjectType.CONTACTS, "crm_bridge_rfm")).isPresent();
        JsonNode segment = portal.property(ObjectType.CONTACTS, "crm_bridge_rfm_segment").orElseThrow();
        assertThat(segment.path("type").asText()).isEqualTo("enumeration");
        assertThat(segment.path("groupName").asText()).isEqualTo("crm_bridge_rfm");
        List<String> options = new ArrayList<>();
        segment.path("options").forEach(o -> options.add(o.path("value").asText()));
        assertThat(options).contains("champions", "loyal", "at_risk", "lost");
        assertThat(portal.property(ObjectType.CONTACTS, "crm_bridge_last_purchase_date").orElseThrow()
                .path("type").asText()).isEqualTo("date");

        SandboxRecord jean = portal.findByProperty(ObjectType.CONTACTS, "email", "jean.dupont@example.org").orElseThrow();
        assertThat(jean.property("firstname")).isEqualTo("Jean");
        assertThat(jean.property("crm_bridge_rfm_segment")).isEqualTo("champions");
        assertThat(jean.property("crm_bridge_rfm_recency_score")).isEqualTo("5");
        assertThat(jean.property("crm_bridge_rfm_frequency_score")).isEqualTo("4");
        assertThat(jean.property("crm_bridge_rfm_monetary_score")).isEqualTo("5");
        assertThat(jean.property("crm_bridge_rfm_code")).isEqualTo("545");
        assertThat(jean.property("crm_bridge_rfm_monetary")).isEqualTo("1234.50");
        assertThat(jean.property("crm_bridge_last_purchase_date"))
                .isEqualTo(Long.toString(LAST.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()));
        assertThat(jean.property("crm_bridge_recommendations")).isEqualTo("Riesling Grand Cru; Pinot Noir; Gewurztraminer");
        assertThat(jean.property("crm_bridge_client_code")).isEqualTo("C001");
        assertThat(portal.findByProperty(ObjectType.CONTACTS, "email", "paul@example.org").orElseThrow()
                .property("crm_bridge_rfm_segment")).isEqualTo("at_risk");
    }

    @Test
    void brevoHoldsTheContactsInTheListOfTheirSegment() {
        PushResult result = push(threeClients());

        assertThat(result.brevo()).containsEntry("imported", 3L).containsEntry("rejected", 0L)
                .containsEntry("failed", 0L);
        BrevoAccount account = brevo().account();
        BrevoList champions = account.list("rfm-champions").orElseThrow();
        BrevoList atRisk = account.list("rfm-at_risk").orElseThrow();
        assertThat(account.listMembers(champions.id())).containsExactlyInAnyOrder("jean.dupont@example.org",
                "marie@example.org");
        assertThat(account.listMembers(atRisk.id())).containsExactly("paul@example.org");
        assertThat(result.brevoLists()).containsEntry("champions", champions.id()).containsEntry("at_risk", atRisk.id());
        BrevoContact jean = account.contact("jean.dupont@example.org").orElseThrow();
        assertThat(jean.attributes()).containsEntry("FIRSTNAME", "Jean").containsEntry("RFM_SEGMENT", "champions")
                .containsEntry("RFM_CODE", "545").containsEntry("LAST_PURCHASE", "2025-12-27");
        assertThat(result.segments()).containsEntry("champions", 2).containsEntry("at_risk", 1);
    }

    @Test
    void aSecondPushUpdatesTheContactsAndFindsTheListsByName() {
        push(threeClients());
        List<CustomerProfile> rescored = List.of(Profiles.client("C003", "paul@example.org", "Paul", "Martin", "lost",
                1, 1, 2, "310.2", LocalDate.of(2024, 3, 1), List.of()));

        PushResult again = push(rescored);

        assertThat(again.hubspot()).containsEntry("updated", 1L).containsEntry("created", 0L);
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "paul@example.org").orElseThrow()
                .property("crm_bridge_rfm_segment")).isEqualTo("lost");
        BrevoAccount account = brevo().account();
        assertThat(account.lists()).extracting(BrevoList::name)
                .containsExactlyInAnyOrder("rfm-champions", "rfm-at_risk", "rfm-lost");
        // Brevo's import adds to lists, it never removes: the contact is in its old and its new segment's list
        assertThat(account.contact("paul@example.org").orElseThrow().listIds())
                .contains(account.list("rfm-lost").orElseThrow().id());
    }

    @Test
    void clientsWithoutAUsableEmailAreDeadLetteredWithAReasonAndSentNowhere() throws Exception {
        List<CustomerProfile> profiles = List.of(
                Profiles.client("C010", "anne@example.org", "loyal"),
                Profiles.client("C011", null, "loyal"),
                Profiles.client("C012", "not-an-email", "lost"),
                Profiles.client("C013", "ANNE@example.org", "loyal"));

        PushResult result = push(profiles);

        assertThat(result.hubspot()).containsEntry("created", 1L).containsEntry("skipped", 3L);
        assertThat(result.brevo()).containsEntry("imported", 1L).containsEntry("skipped", 3L);
        assertThat(result.deadLetters()).isEqualTo(3);
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(1);
        assertThat(brevo().account().contacts()).extracting(BrevoContact::email).containsExactly("anne@example.org");
        Path file = outbox().resolve(result.deadLetterFile());
        List<CSVRecord> rows;
        try (CSVParser parser = CSVParser.parse(Files.newBufferedReader(file),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
            rows = parser.getRecords();
        }
        assertThat(rows).extracting(r -> r.get("client_code")).containsExactly("C011", "C012", "C013");
        assertThat(rows.get(0).get("row_number")).isEqualTo("2");
        assertThat(rows.get(0).get("error_code")).isEqualTo("MISSING_REQUIRED");
        assertThat(rows.get(0).get("error_message")).contains("email");
        assertThat(rows.get(0).get("target")).isEqualTo("hubspot+brevo");
        assertThat(rows.get(1).get("error_code")).isEqualTo("INVALID_EMAIL");
        assertThat(rows.get(1).get("error_message")).contains("not-an-email");
        assertThat(rows.get(2).get("error_code")).isEqualTo("DUPLICATE_IN_FILE");
        assertThat(rows.get(2).get("error_message")).contains("row 1");
    }

    @Test
    void everySegmentOfTheScorerIsAnOptionInHubSpotAndAListInBrevoOfTheSameName() {
        List<CustomerProfile> onePerSegment = new ArrayList<>();
        for (String segment : RfmSegments.ALL) {
            onePerSegment.add(Profiles.client("C-" + segment, segment + "@example.org", segment));
        }

        PushResult result = push(onePerSegment);

        assertThat(result.hubspot()).containsEntry("created", (long) RfmSegments.ALL.size()).containsEntry("rejected", 0L);
        assertThat(segmentOptions()).containsExactlyElementsOf(RfmSegments.ALL);
        assertThat(brevo().account().lists()).extracting(BrevoList::name)
                .containsExactlyInAnyOrderElementsOf(RfmSegments.ALL.stream().map(s -> "rfm-" + s).toList());
        for (String segment : RfmSegments.ALL) {
            assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", segment + "@example.org")
                    .orElseThrow().property("crm_bridge_rfm_segment")).isEqualTo(segment);
        }
    }

    @Test
    void aSegmentPropertyCreatedWithOtherOptionsGetsTheScorersSegmentsAdded() {
        // a portal whose crm_bridge_rfm_segment offers the classic RFM grid's names, not the scorer's
        List<String> classic = List.of("champions", "loyal", "potential_loyalists", "need_attention", "lost");
        HubSpotGateway gateway = context.getRegistry().lookupByNameAndType("hubspotGateway", HubSpotGateway.class);
        new PropertyEnsurer(gateway, List.of(new PropertySpec(ObjectType.CONTACTS, "crm_bridge_rfm_segment",
                "RFM segment", "enumeration", "select", false, RfmContactFields.GROUP, classic)))
                .ensure(ObjectType.CONTACTS, null);

        PushResult result = push(List.of(Profiles.client("C020", "lea@example.org", "needs_attention")));

        assertThat(result.hubspot()).containsEntry("created", 1L).containsEntry("rejected", 0L);
        assertThat(segmentOptions()).startsWith(classic.toArray(String[]::new))
                .containsAll(RfmSegments.ALL).doesNotHaveDuplicates();
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "lea@example.org").orElseThrow()
                .property("crm_bridge_rfm_segment")).isEqualTo("needs_attention");
    }

    private List<String> segmentOptions() {
        List<String> options = new ArrayList<>();
        sandbox().state().property(ObjectType.CONTACTS, "crm_bridge_rfm_segment").orElseThrow().path("options")
                .forEach(o -> options.add(o.path("value").asText()));
        return options;
    }

    @Test
    void aListDeletedInBrevoIsCreatedAgainOnTheNextPush() {
        push(threeClients());
        BrevoAccount account = brevo().account();
        long deleted = account.list("rfm-at_risk").orElseThrow().id();
        assertThat(account.deleteList(deleted)).isTrue();

        PushResult again = push(List.of(Profiles.client("C030", "zoe@example.org", "at_risk")));

        assertThat(again.brevo()).containsEntry("imported", 1L).containsEntry("failed", 0L);
        BrevoList recreated = account.list("rfm-at_risk").orElseThrow();
        assertThat(recreated.id()).isNotEqualTo(deleted);
        assertThat(again.brevoLists()).containsEntry("at_risk", recreated.id());
        assertThat(account.listMembers(recreated.id())).containsExactly("zoe@example.org");
    }
}
