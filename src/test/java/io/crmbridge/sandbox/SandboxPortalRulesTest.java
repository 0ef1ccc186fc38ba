package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sandbox's portal rules (hubspot-api.md §10.3): served by the Property Validations API, enforced on writes. */
class SandboxPortalRulesTest {

    private static final PortalRules RULES = PortalRules.parse("contacts.jobtitle",
            "contacts.company if lifecyclestage=customer",
            "contacts.zip ALPHANUMERIC NUMERIC_ONLY; 0-1.zip MAX_LENGTH 5; contacts.firstname REGEX ^[A-Z].*$");

    private static SandboxHttp sandbox() {
        return new SandboxHttp(new SandboxConfig("127.0.0.1", 0, SandboxHttp.TOKEN, 100, 0).withPortalRules(RULES));
    }

    @Test
    void listsTheRulesByTypeIdOrNameOnBothDatedVersions() {
        try (SandboxHttp http = sandbox()) {
            for (String path : new String[] {"/crm/property-validations/2026-09/0-1",
                    "/crm/property-validations/2026-09/contacts", "/crm/property-validations/2026-03/0-1"}) {
                SandboxHttp.Answer a = http.get(path);
                assertThat(a.status()).as(path).isEqualTo(200);
                JsonNode results = a.body().path("results");
                assertThat(results).hasSize(2);
                assertThat(results.get(0).path("propertyName").asText()).isEqualTo("zip");
                assertThat(results.get(0).path("propertyValidationRules").toString()).isEqualTo(
                        "[{\"ruleType\":\"ALPHANUMERIC\",\"ruleArguments\":[\"NUMERIC_ONLY\"],\"shouldApplyNormalization\":false},"
                                + "{\"ruleType\":\"MAX_LENGTH\",\"ruleArguments\":[\"5\"],\"shouldApplyNormalization\":false}]");
                assertThat(results.get(1).at("/propertyValidationRules/0/ruleArguments/0").asText()).isEqualTo("^[A-Z].*$");
            }
            assertThat(http.get("/crm/property-validations/2026-09/0-2").body().path("results")).isEmpty();
        }
    }

    @Test
    void servesOnePropertysRulesAndOneRule() {
        try (SandboxHttp http = sandbox()) {
            assertThat(http.get("/crm/property-validations/2026-09/0-1/zip").body().path("results")).hasSize(2);
            assertThat(http.get("/crm/property-validations/2026-09/0-1/jobtitle").body().path("results")).isEmpty();
            assertThat(http.get("/crm/property-validations/2026-09/0-1/no_such_property").status()).isEqualTo(404);
            SandboxHttp.Answer rule = http.get("/crm/property-validations/2026-09/contacts/zip/rule-type/MAX_LENGTH");
            assertThat(rule.status()).isEqualTo(200);
            assertThat(rule.body().path("ruleArguments").get(0).asText()).isEqualTo("5");
            assertThat(http.get("/crm/property-validations/2026-09/0-1/zip/rule-type/REGEX").status()).isEqualTo(404);
        }
    }

    @Test
    void needsAReadScopeOfTheTypesProperties() {
        Set<String> scopes = new HashSet<>(SandboxConfig.FLOW_SCOPES);
        // propertyValidations.json lists the type's schema read, object read and object write scopes as alternatives
        scopes.removeAll(Set.of("crm.schemas.contacts.read", "crm.objects.contacts.read", "crm.objects.contacts.write"));
        try (SandboxHttp http = new SandboxHttp(new SandboxConfig("127.0.0.1", 0, SandboxHttp.TOKEN, 100, 0)
                .withScopes(scopes).withPortalRules(RULES))) {
            SandboxHttp.Answer a = http.get("/crm/property-validations/2026-09/0-1");
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.body().at("/errors/0/context/requiredGranularScopes/0").asText()).isEqualTo("crm.schemas.contacts.read");
            assertThat(http.get("/crm/property-validations/2026-09/0-5").status()).isEqualTo(200);
        }
    }

    @Test
    void refusesAValueThatBreaksAValidationRuleOnEveryVersion() {
        try (SandboxHttp http = sandbox()) {
            for (String prefix : new String[] {"/crm/v3/objects", "/crm/objects/2026-09"}) {
                SandboxHttp.Answer a = http.post(prefix + "/contacts/batch/create", "{\"inputs\":[{\"properties\":"
                        + "{\"email\":\"a@x.io\",\"jobtitle\":\"CTO\",\"zip\":\"75A01\",\"firstname\":\"ada\"}}]}");
                assertThat(a.status()).as(prefix).isEqualTo(400);
                assertThat(a.body().path("category").asText()).isEqualTo("VALIDATION_ERROR");
                assertThat(a.body().path("message").asText()).isEqualTo("Property values were not valid: ["
                        + "{\"isValid\":false,\"message\":\"Enter only numbers\",\"error\":\"INVALID_NUMERIC\",\"name\":\"zip\"},"
                        + "{\"isValid\":false,\"message\":\"ada does not match the pattern\",\"error\":\"INVALID_REGEX\","
                        + "\"name\":\"firstname\"}]");
            }
            assertThat(http.sandbox.state().count(ObjectType.CONTACTS)).isZero();
        }
    }

    @Test
    void requiresTheCreateFormsFieldsOnlyOn2026_09AndOnlyWhenCreating() {
        try (SandboxHttp http = sandbox()) {
            String noTitle = "{\"inputs\":[{\"properties\":{\"email\":\"a@x.io\"}}]}";
            SandboxHttp.Answer refused = http.post("/crm/objects/2026-09/contacts/batch/create", noTitle);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().path("category").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(refused.body().path("message").asText()).isEqualTo(
                    "Cannot create object with type: CONTACT. The following required properties were missing: [jobtitle]");
            assertThat(http.post("/crm/objects/2026-03/contacts/batch/create", noTitle).status())
                    .as("before 2026-09 the API ignored admin rules").isEqualTo(201);

            String upsert = "{\"inputs\":[{\"id\":\"a@x.io\",\"idProperty\":\"email\",\"properties\":{\"firstname\":\"Ada\"},"
                    + "\"objectWriteTraceId\":\"t1\"},{\"id\":\"b@x.io\",\"idProperty\":\"email\",\"properties\":"
                    + "{\"firstname\":\"Bo\"},\"objectWriteTraceId\":\"t2\"}]}";
            SandboxHttp.Answer partial = http.post("/crm/objects/2026-09/contacts/batch/upsert", upsert);
            assertThat(partial.status()).as("2026-09 lists failed inputs in the 200 (hubspot-api.md §10.2)").isEqualTo(200);
            assertThat(partial.body().path("numErrors").asInt()).isEqualTo(1);
            assertThat(partial.body().path("results")).singleElement()
                    .satisfies(r -> assertThat(r.path("new").asBoolean()).as("an update: the form does not apply").isFalse());
            assertThat(partial.body().path("errors")).singleElement().satisfies(e -> {
                assertThat(e.path("category").asText()).isEqualTo("VALIDATION_ERROR");
                assertThat(e.path("message").asText()).endsWith("required properties were missing: [jobtitle]");
                assertThat(e.at("/context/objectWriteTraceId/0").asText()).isEqualTo("t2");
            });
            assertThat(http.sandbox.state().findByProperty(ObjectType.CONTACTS, "email", "b@x.io")).isEmpty();
        }
    }

    @Test
    void requiresAConditionalPropertyOnceItsConditionHolds() {
        try (SandboxHttp http = sandbox()) {
            String id = http.post("/crm/objects/2026-09/contacts/batch/create",
                    "{\"inputs\":[{\"properties\":{\"email\":\"a@x.io\",\"jobtitle\":\"CTO\"}}]}").body().at("/results/0/id").asText();
            SandboxHttp.Answer refused = http.post("/crm/objects/2026-09/contacts/batch/update",
                    "{\"inputs\":[{\"id\":\"" + id + "\",\"properties\":{\"lifecyclestage\":\"customer\"}}]}");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().path("message").asText()).isEqualTo(
                    "Cannot update object with type: CONTACT. The following required properties were missing: [company]");
            assertThat(http.post("/crm/objects/2026-09/contacts/batch/update", "{\"inputs\":[{\"id\":\"" + id
                    + "\",\"properties\":{\"lifecyclestage\":\"customer\",\"company\":\"Acme\"}}]}").status()).isEqualTo(200);
            assertThat(http.post("/crm/objects/2026-09/contacts/batch/update", "{\"inputs\":[{\"id\":\"" + id
                    + "\",\"properties\":{\"company\":\"\"}}]}").status()).as("clearing it breaks the rule too").isEqualTo(400);
        }
    }

    @Test
    void readsTheSettingsAndNamesTheEntryItCannotRead() {
        assertThat(PortalRules.parse("", " ", "").validations(ObjectType.CONTACTS)).isEmpty();
        assertThat(PortalRules.parse("", "", "companies.name REGEX ^a,b$").validations(ObjectType.COMPANIES)
                .get("name").get(0).arguments()).as("a pattern keeps its commas").containsExactly("^a,b$");
        assertThatThrownBy(() -> PortalRules.parse("deals.amount", "", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'deals.amount'");
        assertThatThrownBy(() -> PortalRules.parse("", "contacts.company when lifecyclestage=customer", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("if <property>=<value>");
        assertThatThrownBy(() -> PortalRules.parse("", "", "contacts.zip NUMERIC_ONLY"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'contacts.zip NUMERIC_ONLY'");
    }
}
