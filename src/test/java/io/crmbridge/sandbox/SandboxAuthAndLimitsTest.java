package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.contract.OffContractRequests;
import io.crmbridge.model.ObjectType;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class SandboxAuthAndLimitsTest {

    @Test
    void rejectsRequestWithWrongTokenWith401AndNeverEchoesIt() {
        try (SandboxHttp http = new SandboxHttp()) {
            SandboxHttp.Answer a = http.send(HttpRequest.newBuilder(URI.create(http.sandbox.baseUrl() + "/crm/v3/objects/contacts"))
                    .header("Authorization", "Bearer wrong-secret-xyz").GET().build());
            assertThat(a.status()).isEqualTo(401);
            assertThat(a.body().path("category").asText()).isEqualTo("INVALID_AUTHENTICATION");
            assertThat(a.body().path("message").asText()).startsWith("Authentication credentials not found.");
            assertThat(a.header("X-HubSpot-Auth-Failure")).isEqualTo("401 Unauthorized");
            assertThat(a.body().path("correlationId").asText()).isEqualTo(a.header("X-HubSpot-Correlation-Id"));
            assertThat(a.raw().body()).doesNotContain("wrong-secret-xyz").doesNotContain(SandboxHttp.TOKEN);
        }
    }

    @Test
    @OffContractRequests("sends no Authorization header to see the 401")
    void rejectsRequestWithoutAuthorizationHeader() {
        try (SandboxHttp http = new SandboxHttp()) {
            SandboxHttp.Answer a = http.send(HttpRequest.newBuilder(URI.create(http.sandbox.baseUrl() + "/crm/v3/objects/contacts"))
                    .GET().build());
            assertThat(a.status()).isEqualTo(401);
        }
    }

    @Test
    void sendsJsonContentTypeCorrelationIdAndRateLimitHeaders() {
        try (SandboxHttp http = new SandboxHttp(new SandboxConfig("127.0.0.1", 0, SandboxHttp.TOKEN, 100, 190))) {
            SandboxHttp.Answer a = http.get("/crm/v3/objects/contacts");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
            assertThat(a.header("X-HubSpot-Correlation-Id")).isNotBlank();
            assertThat(a.header("X-HubSpot-RateLimit-Max")).isEqualTo("190");
            assertThat(a.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("189");
            assertThat(a.header("X-HubSpot-RateLimit-Interval-Milliseconds")).isEqualTo("10000");
        }
    }

    @Test
    void answers429TenSecondlyRollingOnceTheWindowBudgetIsSpent() {
        try (SandboxHttp http = new SandboxHttp(new SandboxConfig("127.0.0.1", 0, SandboxHttp.TOKEN, 100, 3))) {
            for (int i = 0; i < 3; i++) {
                assertThat(http.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
            }
            SandboxHttp.Answer a = http.get("/crm/v3/objects/contacts");
            assertThat(a.status()).isEqualTo(429);
            assertThat(a.body().path("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
            assertThat(a.body().path("errorType").asText()).isEqualTo("RATE_LIMIT");
            assertThat(a.body().path("message").asText()).isEqualTo("You have reached your ten_secondly_rolling limit.");
            assertThat(a.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("0");
            assertThat(a.header("Retry-After")).isNull();
        }
    }

    @Test
    void limitsSearchToFivePerSecondWithoutBurstHeaders() {
        try (SandboxHttp http = new SandboxHttp(new SandboxConfig("127.0.0.1", 0, SandboxHttp.TOKEN, 100, 190))) {
            SandboxHttp.Answer last = null;
            int ok = 0;
            for (int i = 0; i < 8; i++) {
                last = http.post("/crm/v3/objects/contacts/search", "{}");
                if (last.status() == 200) {
                    ok++;
                    assertThat(last.header("X-HubSpot-RateLimit-Max")).isNull();
                }
            }
            assertThat(ok).isLessThanOrEqualTo(7).isGreaterThanOrEqualTo(5);
            assertThat(last.status()).isEqualTo(429);
            assertThat(last.body().path("category").asText()).isEqualTo("RATE_LIMITS");
            assertThat(last.body().path("message").asText()).isEqualTo("You have reached your secondly limit.");
        }
    }

    @Test
    void recordsEveryRequestWithStatusAndInputCount() {
        try (SandboxHttp http = new SandboxHttp()) {
            http.post("/crm/v3/objects/contacts/batch/create",
                    "{\"inputs\":[{\"properties\":{\"email\":\"a@x.io\"}},{\"properties\":{\"email\":\"b@x.io\"}}]}");
            http.get("/crm/v3/objects/contacts");
            assertThat(http.sandbox.state().requests()).containsExactly(
                    new RecordedRequest("POST", "/crm/v3/objects/contacts/batch/create", 201, 2),
                    new RecordedRequest("GET", "/crm/v3/objects/contacts", 200, 0));
            http.sandbox.state().reset();
            assertThat(http.sandbox.state().requests()).isEmpty();
            assertThat(http.sandbox.state().count(ObjectType.CONTACTS)).isZero();
        }
    }

    @Test
    @OffContractRequests("calls an undocumented path and sends malformed JSON to see the 404 and 400")
    void answersUnknownPathWith404JsonAndMalformedJsonWith400() {
        try (SandboxHttp http = new SandboxHttp()) {
            SandboxHttp.Answer missing = http.get("/crm/v3/nothing/here");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.body().path("status").asText()).isEqualTo("error");
            SandboxHttp.Answer bad = http.post("/crm/v3/objects/contacts/batch/create", "{\"inputs\":[");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body().path("category").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(bad.body().path("message").asText()).startsWith("Invalid input JSON");
        }
    }
}
