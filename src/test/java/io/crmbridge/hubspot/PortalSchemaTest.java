package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.model.ObjectType;
import io.crmbridge.report.ImportReport;
import io.crmbridge.sandbox.RecordedRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
