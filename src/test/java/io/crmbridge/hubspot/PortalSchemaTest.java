package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.model.ObjectType;
import io.crmbridge.report.ImportReport;
import io.crmbridge.sandbox.PortalRules;
import io.crmbridge.sandbox.RecordedRequest;
import io.crmbridge.sandbox.SandboxConfig;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PortalSchemaTest {

    private SandboxCamel env;

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void readsEachTypesPropertiesOnceAndCountsTheRequestOnTheReport() throws Exception {
        env = new SandboxCamel();
        ImportReport report = new ImportReport("tickets.csv", ObjectType.TICKETS, "UTF-8", ",", false, Instant.now());
        PortalSchema schema = PortalSchema.read(env.gateway, report);

        Map<String, PortalProperty> tickets = schema.properties(ObjectType.TICKETS);
        schema.properties(ObjectType.TICKETS);
        schema.properties(ObjectType.CONTACTS);

        PortalProperty stage = tickets.get("hs_pipeline_stage");
        assertThat(stage.isEnumeration()).isTrue();
        assertThat(stage.options()).containsExactly("1", "2", "3", "4");
        assertThat(tickets.get("subject").isEnumeration()).isFalse();
        assertThat(tickets).doesNotContainKey("jobtitle");
        List<RecordedRequest> requests = env.sandbox.state().requests();
        assertThat(requests).extracting(RecordedRequest::method, RecordedRequest::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("GET", "/crm/v3/properties/tickets"),
                org.assertj.core.groups.Tuple.tuple("GET", "/crm/v3/properties/contacts"));
        assertThat(report.requests()).isEqualTo(2);
    }

    @Test
    void typesJustReadByTheCallerAreNotReadAgain() throws Exception {
        env = new SandboxCamel();
        ImportReport report = new ImportReport("tickets.csv", ObjectType.TICKETS, "UTF-8", ",", false, Instant.now());
        List<PortalProperty> justRead = List.of(new PortalProperty("subject", "string", "text", List.of()));
        PortalSchema schema = PortalSchema.read(env.gateway, report, Map.of(ObjectType.TICKETS, justRead));

        assertThat(schema.properties(ObjectType.TICKETS)).containsOnlyKeys("subject");
        assertThat(schema.properties(ObjectType.CONTACTS)).containsKey("email");

        assertThat(env.sandbox.state().requests()).extracting(RecordedRequest::method, RecordedRequest::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/crm/v3/properties/contacts"));
        assertThat(report.requests()).isEqualTo(1);
    }

    private static SandboxConfig withRules(Set<String> scopes) {
        return new SandboxConfig("127.0.0.1", 0, SandboxCamel.SANDBOX_TOKEN, 100, 0).withScopes(scopes)
                .withPortalRules(PortalRules.parse("", "", "contacts.zip ALPHANUMERIC NUMERIC_ONLY; contacts.zip"
                        + " MAX_LENGTH 5; contacts.email EMAIL_BLOCKED_DOMAINS example.org"));
    }

    /** Asks a contacts file's schema for the contacts' rules twice, against a sandbox of {@code rules}. */
    private PropertyValidations contactRulesAskedTwice(SandboxConfig rules, String apiVersion, ImportReport report)
            throws Exception {
        env = new SandboxCamel(rules, apiVersion, SandboxCamel.SANDBOX_TOKEN);
        PortalSchema schema = PortalSchema.read(env.gateway, report);
        PropertyValidations first = schema.validations(ObjectType.CONTACTS);
        assertThat(schema.validations(ObjectType.CONTACTS)).isSameAs(first);
        return first;
    }

    private static ImportReport contactsReport() {
        return new ImportReport("contacts.csv", ObjectType.CONTACTS, "UTF-8", ",", false, Instant.now());
    }

    @Test
    void readsATypesValidationRulesOnceOnADatedVersionAndRecordsItOnTheReport() throws Exception {
        ImportReport report = contactsReport();

        PropertyValidations rules = contactRulesAskedTwice(withRules(null), "2026-09", report);

        assertThat(rules.read()).isTrue();
        assertThat(rules.of("zip")).extracting(r -> r.describe())
                .containsExactly("ALPHANUMERIC [NUMERIC_ONLY]", "MAX_LENGTH [5]");
        assertThat(rules.of("firstname")).isEmpty();
        assertThat(env.sandbox.state().requests()).extracting(RecordedRequest::path)
                .containsExactly("/crm/property-validations/2026-09/0-1");
        assertThat(report.validationRules()).containsExactly(
                new ImportReport.ValidationRulesRead(ObjectType.CONTACTS, true, 3, 2, null));
    }

    @Test
    void asksNothingOnV3AndRecordsWhy() throws Exception {
        ImportReport report = contactsReport();

        PropertyValidations rules = contactRulesAskedTwice(withRules(null), "v3", report);

        assertThat(rules.read()).isFalse();
        assertThat(rules.of("zip")).isEmpty();
        assertThat(env.sandbox.state().requests()).isEmpty();
        assertThat(report.validationRules()).singleElement().satisfies(r -> {
            assertThat(r.read()).isFalse();
            assertThat(r.reason()).startsWith("not read on hubspot.api-version v3");
        });
    }

    @Test
    void aRefusedReadLeavesTheRulesUncheckedWithoutThrowingAndIsRecordedOnce() throws Exception {
        Set<String> scopes = new HashSet<>(SandboxConfig.FLOW_SCOPES);
        // any one of these reads a type's rules (propertyValidations.json security): the token has none of them
        scopes.removeAll(Set.of("crm.schemas.contacts.read", "crm.objects.contacts.read", "crm.objects.contacts.write"));
        ImportReport report = contactsReport();

        PropertyValidations rules = contactRulesAskedTwice(withRules(scopes), "2026-09", report);

        assertThat(rules.read()).isFalse();
        assertThat(rules.unreadReason()).startsWith("HubSpot answered 403 MISSING_SCOPES: ")
                .contains("crm.schemas.contacts.read");
        assertThat(env.sandbox.state().requests()).hasSize(1);
        assertThat(report.validationRules()).singleElement().satisfies(r -> assertThat(r.read()).isFalse());
    }

    @Test
    void anEnumerationAllowsOnlyItsOptionValuesAndACheckboxSeveral() {
        PortalProperty select = new PortalProperty("hs_ticket_priority", "enumeration", "select",
                List.of("LOW", "HIGH"));
        PortalProperty checkbox = new PortalProperty("tags", "enumeration", "checkbox", List.of("a", "b"));
        PortalProperty text = new PortalProperty("subject", "string", "text", List.of());

        assertThat(select.allows("LOW")).isTrue();
        assertThat(select.allows("low")).as("internal values, compared exactly").isFalse();
        assertThat(select.allows("LOW;HIGH")).as("one value only").isFalse();
        assertThat(select.allows("")).as("an empty value clears the property").isTrue();
        assertThat(checkbox.allows("a;b")).isTrue();
        assertThat(checkbox.allows("a;c")).isFalse();
        assertThat(text.allows("anything")).isTrue();
    }
}
