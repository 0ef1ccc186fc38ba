package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.hubspot.HubSpotPaths;
import io.crmbridge.model.ObjectType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One record's endpoints: PATCH, DELETE, merge and a read by id with associations, on every API version. */
class SandboxRecordEndpointsTest {

    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-03", "2026-09"})
    void updatesOneRecordByIdAndContactsByEmailAsIdProperty(String version) {
        String contacts = new HubSpotPaths(version).objects(ObjectType.CONTACTS);
        try (SandboxHttp http = new SandboxHttp()) {
            String id = http.createContact("pat@x.io");

            SandboxHttp.Answer byId = http.patch(contacts + "/" + id, "{\"properties\":{\"firstname\":\"Pat\"}}");
            SandboxHttp.Answer byEmail = http.patch(contacts + "/PAT@x.io?idProperty=email",
                    "{\"properties\":{\"jobtitle\":\"CTO\"}}");

            assertThat(byId.status()).isEqualTo(200);
            assertThat(byId.body().at("/properties/firstname").asText()).isEqualTo("Pat");
            assertThat(byEmail.status()).isEqualTo(200);
            assertThat(byEmail.body().path("id").asText()).isEqualTo(id);
            SandboxRecord stored = http.sandbox.state().records(ObjectType.CONTACTS).get(0);
            assertThat(stored.property("firstname")).isEqualTo("Pat");
            assertThat(stored.property("jobtitle")).isEqualTo("CTO");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-09"})
    void refusesAnUpdateOfAnUnknownRecordAnInvalidValueOrATakenEmail(String version) {
        String contacts = new HubSpotPaths(version).objects(ObjectType.CONTACTS);
        try (SandboxHttp http = new SandboxHttp()) {
            String id = http.createContact("a@x.io");
            http.createContact("b@x.io");

            SandboxHttp.Answer unknown = http.patch(contacts + "/424242", "{\"properties\":{\"firstname\":\"X\"}}");
            SandboxHttp.Answer badEmail = http.patch(contacts + "/" + id, "{\"properties\":{\"email\":\"nope@\"}}");
            SandboxHttp.Answer taken = http.patch(contacts + "/" + id, "{\"properties\":{\"email\":\"B@x.io\"}}");

            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.body().path("category").asText()).isEqualTo("OBJECT_NOT_FOUND");
            assertThat(badEmail.status()).isEqualTo(400);
            assertThat(badEmail.body().path("message").asText()).contains("INVALID_EMAIL");
            assertThat(taken.status()).isEqualTo(409);
            assertThat(taken.body().path("message").asText()).startsWith("Contact already exists. Existing ID: ");
            assertThat(http.sandbox.state().findByProperty(ObjectType.CONTACTS, "email", "a@x.io")).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-03", "2026-09"})
    void archivesOneRecordWith204AndListsItAsArchived(String version) {
        String companies = new HubSpotPaths(version).objects(ObjectType.COMPANIES);
        try (SandboxHttp http = new SandboxHttp()) {
            String id = http.createCompany("Gone Ltd");
            String kept = http.createCompany("Kept Ltd");

            SandboxHttp.Answer deleted = http.delete(companies + "/" + id);
            SandboxHttp.Answer again = http.delete(companies + "/" + id);

            assertThat(deleted.status()).isEqualTo(204);
            assertThat(deleted.body()).isNull();
            assertThat(again.status()).as("an id HubSpot no longer has is no error").isEqualTo(204);
            assertThat(http.get(companies + "/" + id).status()).isEqualTo(404);
            JsonNode archived = http.get(companies + "?archived=true").body().path("results");
            assertThat(archived.size()).isEqualTo(1);
            assertThat(archived.at("/0/id").asText()).isEqualTo(id);
            assertThat(archived.at("/0/archived").asBoolean()).isTrue();
            assertThat(http.get(companies + "/" + id + "?archived=true").body().path("archived").asBoolean()).isTrue();
            assertThat(http.get(companies).body().at("/results/0/id").asText()).isEqualTo(kept);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-09"})
    void pagesTheArchivedListingLikeTheActiveOne(String version) {
        String contacts = new HubSpotPaths(version).objects(ObjectType.CONTACTS);
        try (SandboxHttp http = new SandboxHttp()) {
            StringBuilder inputs = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                inputs.append(i == 0 ? "" : ",").append("{\"id\":\"").append(http.createContact("c" + i + "@x.io"))
                        .append("\"}");
            }
            http.createContact("active@x.io");
            http.post(contacts + "/batch/archive", "{\"inputs\":[" + inputs + "]}");

            SandboxHttp.Answer first = http.get(contacts + "?archived=true&limit=2&properties=email");
            SandboxHttp.Answer second = http.get(contacts + "?archived=true&limit=2&after="
                    + first.body().at("/paging/next/after").asText());

            assertThat(first.body().path("results").size()).isEqualTo(2);
            assertThat(first.body().at("/results/0/properties/email").asText()).isEqualTo("c0@x.io");
            assertThat(second.body().path("results").size()).isEqualTo(1);
            assertThat(second.body().at("/results/0/properties/email").asText()).isEqualTo("c2@x.io");
            assertThat(second.body().has("paging")).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-03", "2026-09"})
    void archivesABatchWith204(String version) {
        String contacts = new HubSpotPaths(version).objects(ObjectType.CONTACTS);
        try (SandboxHttp http = new SandboxHttp()) {
            String a = http.createContact("a@x.io");
            String b = http.createContact("b@x.io");
            http.createContact("c@x.io");

            SandboxHttp.Answer answer = http.post(contacts + "/batch/archive",
                    "{\"inputs\":[{\"id\":\"" + a + "\"},{\"id\":\"" + b + "\"},{\"id\":\"999999\"}]}");

            assertThat(answer.status()).isEqualTo(204);
            assertThat(http.sandbox.state().count(ObjectType.CONTACTS)).isEqualTo(1);
            assertThat(http.sandbox.state().findByProperty(ObjectType.CONTACTS, "email", "a@x.io"))
                    .as("an archived record's email is free again").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-03", "2026-09"})
    void mergesTwoContactsIntoThePrimaryWhichKeepsTheMergedContactsAssociations(String version) {
        HubSpotPaths paths = new HubSpotPaths(version);
        try (SandboxHttp http = new SandboxHttp()) {
            String primary = http.createContact("keep@x.io");
            String merged = http.createContact("old@x.io");
            String company = http.createCompany("Acme");
            http.associateContactWithCompany(paths, merged, company, 279);

            SandboxHttp.Answer answer = http.post(paths.objects(ObjectType.CONTACTS) + "/merge",
                    "{\"primaryObjectId\":\"" + primary + "\",\"objectIdToMerge\":\"" + merged + "\"}");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("id").asText()).isEqualTo(primary);
            assertThat(answer.body().at("/properties/hs_merged_object_ids").asText()).isEqualTo(merged);
            SandboxState state = http.sandbox.state();
            assertThat(state.count(ObjectType.CONTACTS)).isEqualTo(1);
            assertThat(state.associatedIds(ObjectType.CONTACTS, primary, ObjectType.COMPANIES)).containsExactly(company);
            assertThat(state.associatedIds(ObjectType.COMPANIES, company, ObjectType.CONTACTS)).containsExactly(primary);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-09"})
    void refusesAMergeOfARecordWithItselfOrOfAnUnknownRecord(String version) {
        String contacts = new HubSpotPaths(version).objects(ObjectType.CONTACTS);
        try (SandboxHttp http = new SandboxHttp()) {
            String id = http.createContact("a@x.io");

            SandboxHttp.Answer itself = http.post(contacts + "/merge",
                    "{\"primaryObjectId\":\"" + id + "\",\"objectIdToMerge\":\"" + id + "\"}");
            SandboxHttp.Answer unknown = http.post(contacts + "/merge",
                    "{\"primaryObjectId\":\"" + id + "\",\"objectIdToMerge\":\"777777\"}");

            assertThat(itself.status()).isEqualTo(400);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.body().path("message").asText()).contains("777777");
            assertThat(http.sandbox.state().count(ObjectType.CONTACTS)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-03", "2026-09"})
    void aReadByIdWithAssociationsNamesEachAssociatedRecordAndType(String version) {
        HubSpotPaths paths = new HubSpotPaths(version);
        try (SandboxHttp http = new SandboxHttp()) {
            String contact = http.createContact("a@x.io");
            String company = http.createCompany("Acme");
            String ticket = http.createTicket("Broken");
            http.associateContactWithCompany(paths, contact, company, 279, 1);

            SandboxHttp.Answer read = http.get(paths.objects(ObjectType.CONTACTS) + "/" + contact
                    + "?associations=companies,tickets&properties=email");
            SandboxHttp.Answer ofTicket = http.get(paths.objects(ObjectType.TICKETS) + "/" + ticket
                    + "?associations=contacts");
            SandboxHttp.Answer listed = http.get(paths.objects(ObjectType.COMPANIES) + "?associations=contacts");

            assertThat(read.status()).isEqualTo(200);
            List<String> types = new ArrayList<>();
            read.body().at("/associations/companies/results").forEach(r -> {
                assertThat(r.path("id").asText()).isEqualTo(company);
                types.add(r.path("type").asText());
            });
            assertThat(types).containsExactlyInAnyOrder("contact_to_company", "contact_to_company_unlabeled");
            assertThat(read.body().path("associations").has("tickets")).as("no ticket is associated").isFalse();
            assertThat(ofTicket.body().has("associations")).isFalse();
            assertThat(listed.body().at("/results/0/associations/contacts/results/0/id").asText()).isEqualTo(contact);
        }
    }
}
