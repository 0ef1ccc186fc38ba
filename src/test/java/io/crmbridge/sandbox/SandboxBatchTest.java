package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

class SandboxBatchTest {

    private static final String CONTACTS = "/crm/v3/objects/contacts/batch/";

    @Test
    void createsContactsWith201LowerCasedEmailAndSystemProperties() {
        try (SandboxHttp http = new SandboxHttp()) {
            SandboxHttp.Answer a = http.post(CONTACTS + "create",
                    "{\"inputs\":[{\"properties\":{\"email\":\"Ann@X.io\",\"firstname\":\"Ann\"}}]}");
            assertThat(a.status()).isEqualTo(201);
            JsonNode r = a.body().at("/results/0");
            assertThat(a.body().path("status").asText()).isEqualTo("COMPLETE");
            assertThat(r.at("/properties/email").asText()).isEqualTo("ann@x.io");
            assertThat(r.at("/properties/hs_object_id").asText()).isEqualTo(r.path("id").asText());
            assertThat(r.at("/properties/lastmodifieddate").isTextual()).isTrue();
            assertThat(r.path("archived").asBoolean(true)).isFalse();
            assertThat(http.sandbox.state().findByProperty(ObjectType.CONTACTS, "email", "ANN@x.io")).isPresent();
        }
    }

    @Test
    void rejectsWholeBatchWithoutTraceIdsWhenOneEmailIsInvalid() {
        try (SandboxHttp http = new SandboxHttp()) {
            SandboxHttp.Answer a = http.post(CONTACTS + "create", "{\"inputs\":[{\"properties\":{\"email\":\"ok@x.io\"}},"
                    + "{\"properties\":{\"email\":\"foo@bar\"}}]}");
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.body().path("category").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(a.body().path("message").asText()).startsWith("Property values were not valid: [")
                    .contains("INVALID_EMAIL").contains("Email address foo@bar is invalid");
            assertThat(http.sandbox.state().count(ObjectType.CONTACTS)).isZero();
        }
    }

    @Test
    void writesValidInputsAndAnswers207WhenEveryInputHasATraceId() {
        try (SandboxHttp http = new SandboxHttp()) {
            SandboxHttp.Answer a = http.post(CONTACTS + "create",
                    "{\"inputs\":[{\"properties\":{\"email\":\"ok@x.io\"},\"objectWriteTraceId\":\"r1\"},"
                            + "{\"properties\":{\"nosuch\":\"v\",\"email\":\"b@x.io\"},\"objectWriteTraceId\":\"r2\"}]}");
            assertThat(a.status()).isEqualTo(207);
            assertThat(a.body().path("numErrors").asInt()).isEqualTo(1);
            JsonNode error = a.body().at("/errors/0");
            assertThat(error.path("category").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(error.path("message").asText()).contains("PROPERTY_DOESNT_EXIST").contains("nosuch").contains("does not exist");
            assertThat(error.at("/context/objectWriteTraceId/0").asText()).isEqualTo("r2");
            assertThat(a.body().at("/results/0/objectWriteTraceId").asText()).isEqualTo("r1");
            assertThat(http.sandbox.state().count(ObjectType.CONTACTS)).isEqualTo(1);
        }
    }

    @Test
    void answers409ConflictWithExistingIdWhenEmailAlreadyExists() {
        try (SandboxHttp http = new SandboxHttp()) {
            String id = http.createContact("dup@x.io");
            SandboxHttp.Answer a = http.post(CONTACTS + "create", "{\"inputs\":[{\"properties\":{\"email\":\"DUP@x.io\"}}]}");
            assertThat(a.status()).isEqualTo(409);
            assertThat(a.body().path("category").asText()).isEqualTo("CONFLICT");
            assertThat(a.body().path("message").asText()).isEqualTo("Contact already exists. Existing ID: " + id);
        }
    }

    @Test
    void rejectsMoreInputsThanTheBatchLimit() {
        try (SandboxHttp http = new SandboxHttp()) {
            StringJoiner inputs = new StringJoiner(",", "{\"inputs\":[", "]}");
            for (int i = 0; i < 101; i++) {
                inputs.add("{\"properties\":{\"email\":\"u" + i + "@x.io\"}}");
            }
            SandboxHttp.Answer a = http.post(CONTACTS + "create", inputs.toString());
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.body().path("message").asText()).isEqualTo("The maximum number of inputs supported in a batch is 100. "
                    + "Please reduce the number of items and try again");
        }
    }

    @Test
    void rejectsInvalidEnumerationNumberAndReadOnlyValues() {
        try (SandboxHttp http = new SandboxHttp()) {
            String msg = http.post(CONTACTS + "create", "{\"inputs\":[{\"properties\":{\"email\":\"a@x.io\","
                    + "\"lifecyclestage\":\"buyer\",\"hs_object_id\":\"5\"}}]}").body().path("message").asText();
            assertThat(msg).contains("INVALID_OPTION").contains("buyer was not one of the allowed options: [subscriber, lead")
                    .contains("READ_ONLY_VALUE");
            SandboxHttp.Answer number = http.post("/crm/v3/objects/companies/batch/create",
                    "{\"inputs\":[{\"properties\":{\"name\":\"A\",\"numberofemployees\":\"many\"}}]}");
            assertThat(number.status()).isEqualTo(400);
            assertThat(number.body().path("message").asText()).contains("INVALID_INTEGER");
        }
    }

    @Test
    void requiresEmailOrNameOnContactCreate() {
        try (SandboxHttp http = new SandboxHttp()) {
            SandboxHttp.Answer a = http.post(CONTACTS + "create", "{\"inputs\":[{\"properties\":{\"city\":\"Paris\"}}]}");
            assertThat(a.status()).isEqualTo(400);
            assertThat(http.sandbox.state().count(ObjectType.CONTACTS)).isZero();
        }
    }

    @Test
    void upsertsByEmailCreatingThenUpdating() {
        try (SandboxHttp http = new SandboxHttp()) {
            String body = "{\"inputs\":[{\"id\":\"Up@x.io\",\"idProperty\":\"email\",\"properties\":{\"firstname\":\"%s\"}}]}";
            SandboxHttp.Answer first = http.post(CONTACTS + "upsert", String.format(body, "One"));
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body().at("/results/0/new").asBoolean()).isTrue();
            assertThat(first.body().at("/results/0/properties/email").asText()).isEqualTo("up@x.io");
            SandboxHttp.Answer second = http.post(CONTACTS + "upsert", String.format(body, "Two"));
            assertThat(second.body().at("/results/0/new").asBoolean()).isFalse();
            assertThat(second.body().at("/results/0/id").asText()).isEqualTo(first.body().at("/results/0/id").asText());
            assertThat(http.sandbox.state().records(ObjectType.CONTACTS)).singleElement()
                    .satisfies(r -> assertThat(r.property("firstname")).isEqualTo("Two"));
        }
    }

    @Test
    void rejectsUpsertByNonUniqueCompanyProperty() {
        try (SandboxHttp http = new SandboxHttp()) {
            SandboxHttp.Answer a = http.post("/crm/v3/objects/companies/batch/upsert",
                    "{\"inputs\":[{\"id\":\"x.io\",\"idProperty\":\"domain\",\"properties\":{\"name\":\"X\"}}]}");
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.body().path("message").asText()).isEqualTo("Unable to perform update/upsert by non-unique 0-2 property domain");
        }
    }

    @Test
    void upsertsCompaniesByCreatedUniqueProperty() {
        try (SandboxHttp http = new SandboxHttp()) {
            SandboxHttp.Answer created = http.post("/crm/v3/properties/companies", "{\"name\":\"external_id\",\"label\":\"External id\","
                    + "\"type\":\"string\",\"fieldType\":\"text\",\"groupName\":\"companyinformation\",\"hasUniqueValue\":true}");
            assertThat(created.status()).isEqualTo(201);
            String body = "{\"inputs\":[{\"id\":\"c-1\",\"idProperty\":\"external_id\",\"properties\":{\"name\":\"%s\"}}]}";
            http.post("/crm/v3/objects/companies/batch/upsert", String.format(body, "A"));
            SandboxHttp.Answer again = http.post("/crm/v3/objects/companies/batch/upsert", String.format(body, "B"));
            assertThat(again.body().at("/results/0/new").asBoolean()).isFalse();
            assertThat(http.sandbox.state().findByProperty(ObjectType.COMPANIES, "external_id", "c-1"))
                    .hasValueSatisfying(r -> assertThat(r.property("name")).isEqualTo("B"));
            SandboxHttp.Answer clash = http.post("/crm/v3/objects/companies/batch/create",
                    "{\"inputs\":[{\"properties\":{\"name\":\"C\",\"external_id\":\"c-1\"}}]}");
            assertThat(clash.status()).isEqualTo(409);
        }
    }

    @Test
    void rejectsDuplicateEmailsInOneUpsertIgnoringCase() {
        try (SandboxHttp http = new SandboxHttp()) {
            SandboxHttp.Answer a = http.post(CONTACTS + "upsert", "{\"inputs\":["
                    + "{\"id\":\"d@x.io\",\"idProperty\":\"email\",\"properties\":{}},"
                    + "{\"id\":\"D@X.io\",\"idProperty\":\"email\",\"properties\":{}}]}");
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.body().path("message").asText()).isEqualTo("Duplicate IDs found in batch input: [d@x.io]. IDs must be unique");
            assertThat(a.body().at("/context/ids/0").asText()).isEqualTo("d@x.io");
        }
    }

    @Test
    void updatesByRecordIdAndReportsMissingIdsIn207() {
        try (SandboxHttp http = new SandboxHttp()) {
            String id = http.createContact("u@x.io");
            SandboxHttp.Answer a = http.post(CONTACTS + "update", "{\"inputs\":[{\"id\":\"" + id
                    + "\",\"properties\":{\"jobtitle\":\"CTO\"}},{\"id\":\"999999\",\"properties\":{\"jobtitle\":\"X\"}}]}");
            assertThat(a.status()).isEqualTo(207);
            assertThat(a.body().at("/results/0/properties/jobtitle").asText()).isEqualTo("CTO");
            assertThat(a.body().at("/errors/0/category").asText()).isEqualTo("OBJECT_NOT_FOUND");
            assertThat(a.body().at("/errors/0/context/ids/0").asText()).isEqualTo("999999");
        }
    }

    @Test
    void rejectsContactBatchUpdateByEmail() {
        try (SandboxHttp http = new SandboxHttp()) {
            http.createContact("e@x.io");
            SandboxHttp.Answer a = http.post(CONTACTS + "update",
                    "{\"inputs\":[{\"id\":\"e@x.io\",\"idProperty\":\"email\",\"properties\":{\"jobtitle\":\"CTO\"}}]}");
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.body().path("category").asText()).isEqualTo("VALIDATION_ERROR");
        }
    }

    @Test
    void readsByEmailReportingMissingIdsAndArchivesWith204() {
        try (SandboxHttp http = new SandboxHttp()) {
            String id = http.createContact("r@x.io");
            SandboxHttp.Answer read = http.post(CONTACTS + "read", "{\"idProperty\":\"email\",\"properties\":[\"email\",\"phone\"],"
                    + "\"inputs\":[{\"id\":\"R@x.io\"},{\"id\":\"none@x.io\"}]}");
            assertThat(read.status()).isEqualTo(207);
            assertThat(read.body().at("/results/0/id").asText()).isEqualTo(id);
            assertThat(read.body().at("/results/0/properties/phone").isNull()).isTrue();
            assertThat(read.body().at("/errors/0/context/ids/0").asText()).isEqualTo("none@x.io");
            SandboxHttp.Answer archive = http.post(CONTACTS + "archive", "{\"inputs\":[{\"id\":\"" + id + "\"}]}");
            assertThat(archive.status()).isEqualTo(204);
            assertThat(http.sandbox.state().count(ObjectType.CONTACTS)).isZero();
        }
    }

    @Test
    void acceptsDateBasedPathsAndTypeIdsInAnyCase() {
        try (SandboxHttp http = new SandboxHttp()) {
            assertThat(http.post("/crm/objects/2026-03/0-1/batch/create",
                    "{\"inputs\":[{\"properties\":{\"email\":\"p@x.io\"}}]}").status()).isEqualTo(201);
            assertThat(http.get("/crm/v3/objects/CONTACTS").body().path("results").size()).isEqualTo(1);
            assertThat(http.post("/crm/objects/2026-03/TICKETS/batch/create",
                    "{\"inputs\":[{\"properties\":{\"subject\":\"S\",\"hs_pipeline_stage\":\"1\"}}]}").status()).isEqualTo(201);
            assertThat(http.sandbox.state().records(ObjectType.TICKETS).get(0).property("hs_pipeline")).isEqualTo("0");
        }
    }
}
