package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

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
