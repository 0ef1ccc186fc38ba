package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.hubspot.HubSpotPaths;
import io.crmbridge.model.ObjectType;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The v4 association endpoints besides batch create and read: one record's associations (GET, PUT, DELETE),
 * default associations and batch archives, on each version whose document has them.
 */
class SandboxAssociationEndpointsTest {

    /** 2026-09's associations document has no GET of one record's associations; v4 and 2026-03 have. */
    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-03"})
    void listsOneRecordsAssociationsWithTheirTypesLabelsAndPaging(String version) {
        HubSpotPaths paths = new HubSpotPaths(version);
        try (SandboxHttp http = new SandboxHttp()) {
            String contact = http.createContact("a@x.io");
            String first = http.createCompany("First");
            String second = http.createCompany("Second");
            String base = new EmulatorPaths(paths).recordAssociations(ObjectType.CONTACTS, contact, ObjectType.COMPANIES);
            SandboxHttp.Answer created = http.associateContactWithCompany(paths, contact, first, 279, 1);
            http.associateContactWithCompany(paths, contact, second, 279);

            SandboxHttp.Answer page = http.get(base + "?limit=1");
            SandboxHttp.Answer rest = http.get(base + "?limit=1&after=" + page.body().at("/paging/next/after").asText());
            SandboxHttp.Answer reverse = http.get(new EmulatorPaths(paths).recordAssociations(ObjectType.COMPANIES, second, ObjectType.CONTACTS));

            assertThat(created.status()).isEqualTo(201);
            assertThat(created.body().path("labels").toString()).isEqualTo("[\"Primary\"]");
            assertThat(created.body().path("toObjectTypeId").asText()).isEqualTo("0-2");
            assertThat(page.status()).isEqualTo(200);
            JsonNode one = page.body().at("/results/0");
            assertThat(one.path("toObjectId").asText()).isEqualTo(first);
            assertThat(one.path("associationTypes").toString()).isEqualTo("[{\"category\":\"HUBSPOT_DEFINED\","
                    + "\"typeId\":1,\"label\":\"Primary\"},{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":279}]");
            assertThat(rest.body().at("/results/0/toObjectId").asText()).isEqualTo(second);
            assertThat(rest.body().has("paging")).isFalse();
            assertThat(reverse.body().at("/results/0/toObjectId").asText()).isEqualTo(contact);
            assertThat(reverse.body().at("/results/0/associationTypes/0/typeId").asInt()).isEqualTo(280);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-03", "2026-09"})
    void associatesWithTheDefaultTypeOneByOneAndInABatch(String version) {
        HubSpotPaths paths = new HubSpotPaths(version);
        try (SandboxHttp http = new SandboxHttp()) {
            String ticket = http.createTicket("Broken");
            String contact = http.createContact("a@x.io");
            String company = http.createCompany("Acme");

            SandboxHttp.Answer batch = http.post(paths.associations(ObjectType.TICKETS, ObjectType.CONTACTS)
                    + "/batch/associate/default", "{\"inputs\":[{\"from\":{\"id\":\"" + ticket + "\"},\"to\":{\"id\":\""
                    + contact + "\"}}]}");
            SandboxHttp.Answer one = http.put(new EmulatorPaths(paths).recordAssociations(ObjectType.TICKETS, ticket, ObjectType.COMPANIES)
                    .replace("/associations/", "/associations/default/") + "/" + company);

            assertThat(batch.status()).isEqualTo(200);
            assertThat(batch.body().at("/results/0/associationSpec/associationTypeId").asInt()).isEqualTo(16);
            assertThat(batch.body().at("/results/0/from/id").asText()).isEqualTo(ticket);
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.body().at("/results/0/associationSpec/associationTypeId").asInt()).isEqualTo(339);
            SandboxState state = http.sandbox.state();
            assertThat(state.associatedIds(ObjectType.CONTACTS, contact, ObjectType.TICKETS)).containsExactly(ticket);
            assertThat(state.associatedIds(ObjectType.COMPANIES, company, ObjectType.TICKETS)).containsExactly(ticket);
        }
    }

    @Test
    void refusesADefaultAssociationWithAnUnknownRecordAndWritesNone() {
        try (SandboxHttp http = new SandboxHttp()) {
            String contact = http.createContact("a@x.io");
            String company = http.createCompany("Acme");

            SandboxHttp.Answer answer = http.post("/crm/v4/associations/contacts/companies/batch/associate/default",
                    "{\"inputs\":[{\"from\":{\"id\":\"" + contact + "\"},\"to\":{\"id\":\"" + company + "\"}},"
                            + "{\"from\":{\"id\":\"" + contact + "\"},\"to\":{\"id\":\"888888\"}}]}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().at("/context/ids/0").asText()).isEqualTo("888888");
            assertThat(http.sandbox.state().associationCount(ObjectType.CONTACTS, ObjectType.COMPANIES)).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-03", "2026-09"})
    void deletesEveryTypeBetweenAPairInBothDirections(String version) {
        HubSpotPaths paths = new HubSpotPaths(version);
        try (SandboxHttp http = new SandboxHttp()) {
            String contact = http.createContact("a@x.io");
            String company = http.createCompany("Acme");
            String other = http.createCompany("Other");
            http.associateContactWithCompany(paths, contact, company, 279, 1);
            http.associateContactWithCompany(paths, contact, other, 279, 1);

            SandboxHttp.Answer deleted = http.delete(new EmulatorPaths(paths).recordAssociations(ObjectType.CONTACTS, contact,
                    ObjectType.COMPANIES) + "/" + company);

            assertThat(deleted.status()).isEqualTo(204);
            SandboxState state = http.sandbox.state();
            assertThat(state.associatedIds(ObjectType.CONTACTS, contact, ObjectType.COMPANIES)).containsExactly(other);
            assertThat(state.associatedIds(ObjectType.COMPANIES, company, ObjectType.CONTACTS)).isEmpty();
        }
    }

    /** v4 declares 204 without a body; the date-based documents declare 200 with a BatchResponse. */
    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-03", "2026-09"})
    void archivesAssociationsInABatchAnsweringWhatTheVersionDeclares(String version) {
        HubSpotPaths paths = new HubSpotPaths(version);
        try (SandboxHttp http = new SandboxHttp()) {
            String company = http.createCompany("Acme");
            String a = http.createContact("a@x.io");
            String b = http.createContact("b@x.io");
            for (String contact : new String[] {a, b}) {
                http.associateContactWithCompany(paths, contact, company, 279, 1);
            }

            SandboxHttp.Answer answer = http.post(paths.associations(ObjectType.COMPANIES, ObjectType.CONTACTS)
                    + "/batch/archive", "{\"inputs\":[{\"from\":{\"id\":\"" + company + "\"},\"to\":[{\"id\":\"" + a
                    + "\"},{\"id\":\"777777\"}]}]}");

            if ("v3".equals(version)) {
                assertThat(answer.status()).isEqualTo(204);
                assertThat(answer.body()).isNull();
            } else {
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body().path("status").asText()).isEqualTo("COMPLETE");
            }
            assertThat(http.sandbox.state().associatedIds(ObjectType.COMPANIES, company, ObjectType.CONTACTS))
                    .containsExactly(b);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-03"})
    void archivesOnlyTheNamedLabelsAndKeepsTheOtherTypes(String version) {
        HubSpotPaths paths = new HubSpotPaths(version);
        try (SandboxHttp http = new SandboxHttp()) {
            String contact = http.createContact("a@x.io");
            String company = http.createCompany("Acme");
            http.associateContactWithCompany(paths, contact, company, 279, 1);

            SandboxHttp.Answer answer = http.post(paths.associations(ObjectType.CONTACTS, ObjectType.COMPANIES)
                    + "/batch/labels/archive", "{\"inputs\":[{\"from\":{\"id\":\"" + contact + "\"},\"to\":{\"id\":\""
                    + company + "\"},\"types\":[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":1}]}]}");

            assertThat(answer.status()).isEqualTo("v3".equals(version) ? 204 : 200);
            JsonNode read = http.post(paths.associations(ObjectType.COMPANIES, ObjectType.CONTACTS) + "/batch/read",
                    "{\"inputs\":[{\"id\":\"" + company + "\"}]}").body();
            assertThat(read.at("/results/0/to/0/associationTypes").size()).isEqualTo(1);
            assertThat(read.at("/results/0/to/0/associationTypes/0/typeId").asInt()).isEqualTo(280);
        }
    }

    @Test
    void needsTheReadScopesOfBothTypesToListAndTheWriteScopesToDelete() {
        SandboxConfig readOnly = new SandboxConfig("127.0.0.1", 0, SandboxHttp.TOKEN, 100, 0)
                .withScopes(Set.of("crm.objects.contacts.read", "crm.objects.companies.read",
                        "crm.objects.contacts.write"));
        try (SandboxHttp http = new SandboxHttp(readOnly)) {
            String contact = http.createContact("a@x.io");
            String base = "/crm/v4/objects/contacts/" + contact + "/associations/companies";

            assertThat(http.get(base).status()).isEqualTo(200);
            SandboxHttp.Answer delete = http.delete(base + "/5");
            SandboxHttp.Answer putDefault = http.put("/crm/v4/objects/contacts/" + contact
                    + "/associations/default/companies/5");

            assertThat(delete.status()).isEqualTo(403);
            assertThat(delete.body().at("/errors/0/context/requiredGranularScopes").toString())
                    .isEqualTo("[\"crm.objects.companies.write\"]");
            assertThat(putDefault.status()).isEqualTo(403);
        }
    }
}
