package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import org.junit.jupiter.api.Test;

class SandboxQueryTest {

    @Test
    void listsWithOpaqueCursorUntilNoMorePages() {
        try (SandboxHttp http = new SandboxHttp()) {
            for (int i = 0; i < 3; i++) {
                http.createContact("l" + i + "@x.io");
            }
            SandboxHttp.Answer first = http.get("/crm/v3/objects/contacts?limit=2&properties=email,phone");
            assertThat(first.body().path("results").size()).isEqualTo(2);
            assertThat(first.body().at("/results/0/properties/phone").isNull()).isTrue();
            String after = first.body().at("/paging/next/after").asText();
            SandboxHttp.Answer second = http.get("/crm/v3/objects/contacts?limit=2&after=" + after);
            assertThat(second.body().path("results").size()).isEqualTo(1);
            assertThat(second.body().has("paging")).isFalse();
        }
    }

    @Test
    void getsOneRecordOr404() {
        try (SandboxHttp http = new SandboxHttp()) {
            String id = http.createContact("g@x.io");
            assertThat(http.get("/crm/v3/objects/contacts/" + id).body().at("/properties/email").asText()).isEqualTo("g@x.io");
            SandboxHttp.Answer missing = http.get("/crm/v3/objects/contacts/424242");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.body().path("category").asText()).isEqualTo("OBJECT_NOT_FOUND");
        }
    }

    @Test
    void searchesWithOredGroupsSortAndOffsetPaging() {
        try (SandboxHttp http = new SandboxHttp()) {
            http.createCompany("Alpha");
            http.createCompany("Beta");
            http.createCompany("Gamma");
            SandboxHttp.Answer a = http.post("/crm/v3/objects/companies/search", "{\"filterGroups\":["
                    + "{\"filters\":[{\"propertyName\":\"name\",\"operator\":\"EQ\",\"value\":\"alpha\"}]},"
                    + "{\"filters\":[{\"propertyName\":\"name\",\"operator\":\"IN\",\"values\":[\"Gamma\"]}]}],"
                    + "\"sorts\":[\"-name\"],\"limit\":1}");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body().path("total").asInt()).isEqualTo(2);
            assertThat(a.body().at("/results/0/properties/name").asText()).isEqualTo("Gamma");
            assertThat(a.body().at("/paging/next/after").asText()).isEqualTo("1");
        }
    }

    @Test
    void searchComparesIdsNumerically() {
        try (SandboxHttp http = new SandboxHttp()) {
            String first = http.createCompany("A");
            http.createCompany("B");
            SandboxHttp.Answer a = http.post("/crm/v3/objects/companies/search", "{\"filterGroups\":[{\"filters\":["
                    + "{\"propertyName\":\"hs_object_id\",\"operator\":\"GT\",\"value\":\"" + first + "\"}]}]}");
            assertThat(a.body().path("total").asInt()).isEqualTo(1);
        }
    }

    @Test
    void rejectsSearchWithTooManyFilterGroupsOrPastTenThousand() {
        try (SandboxHttp http = new SandboxHttp()) {
            StringBuilder groups = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                groups.append(i == 0 ? "" : ",").append("{\"filters\":[{\"propertyName\":\"name\",\"operator\":\"HAS_PROPERTY\"}]}");
            }
            assertThat(http.post("/crm/v3/objects/companies/search", "{\"filterGroups\":[" + groups + "]}").status())
                    .isEqualTo(400);
            assertThat(http.post("/crm/v3/objects/companies/search", "{\"after\":\"10000\"}").status()).isEqualTo(400);
        }
    }

    @Test
    void createsAssociationsIdempotentlyAndVisibleInBothDirections() {
        try (SandboxHttp http = new SandboxHttp()) {
            String contact = http.createContact("a@x.io");
            String company = http.createCompany("X");
            String body = "{\"inputs\":[{\"from\":{\"id\":\"" + contact + "\"},\"to\":{\"id\":\"" + company
                    + "\"},\"types\":[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":279}]}]}";
            SandboxHttp.Answer a = http.post("/crm/v4/associations/contacts/companies/batch/create", body);
            assertThat(a.status()).isEqualTo(201);
            assertThat(a.body().at("/results/0/toObjectTypeId").asText()).isEqualTo("0-2");
            http.post("/crm/associations/2026-03/0-1/0-2/batch/create", body);
            SandboxState state = http.sandbox.state();
            assertThat(state.associationCount(ObjectType.CONTACTS, ObjectType.COMPANIES)).isEqualTo(1);
            assertThat(state.associatedIds(ObjectType.COMPANIES, company, ObjectType.CONTACTS)).containsExactly(contact);
            SandboxHttp.Answer read = http.post("/crm/v4/associations/companies/contacts/batch/read",
                    "{\"inputs\":[{\"id\":\"" + company + "\"}]}");
            JsonNode to = read.body().at("/results/0/to/0");
            assertThat(to.path("toObjectId").asText()).isEqualTo(contact);
            assertThat(to.at("/associationTypes/0/typeId").asInt()).isEqualTo(280);
        }
    }

    @Test
    void rejectsAssociationWithWrongTypeIdOrUnknownRecord() {
        try (SandboxHttp http = new SandboxHttp()) {
            String contact = http.createContact("a@x.io");
            String company = http.createCompany("X");
            SandboxHttp.Answer wrongType = http.post("/crm/v4/associations/contacts/companies/batch/create",
                    "{\"inputs\":[{\"from\":{\"id\":\"" + contact + "\"},\"to\":{\"id\":\"" + company
                            + "\"},\"types\":[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":280}]}]}");
            assertThat(wrongType.status()).isEqualTo(400);
            SandboxHttp.Answer unknown = http.post("/crm/v4/associations/contacts/companies/batch/create",
                    "{\"inputs\":[{\"from\":{\"id\":\"" + contact + "\"},\"to\":{\"id\":\"777\"},"
                            + "\"types\":[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":279}]}]}");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.body().path("message").asText()).contains("777");
            assertThat(http.sandbox.state().associationCount(ObjectType.CONTACTS, ObjectType.COMPANIES)).isZero();
        }
    }

    @Test
    void listsGetsAndCreatesPropertiesWith409OnExistingName() {
        try (SandboxHttp http = new SandboxHttp()) {
            assertThat(http.get("/crm/v3/properties/contacts").body().path("results").size()).isGreaterThan(10);
            SandboxHttp.Answer stage = http.get("/crm/properties/2026-03/tickets/hs_ticket_priority");
            assertThat(stage.body().path("type").asText()).isEqualTo("enumeration");
            assertThat(stage.body().at("/options/3/value").asText()).isEqualTo("URGENT");
            assertThat(http.get("/crm/v3/properties/contacts/nosuch").status()).isEqualTo(404);
            String create = "{\"name\":\"email\",\"label\":\"E\",\"type\":\"string\",\"fieldType\":\"text\",\"groupName\":\"g\"}";
            SandboxHttp.Answer exists = http.post("/crm/v3/properties/contacts", create);
            assertThat(exists.status()).isEqualTo(409);
            assertThat(exists.body().path("category").asText()).isEqualTo("OBJECT_ALREADY_EXISTS");
        }
    }
}
