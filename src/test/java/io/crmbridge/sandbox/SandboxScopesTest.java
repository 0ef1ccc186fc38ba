package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.contract.OffContractRequests;
import io.crmbridge.model.ObjectType;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxScopesTest {

    private static SandboxHttp sandboxWithout(String... revoked) {
        Set<String> scopes = new HashSet<>(SandboxConfig.FLOW_SCOPES);
        scopes.removeAll(Set.of(revoked));
        return new SandboxHttp(new SandboxConfig("127.0.0.1", 0, SandboxHttp.TOKEN, 100, 0).withScopes(scopes));
    }

    @Test
    void answers403MissingScopesNamingTheWriteScopeAndWritesNothing() {
        try (SandboxHttp http = sandboxWithout("crm.objects.contacts.write")) {
            SandboxHttp.Answer a = http.post("/crm/v3/objects/contacts/batch/create",
                    "{\"inputs\":[{\"properties\":{\"email\":\"a@x.io\"}}]}");
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.body().path("status").asText()).isEqualTo("error");
            assertThat(a.body().path("category").asText()).isEqualTo("MISSING_SCOPES");
            assertThat(a.body().path("message").asText())
                    .startsWith("This app hasn't been granted all required scopes to make this call.");
            assertThat(a.body().at("/errors/0/message").asText()).isEqualTo("One or more of the following scopes are required.");
            assertThat(a.body().at("/errors/0/context/requiredGranularScopes").toString())
                    .isEqualTo("[\"crm.objects.contacts.write\"]");
            assertThat(a.body().at("/links/scopes").asText()).isEqualTo("https://developers.hubspot.com/scopes");
            assertThat(a.body().path("correlationId").asText()).isEqualTo(a.header("X-HubSpot-Correlation-Id"));
            assertThat(http.sandbox.state().count(ObjectType.CONTACTS)).isZero();
        }
    }

    @Test
    void servesReadsWhenOnlyTheWriteScopeIsMissing() {
        try (SandboxHttp http = sandboxWithout("crm.objects.contacts.write")) {
            assertThat(http.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
            assertThat(http.post("/crm/v3/objects/contacts/search", "{}").status()).isEqualTo(200);
            assertThat(http.post("/crm/v3/objects/contacts/batch/read", "{\"inputs\":[]}").status()).isEqualTo(200);
        }
    }

    @Test
    void requiresTheLegacyTicketsScopeForTicketsByNameOrTypeId() {
        try (SandboxHttp http = sandboxWithout("tickets")) {
            SandboxHttp.Answer byId = http.get("/crm/v3/objects/0-5");
            assertThat(byId.status()).isEqualTo(403);
            assertThat(byId.body().at("/errors/0/context/requiredGranularScopes/0").asText()).isEqualTo("tickets");
            assertThat(http.post("/crm/objects/2026-03/tickets/batch/create", "{\"inputs\":[]}").status()).isEqualTo(403);
            assertThat(http.get("/crm/v3/objects/companies").status()).isEqualTo(200);
        }
    }

    @Test
    void requiresTheSchemaWriteScopeToCreateAProperty() {
        try (SandboxHttp http = sandboxWithout("crm.schemas.companies.write")) {
            assertThat(http.get("/crm/v3/properties/companies").status()).isEqualTo(200);
            SandboxHttp.Answer a = http.post("/crm/v3/properties/companies", "{\"name\":\"crm_bridge_key\",\"label\":\"Key\","
                    + "\"type\":\"string\",\"fieldType\":\"text\",\"groupName\":\"companyinformation\",\"hasUniqueValue\":true}");
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.body().at("/errors/0/context/requiredGranularScopes").toString())
                    .isEqualTo("[\"crm.schemas.companies.write\"]");
        }
    }

    @Test
    void requiresTheSchemaReadScopeToReadProperties() {
        try (SandboxHttp http = sandboxWithout("crm.schemas.contacts.read")) {
            SandboxHttp.Answer a = http.get("/crm/properties/2026-03/contacts/email");
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.body().at("/errors/0/context/requiredGranularScopes").toString())
                    .isEqualTo("[\"crm.schemas.contacts.read\"]");
        }
    }

    @Test
    void requiresTheWriteScopesOfBothTypesToCreateAssociations() {
        try (SandboxHttp http = sandboxWithout("crm.objects.companies.write")) {
            String input = "{\"inputs\":[{\"from\":{\"id\":\"1\"},\"to\":{\"id\":\"2\"},"
                    + "\"types\":[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":279}]}]}";
            for (String path : new String[] {"/crm/v4/associations/contacts/companies/batch/create",
                    "/crm/associations/2026-03/0-1/0-2/batch/create"}) {
                SandboxHttp.Answer a = http.post(path, input);
                assertThat(a.status()).as(path).isEqualTo(403);
                assertThat(a.body().at("/errors/0/context/requiredGranularScopes").toString())
                        .isEqualTo("[\"crm.objects.companies.write\"]");
            }
        }
    }

    @Test
    void requiresTheReadScopesOfBothTypesToReadAssociations() {
        try (SandboxHttp http = sandboxWithout("crm.objects.contacts.read", "crm.objects.companies.read")) {
            SandboxHttp.Answer a = http.post("/crm/v4/associations/companies/contacts/batch/read", "{\"inputs\":[]}");
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.body().at("/errors/0/context/requiredGranularScopes").toString())
                    .isEqualTo("[\"crm.objects.companies.read\",\"crm.objects.contacts.read\"]");
        }
    }

    @Test
    @OffContractRequests("sends a request without a token and one to an undocumented path on purpose")
    void checksAuthenticationBeforeScopesAndLeavesUnknownPathsTo404() {
        try (SandboxHttp http = new SandboxHttp(new SandboxConfig("127.0.0.1", 0, SandboxHttp.TOKEN, 100, 0)
                .withScopes(Set.of()))) {
            assertThat(http.get("/crm/v3/objects/contacts").status()).isEqualTo(403);
            assertThat(http.get("/crm/v3/nothing/here").status()).isEqualTo(404);
            assertThat(http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(http.sandbox.baseUrl() + "/crm/v3/objects/contacts")).GET().build()).status())
                    .isEqualTo(401);
        }
    }
}
