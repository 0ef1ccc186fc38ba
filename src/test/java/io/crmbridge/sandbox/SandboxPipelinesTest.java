package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.hubspot.HubSpotPaths;
import io.crmbridge.model.ObjectType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pipelines API's read side, and the ticket stage HubSpot requires on create. */
class SandboxPipelinesTest {

    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-03", "2026-09"})
    void servesTheDefaultTicketPipelineAndItsStages(String version) {
        String pipelines = new EmulatorPaths(version).pipelines(ObjectType.TICKETS);
        try (SandboxHttp http = new SandboxHttp()) {
            SandboxHttp.Answer all = http.get(pipelines);
            SandboxHttp.Answer one = http.get(pipelines + "/0");
            SandboxHttp.Answer stages = http.get(pipelines + "/0/stages");
            SandboxHttp.Answer closed = http.get(pipelines + "/0/stages/4");

            assertThat(all.status()).isEqualTo(200);
            assertThat(all.body().path("results").size()).isEqualTo(1);
            assertThat(one.body().path("id").asText()).isEqualTo("0");
            assertThat(one.body().path("label").asText()).isEqualTo("Support Pipeline");
            List<String> ids = new ArrayList<>();
            stages.body().path("results").forEach(s -> ids.add(s.path("id").asText() + " " + s.path("label").asText()
                    + " " + s.at("/metadata/ticketState").asText()));
            assertThat(ids).containsExactly("1 New OPEN", "2 Waiting on contact OPEN", "3 Waiting on us OPEN",
                    "4 Closed CLOSED");
            assertThat(closed.body().path("label").asText()).isEqualTo("Closed");
        }
    }

    @Test
    void answers404ForAnUnknownPipelineOrStageAndListsNoneForContacts() {
        try (SandboxHttp http = new SandboxHttp()) {
            SandboxHttp.Answer pipeline = http.get("/crm/v3/pipelines/tickets/42");
            SandboxHttp.Answer stage = http.get("/crm/v3/pipelines/0-5/0/stages/9");
            SandboxHttp.Answer contacts = http.get("/crm/v3/pipelines/contacts");

            assertThat(pipeline.status()).isEqualTo(404);
            assertThat(pipeline.body().path("category").asText()).isEqualTo("OBJECT_NOT_FOUND");
            assertThat(stage.status()).isEqualTo(404);
            assertThat(contacts.status()).isEqualTo(200);
            assertThat(contacts.body().path("results").size()).isZero();
        }
    }

    @Test
    void readsTicketPipelinesWithTheTicketsScopeOrTheTicketSchemaScope() {
        try (SandboxHttp legacy = new SandboxHttp(config(Set.of("tickets")));
             SandboxHttp schema = new SandboxHttp(config(Set.of("crm.schemas.tickets.read")));
             SandboxHttp neither = new SandboxHttp(config(Set.of("crm.objects.contacts.read")))) {
            assertThat(legacy.get("/crm/v3/pipelines/tickets").status()).isEqualTo(200);
            assertThat(schema.get("/crm/v3/pipelines/tickets/0/stages").status()).isEqualTo(200);
            SandboxHttp.Answer refused = neither.get("/crm/v3/pipelines/tickets");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body().at("/errors/0/context/requiredGranularScopes").toString())
                    .as("either scope reads pipelines: both are named").isEqualTo("[\"tickets\",\"crm.schemas.tickets.read\"]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-03", "2026-09"})
    void refusesATicketWithoutAStageAndPutsOneWithAStageInTheDefaultPipeline(String version) {
        String tickets = new HubSpotPaths(version).objects(ObjectType.TICKETS);
        try (SandboxHttp http = new SandboxHttp()) {
            SandboxHttp.Answer noStage = http.post(tickets, "{\"properties\":{\"subject\":\"Printer\"}}");
            SandboxHttp.Answer batchNoStage = http.post(tickets + "/batch/create",
                    "{\"inputs\":[{\"properties\":{\"subject\":\"A\",\"hs_pipeline_stage\":\"1\"}},"
                            + "{\"properties\":{\"subject\":\"B\"}}]}");
            SandboxHttp.Answer unknownStage = http.post(tickets,
                    "{\"properties\":{\"subject\":\"Printer\",\"hs_pipeline_stage\":\"9\"}}");
            SandboxHttp.Answer created = http.post(tickets,
                    "{\"properties\":{\"subject\":\"Printer\",\"hs_pipeline_stage\":\"2\"}}");

            assertThat(noStage.status()).isEqualTo(400);
            assertThat(noStage.body().path("category").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(noStage.body().path("message").asText()).isEqualTo("Cannot create object with type: TICKET."
                    + " The following required properties were missing: [hs_pipeline_stage]");
            assertThat(batchNoStage.status()).as("one input without a stage fails the untraced batch").isEqualTo(400);
            assertThat(unknownStage.status()).isEqualTo(400);
            assertThat(unknownStage.body().path("message").asText()).contains("INVALID_OPTION");
            assertThat(created.status()).isEqualTo(201);
            JsonNode properties = created.body().path("properties");
            assertThat(properties.path("hs_pipeline").asText()).isEqualTo("0");
            assertThat(properties.path("hs_pipeline_stage").asText()).isEqualTo("2");
            assertThat(http.sandbox.state().count(ObjectType.TICKETS)).isEqualTo(1);
        }
    }

    @Test
    void aTicketUpdateNeedsNoStage() {
        try (SandboxHttp http = new SandboxHttp()) {
            String id = http.createTicket("Printer");

            SandboxHttp.Answer updated = http.patch("/crm/v3/objects/tickets/" + id,
                    "{\"properties\":{\"subject\":\"Printer on fire\"}}");

            assertThat(updated.status()).isEqualTo(200);
            assertThat(updated.body().at("/properties/hs_pipeline_stage").asText()).isEqualTo("1");
        }
    }

    private static SandboxConfig config(Set<String> scopes) {
        return new SandboxConfig("127.0.0.1", 0, SandboxHttp.TOKEN, 100, 0).withScopes(scopes);
    }
}
