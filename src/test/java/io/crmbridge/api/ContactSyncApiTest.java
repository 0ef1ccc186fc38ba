package io.crmbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.flow.ImportFlowTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The REST API of the contact sync (PRODUCT.md S3) on the real application, against a sandbox seeded with
 * 300 generated contacts, called over HTTP as a client would.
 */
class ContactSyncApiTest extends ImportFlowTestSupport {

    private static final String TOKEN = "test-token-6f1c2a9e";
    private static final String BASE = "/api/integrations/hubspot";
    private static final List<String> SEGMENTS = List.of("chainge", "engaged", "cold", "high_value");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.api.token", TOKEN);
        p.setProperty("sandbox.seed-contacts", "generate:300");
        return p;
    }

    @Test
    void refusesRequestsWithoutOrWithAWrongTokenWithoutEchoingTheToken() throws Exception {
        for (String authorization : new String[] {null, "Bearer wrong-token", "Bearer " + TOKEN + "x",
                "Basic " + TOKEN, "Bearer "}) {
            for (HttpResponse<String> r : List.of(
                    send("POST", BASE + "/sync?mode=full", authorization),
                    send("GET", BASE + "/contacts", authorization),
                    send("GET", BASE + "/sync/stats", authorization),
                    send("DELETE", BASE + "/contacts", authorization))) {
                assertThat(r.statusCode()).as("%s with %s", r.uri(), authorization).isEqualTo(401);
                assertThat(JSON.readTree(r.body()).path("error").asText()).isNotBlank();
                assertThat(r.body()).doesNotContain(TOKEN);
                assertThat(r.headers().map().toString()).doesNotContain(TOKEN);
            }
        }
        // nothing ran: the refused POST did not start a sync
        assertThat(send("GET", BASE + "/sync/stats", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void syncThenPageFilterReadStatsAndDelete() throws Exception {
        HttpResponse<String> syncAnswer = send("POST", BASE + "/sync?mode=full", bearer());
        assertThat(syncAnswer.statusCode()).isEqualTo(200);
        assertThat(syncAnswer.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        JsonNode run = JSON.readTree(syncAnswer.body());
        assertThat(run.path("total_synced").asLong()).isEqualTo(300);
        assertThat(run.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("mode").asText()).isEqualTo("FULL");
        // 3 pages of 100, plus the archived listing
        assertThat(run.path("total_pages").asInt()).isGreaterThanOrEqualTo(3);

        // pages of 120 cover the 300 contacts once each
        Set<String> ids = new HashSet<>();
        for (int offset = 0; offset < 300; offset += 120) {
            JsonNode page = getJson(BASE + "/contacts?limit=120&offset=" + offset);
            assertThat(page.path("total").asLong()).isEqualTo(300);
            assertThat(page.path("limit").asInt()).isEqualTo(120);
            assertThat(page.path("offset").asInt()).isEqualTo(offset);
            assertThat(page.path("segment").isNull()).isTrue();
            assertThat(page.path("contacts").size()).isEqualTo(Math.min(120, 300 - offset));
            page.path("contacts").forEach(c -> ids.add(c.path("id").asText()));
        }
        assertThat(ids).hasSize(300);
        JsonNode defaults = getJson(BASE + "/contacts");
        assertThat(defaults.path("limit").asInt()).isEqualTo(100);
        assertThat(defaults.path("offset").asInt()).isZero();
        assertThat(defaults.path("contacts").size()).isEqualTo(100);
        assertThat(defaults.path("contacts").get(0).path("email").asText()).contains("@");

        // each segment's total equals the run's count, and every contact listed is in it
        long inSomeSegment = 0;
        for (String segment : SEGMENTS) {
            JsonNode page = getJson(BASE + "/contacts?limit=1000&segment=" + segment);
            long expected = run.path("by_segment").path(segment).asLong(-1);
            assertThat(page.path("total").asLong()).as(segment).isEqualTo(expected);
            assertThat(page.path("contacts").size()).as(segment).isEqualTo((int) expected);
            assertThat(page.path("segment").asText()).isEqualTo(segment);
            page.path("contacts").forEach(c -> assertThat(c.path("segments").toString()).contains('"' + segment + '"'));
            inSomeSegment += expected;
        }
        assertThat(inSomeSegment).isPositive();

        assertThat(send("GET", BASE + "/contacts?limit=1001", bearer()).statusCode()).isEqualTo(400);
        assertThat(send("GET", BASE + "/contacts?limit=0", bearer()).statusCode()).isEqualTo(400);
        assertThat(send("GET", BASE + "/contacts?offset=-1", bearer()).statusCode()).isEqualTo(400);
        assertThat(send("GET", BASE + "/contacts?segment=vip", bearer()).statusCode()).isEqualTo(400);
        assertThat(send("POST", BASE + "/sync?mode=sideways", bearer()).statusCode()).isEqualTo(400);

        JsonNode stats = getJson(BASE + "/sync/stats");
        assertThat(stats.path("total_synced").asLong()).isEqualTo(300);
        assertThat(stats.path("total_pages").asInt()).isEqualTo(run.path("total_pages").asInt());
        assertThat(stats.path("errors").asInt()).isZero();
        assertThat(stats.path("duration_seconds").isNumber()).isTrue();
        assertThat(stats.path("timestamp").asText()).isEqualTo(run.path("timestamp").asText());
        assertThat(stats.path("by_segment")).isEqualTo(run.path("by_segment"));
        assertThat(stats.path("run_id").asLong()).isEqualTo(run.path("run_id").asLong());

        HttpResponse<String> deleted = send("DELETE", BASE + "/contacts", bearer());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(deleted.body()).path("deleted").asLong()).isEqualTo(300);
        assertThat(getJson(BASE + "/contacts").path("total").asLong()).isZero();
        assertThat(getJson(BASE + "/contacts").path("contacts").size()).isZero();
    }

    @Test
    void modeFromTheJsonBodyAndBackgroundRunAnswers202WithTheRunId() throws Exception {
        HttpResponse<String> started = send("POST", BASE + "/sync?background=true", bearer(), "{\"mode\": \"full\"}");
        assertThat(started.statusCode()).isEqualTo(202);
        JsonNode answer = JSON.readTree(started.body());
        long runId = answer.path("run_id").asLong();
        assertThat(runId).isPositive();
        assertThat(answer.path("mode").asText()).isEqualTo("FULL");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> send("GET", BASE + "/sync/stats", bearer()).statusCode() == 200);
        JsonNode stats = getJson(BASE + "/sync/stats");
        assertThat(stats.path("run_id").asLong()).isEqualTo(runId);
        assertThat(stats.path("mode").asText()).isEqualTo("FULL");
        assertThat(stats.path("total_synced").asLong()).isEqualTo(300);
    }

    @Test
    void servesTheOpenApiDocumentListingTheFourOperationsAndTheBearerScheme() throws Exception {
        HttpResponse<String> doc = send("GET", "/openapi.json", null);
        assertThat(doc.statusCode()).isEqualTo(200);
        JsonNode openapi = JSON.readTree(doc.body());
        assertThat(openapi.path("components").path("securitySchemes").path("bearerToken").path("scheme").asText())
                .isEqualToIgnoringCase("bearer");
        JsonNode paths = openapi.path("paths");
        assertThat(paths.path(BASE + "/sync").has("post")).isTrue();
        assertThat(paths.path(BASE + "/contacts").has("get")).isTrue();
        assertThat(paths.path(BASE + "/contacts").has("delete")).isTrue();
        assertThat(paths.path(BASE + "/sync/stats").has("get")).isTrue();
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = send("GET", path, bearer());
        assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String bearer() {
        return "Bearer " + TOKEN;
    }

    private HttpResponse<String> send(String method, String path, String authorization)
            throws IOException, InterruptedException {
        return send(method, path, authorization, "");
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + applicationPort() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (!body.isEmpty()) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
