package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.hubspot.HubSpotPaths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SandboxRateLimitTiersTest {

    private static SandboxConfig config(int perTenSeconds, long perDay) {
        return new SandboxConfig("127.0.0.1", 0, SandboxHttp.TOKEN, 100, perTenSeconds).withDailyLimit(perDay)
                .withScopes(SandboxHttp.EVERY_SCOPE);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 190, 250})
    void enforcesTheTierMaximumOfTheTenSecondWindow(int tier) {
        try (SandboxHttp http = new SandboxHttp(config(tier, 1_000_000))) {
            SandboxHttp.Answer first = http.get("/crm/v3/objects/contacts");
            assertThat(first.header("X-HubSpot-RateLimit-Max")).isEqualTo(Integer.toString(tier));
            assertThat(first.header("X-HubSpot-RateLimit-Remaining")).isEqualTo(Integer.toString(tier - 1));
            assertThat(first.header("X-HubSpot-RateLimit-Interval-Milliseconds")).isEqualTo("10000");
            for (int i = 1; i < tier; i++) {
                assertThat(http.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
            }
            SandboxHttp.Answer refused = http.get("/crm/v3/objects/contacts");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.body().path("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
        }
    }

    @Test
    void sendsDailyHeadersOnEveryAuthenticatedCallIncludingSearch() {
        try (SandboxHttp http = new SandboxHttp(config(190, 250_000))) {
            SandboxHttp.Answer list = http.get("/crm/v3/objects/contacts");
            assertThat(list.header("X-HubSpot-RateLimit-Daily")).isEqualTo("250000");
            assertThat(list.header("X-HubSpot-RateLimit-Daily-Remaining")).isEqualTo("249999");
            SandboxHttp.Answer search = http.post("/crm/v3/objects/contacts/search", "{}");
            assertThat(search.status()).isEqualTo(200);
            assertThat(search.header("X-HubSpot-RateLimit-Daily")).isEqualTo("250000");
            assertThat(search.header("X-HubSpot-RateLimit-Daily-Remaining")).isEqualTo("249998");
            assertThat(search.header("X-HubSpot-RateLimit-Max")).isNull();
        }
    }

    @Test
    void leavesAssociationBatchesOutOfTheTenSecondWindowWithoutItsHeadersButCountsThemForTheDay() {
        try (SandboxHttp http = new SandboxHttp(config(100, 250_000))) {
            String contact = http.createContact("exempt@x.io");
            String company = http.createCompany("Exempt Ltd");
            String link = link(contact, company);
            // more association batches than the whole window holds: none is refused, none shows the window
            for (int i = 1; i <= 120; i++) {
                SandboxHttp.Answer a = http.post("/crm/v4/associations/contacts/companies/batch/create", link);
                assertThat(a.status()).as("association batch %d", i).isEqualTo(201);
                assertThat(a.header("X-HubSpot-RateLimit-Max")).isNull();
                assertThat(a.header("X-HubSpot-RateLimit-Remaining")).isNull();
                assertThat(a.header("X-HubSpot-RateLimit-Interval-Milliseconds")).isNull();
                assertThat(a.header("X-HubSpot-RateLimit-Daily-Remaining")).isEqualTo(Long.toString(250_000 - 2 - i));
            }
            String read = "{\"inputs\":[{\"id\":\"" + contact + "\"}]}";
            for (String version : new String[] {"/crm/v4/associations", "/crm/associations/2026-03",
                    "/crm/associations/2026-09"}) {
                SandboxHttp.Answer a = http.post(version + "/contacts/companies/batch/read", read);
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.header("X-HubSpot-RateLimit-Remaining")).isNull();
            }

            // one pair's PUT is no batch: HubSpot counts it in the window (associations-v4.json marks it not)
            SandboxHttp.Answer put = http.associateContactWithCompany(new HubSpotPaths("v3"), contact, company, 279);
            assertThat(put.status() / 100).isEqualTo(2);
            assertThat(put.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("97");

            // the window holds the two creates of records, the PUT and this read only
            SandboxHttp.Answer counted = http.get("/crm/v3/objects/contacts");
            assertThat(counted.status()).isEqualTo(200);
            assertThat(counted.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("96");
            assertThat(counted.header("X-HubSpot-RateLimit-Daily-Remaining")).isEqualTo(Long.toString(250_000 - 127));
        }
    }

    @Test
    void refusesAnAssociationBatchOnceTheDayBudgetIsSpent() {
        try (SandboxHttp http = new SandboxHttp(config(100, 4))) {
            String link = link(http.createContact("daily@x.io"), http.createCompany("Daily Ltd"));
            assertThat(http.post("/crm/v4/associations/contacts/companies/batch/create", link).status()).isEqualTo(201);
            assertThat(http.post("/crm/v4/associations/contacts/companies/batch/create", link).status()).isEqualTo(201);

            SandboxHttp.Answer refused = http.post("/crm/v4/associations/contacts/companies/batch/create", link);

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.body().path("policyName").asText()).isEqualTo("DAILY");
        }
    }

    /** A batch/create body linking a contact to a company, unlabeled (type 279, hubspot-api.md §2.3). */
    private static String link(String contact, String company) {
        return "{\"inputs\":[{\"from\":{\"id\":\"" + contact + "\"},\"to\":{\"id\":\"" + company
                + "\"},\"types\":[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":279}]}]}";
    }

    @Test
    void answers429DailyOnceTheDayBudgetIsSpent() {
        try (SandboxHttp http = new SandboxHttp(config(0, 2))) {
            assertThat(http.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
            assertThat(http.get("/crm/v3/objects/companies").status()).isEqualTo(200);
            SandboxHttp.Answer a = http.post("/crm/v3/objects/contacts/batch/create",
                    "{\"inputs\":[{\"properties\":{\"email\":\"late@x.io\"}}]}");
            assertThat(a.status()).isEqualTo(429);
            assertThat(a.body().path("policyName").asText()).isEqualTo("DAILY");
            assertThat(a.body().path("errorType").asText()).isEqualTo("RATE_LIMIT");
            assertThat(a.body().path("message").asText()).isEqualTo("You have reached your daily limit.");
            assertThat(a.body().path("requestId").asText()).isNotBlank();
            assertThat(a.body().path("correlationId").asText()).isEqualTo(a.header("X-HubSpot-Correlation-Id"));
            assertThat(a.header("X-HubSpot-RateLimit-Daily-Remaining")).isEqualTo("0");
            assertThat(a.header("Retry-After")).isNull();
            assertThat(http.sandbox.state().count(io.crmbridge.model.ObjectType.CONTACTS)).isZero();
        }
    }

    @Test
    void sendsNoDailyHeadersWhenTheDailyBudgetIsDisabled() {
        try (SandboxHttp http = new SandboxHttp(config(190, 0))) {
            SandboxHttp.Answer a = http.get("/crm/v3/objects/contacts");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.header("X-HubSpot-RateLimit-Daily")).isNull();
            assertThat(a.header("X-HubSpot-RateLimit-Daily-Remaining")).isNull();
        }
    }

    @Test
    void spendsNoBudgetOnCallsRefusedForAuthenticationOrScopes() {
        try (SandboxHttp http = new SandboxHttp(config(190, 10).withScopes(java.util.Set.of("crm.objects.contacts.read")))) {
            assertThat(http.get("/crm/v3/objects/companies").status()).isEqualTo(403);
            SandboxHttp.Answer a = http.get("/crm/v3/objects/contacts");
            assertThat(a.header("X-HubSpot-RateLimit-Daily-Remaining")).isEqualTo("9");
            assertThat(a.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("189");
        }
    }
}
