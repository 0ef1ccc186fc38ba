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
            assertThat(http.post("/crm/v3/objects/companies/batch/upsert", "{\"inputs\":[]}").status()).isEqualTo(200);
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
    void readsPropertiesWithTheSchemaOrTheObjectScopesAndNamesThemAllWhenNoneIsGranted() {
        Set<String> onlySchemaRead = Set.of("crm.schemas.contacts.read");
        try (SandboxHttp http = new SandboxHttp(new SandboxConfig("127.0.0.1", 0, SandboxHttp.TOKEN, 100, 0)
                .withScopes(onlySchemaRead))) {
            assertThat(http.get("/crm/properties/2026-03/contacts/email").status()).isEqualTo(200);
        }
        // the properties documents list the object scopes among the alternatives: crm-bridge asks for no schema read
        try (SandboxHttp http = sandboxWithout("crm.schemas.contacts.read")) {
            assertThat(http.get("/crm/v3/properties/contacts").status()).isEqualTo(200);
        }
        try (SandboxHttp http = sandboxWithout("crm.schemas.contacts.read", "crm.objects.contacts.read",
                "crm.objects.contacts.write")) {
            SandboxHttp.Answer a = http.get("/crm/properties/2026-03/contacts/email");
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.body().at("/errors/0/context/requiredGranularScopes").toString())
                    .isEqualTo("[\"crm.schemas.contacts.read\",\"crm.objects.contacts.read\",\"crm.objects.contacts.write\"]");
        }
    }

    @Test
    void servesTheDailyUsageReadWithTheOauthScopeOnly() {
        try (SandboxHttp http = sandboxWithout("oauth")) {
            SandboxHttp.Answer a = http.get("/account-info/2026-09/api-usage/daily/private-apps");
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.body().at("/errors/0/context/requiredGranularScopes").toString()).isEqualTo("[\"oauth\"]");
        }
        try (SandboxHttp http = new SandboxHttp(new SandboxConfig("127.0.0.1", 0, SandboxHttp.TOKEN, 100, 0)
                .withScopes(Set.of("oauth")))) {
            assertThat(http.get("/account-info/v3/api-usage/daily/private-apps").status()).isEqualTo(200);
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
            long recorded = io.crmbridge.contract.ContractRecords.shared().exchanges();
            assertThat(http.get("/crm/v3/objects/contacts").status()).isEqualTo(403);
            assertThat(http.get("/crm/v3/nothing/here").status()).isEqualTo(404);
            assertThat(http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(http.sandbox.baseUrl() + "/crm/v3/objects/contacts")).GET().build()).status())
                    .isEqualTo(401);
            // the sandbox hands an exchange to the contract listener after answering it: the 401 (off contract on
            // purpose) must be recorded while this test, not the next one, is running
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> io.crmbridge.contract.ContractRecords.shared().exchanges() >= recorded + 3);
        }
    }
}
