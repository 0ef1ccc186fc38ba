package io.crmbridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.flow.ImportFlowTestSupport;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The console's pages and the import runs' API (routes/console.yaml, docs/console.md) on the real application
 * against the sandbox, over HTTP as a browser or a script calls them: the token, the session cookie, paging
 * bounds, unknown runs, downloads limited to a run's own files, and a hostile file name shown as text.
 */
class ConsoleApiTest extends ImportFlowTestSupport {

    private static final String TOKEN = "console-token-3b7d91c4";
    /** A secret the health report must show only as set. */
    private static final String DB_PASSWORD = "canary-db-5e21f0";
    private static final String HOSTILE = "<img src=x onerror=alert(1)>.csv";

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.api.token", TOKEN);
        p.setProperty("crm-bridge.db.password", DB_PASSWORD);
        return p;
    }

    @Test
    void runsApiNeedsTheTokenChecksItsBoundsAndAnswers404ForAnUnknownRun() throws Exception {
        for (String authorization : new String[] {null, "Bearer wrong", "Bearer " + TOKEN + "x"}) {
            for (String path : List.of("/api/runs", "/api/runs/1")) {
                HttpResponse<String> r = get(path, authorization, null);
                assertThat(r.statusCode()).as("%s with %s", path, authorization).isEqualTo(401);
                assertThat(r.body()).doesNotContain(TOKEN);
            }
        }
        assertThat(get("/api/runs", "Bearer " + TOKEN, "crm_bridge_console=forged").statusCode()).isEqualTo(200);
        assertThat(get("/api/runs", null, "crm_bridge_console=forged").statusCode()).isEqualTo(401);
        for (String query : List.of("limit=0", "limit=501", "limit=abc", "offset=-1", "offset=x")) {
            HttpResponse<String> r = get("/api/runs?" + query, "Bearer " + TOKEN, null);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("error").asText()).as(query).containsAnyOf("limit", "offset");
        }
        HttpResponse<String> unknown = get("/api/runs/424242", "Bearer " + TOKEN, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).contains("424242");
        assertThat(get("/api/runs/abc", "Bearer " + TOKEN, null).statusCode()).isEqualTo(400);
        // the document the API serves names the runs' endpoints
        assertThat(get("/openapi.json", null, null).body()).contains("/api/runs").contains("/api/runs/{id}");
        JsonNode empty = JSON.readTree(get("/api/runs", "Bearer " + TOKEN, null).body());
        assertThat(empty.path("total").asLong()).isZero();
        assertThat(empty.path("limit").asInt()).isEqualTo(50);
    }

    @Test
    void pagesNeedALoginThatTheWrongTokenDoesNotOpenAndShowAHostileFileNameAsText() throws Exception {
        HttpResponse<String> anonymous = get("/console/imports", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/console/login");
        assertThat(get("/console/login", null, null).body()).contains("name=\"token\"");

        HttpResponse<String> refused = login("not-the-token");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("That is not the API token").doesNotContain("not-the-token");
        assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> accepted = login(TOKEN);
        assertThat(accepted.statusCode()).isEqualTo(303);
        assertThat(accepted.headers().firstValue("Location")).hasValue("/console/imports");
        String setCookie = accepted.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain(TOKEN);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        assertThat(get("/console/imports", null, cookie).body()).contains("Drop a CSV");

        drop(Path.of("data", "contacts.csv"), HOSTILE);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                JSON.readTree(get("/api/runs", null, cookie).body()).path("runs").path(0).path("status").asText()
                        .equals("COMPLETED"));
        JsonNode runs = JSON.readTree(get("/api/runs", null, cookie).body());
        JsonNode run = runs.path("runs").get(0);
        assertThat(run.path("file").asText()).isEqualTo(HOSTILE);
        String id = run.path("id").asText();
        // the run's JSON report, as the console serves it, is the one the outbox holds (its name made safe)
        HttpResponse<String> reportAnswer = get("/console/imports/" + id + "/files/report.json", null, cookie);
        assertThat(reportAnswer.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(reportAnswer.body());
        assertThat(report.path("file").asText()).isEqualTo(HOSTILE);
        assertThat(reports("_img src=x onerror=alert(1)_.csv")).hasSize(1);
        assertThat(run.path("outcomes").path("created").asLong())
                .isEqualTo(report.path("outcomes").path("created").asLong()).isPositive();
        assertThat(run.path("outcomes").path("rejected").asLong())
                .isEqualTo(report.path("outcomes").path("rejected").asLong());

        String imports = get("/console/imports", null, cookie).body();
        assertThat(imports).doesNotContain("<img").contains("&lt;img src&#61;x onerror&#61;alert(1)&gt;.csv");
        String page = get("/console/imports/" + id, null, cookie).body();
        assertThat(page).doesNotContain("<img").contains("&lt;img");

        HttpResponse<String> deadLetter = get("/console/imports/" + id + "/files/dead-letter.csv", null, cookie);
        assertThat(deadLetter.statusCode()).isEqualTo(200);
        assertThat(deadLetter.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(deadLetter.body().lines().count()).isEqualTo(1 + report.path("outcomes").path("rejected").asLong());
        // only the run's own files, whatever the request says
        for (String path : List.of("/console/imports/" + id + "/files/..%2F..%2Fpom.xml",
                "/console/imports/" + id + "/files/report.txt", "/console/imports/999/files/report.json")) {
            assertThat(get(path, null, cookie).statusCode()).as(path).isIn(400, 404);
        }
        assertThat(get("/console/imports/" + id + "/files/report.json", null, null).statusCode()).isEqualTo(303);
    }

    @Test
    void aPollAfterTheSessionEndedIsToldToLoadTheLoginPageNotAnsweredWithTheLoginForm() throws Exception {
        ConsoleHttp http = new ConsoleHttp(applicationPort());
        String cookie = http.session(TOKEN);
        assertThat(htmx(http, "/console/imports-table", cookie).statusCode()).isEqualTo(200);
        // the session ends elsewhere (another tab logs out) while the page still polls its table
        HttpResponse<String> logout = http.send(java.net.http.HttpRequest.newBuilder(http.uri("/console/logout"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()), null, cookie);
        assertThat(logout.statusCode()).isEqualTo(303);

        for (String path : List.of("/console/imports-table", "/console/imports/1/progress", "/console/contacts")) {
            HttpResponse<String> poll = htmx(http, path, cookie);
            assertThat(poll.statusCode()).as(path).isEqualTo(401);
            assertThat(poll.headers().firstValue("HX-Redirect")).as(path).hasValue("/console/login");
            assertThat(poll.headers().firstValue("Location")).as(path).isEmpty();
            assertThat(poll.body()).as(path).doesNotContain("name=\"token\"");
            // a browser's own request (no htmx) still gets the redirect it follows
            HttpResponse<String> plain = http.get(path, null, cookie);
            assertThat(plain.statusCode()).as(path).isEqualTo(303);
            assertThat(plain.headers().firstValue("Location")).as(path).hasValue("/console/login");
            assertThat(plain.headers().firstValue("HX-Redirect")).as(path).isEmpty();
        }
    }

    /** {@code GET path} as htmx sends it (header {@code HX-Request: true}) with the session cookie. */
    private static HttpResponse<String> htmx(ConsoleHttp http, String path, String cookie) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(http.uri(path)).header("HX-Request", "true").GET(),
                null, cookie);
    }

    @Test
    void pagesLoadTheirScriptsFromTheJarAndNothingElse() throws Exception {
        String cookie = new ConsoleHttp(applicationPort()).session(TOKEN);
        String page = get("/console/imports", null, cookie).body();
        java.util.regex.Matcher sources = java.util.regex.Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page);
        List<String> loaded = new java.util.ArrayList<>();
        while (sources.find()) {
            loaded.add(sources.group(1));
        }
        assertThat(loaded).contains("/console/assets/htmx.min.js").allMatch(s -> s.startsWith("/console/"));
        for (String asset : ConsolePages.ASSETS.keySet()) {
            HttpResponse<String> answer = get("/console/assets/" + asset, null, null);
            assertThat(answer.statusCode()).as(asset).isEqualTo(200);
            assertThat(answer.body().length()).as(asset).isGreaterThan(1000);
        }
        assertThat(get("/console/assets/htmx.min.js", null, null).body()).contains("htmx");
        for (String path : List.of("/console/assets/pom.xml", "/console/assets/..%2F..%2Fpom.xml",
                "/console/assets/htmx.js")) {
            assertThat(get(path, null, null).statusCode()).as(path).isIn(400, 404);
        }
    }

    @Test
    void healthShowsHubSpotTheLedgerTheRoutesAndTheConfigurationWithoutASecret() throws Exception {
        assertThat(get("/api/health", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/api/health", "Bearer wrong", null).statusCode()).isEqualTo(401);
        assertThat(get("/console/health", null, null).statusCode()).isEqualTo(303);
        assertThat(get("/openapi.json", null, null).body()).contains("/api/health");

        HttpResponse<String> answer = get("/api/health", "Bearer " + TOKEN, null);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(answer.body());
        JsonNode hubspot = health.path("hubspot");
        assertThat(hubspot.path("apiVersion").asText()).isEqualTo(io.crmbridge.hubspot.HubSpotPaths.DEFAULT_VERSION);
        assertThat(hubspot.path("sandbox").asBoolean()).isTrue();
        assertThat(hubspot.path("state").asText()).isEqualTo("UP");
        assertThat(hubspot.path("requestsLeft").asInt()).isBetween(0, hubspot.path("requestsPerTenSeconds").asInt());
        assertThat(health.path("ledger").path("state").asText()).isEqualTo("UP");
        assertThat(health.path("ledger").path("inMemory").asBoolean()).isTrue();
        assertThat(health.path("versions").path("camel").asText()).startsWith("4.");
        assertThat(health.path("versions").path("java").asText()).isEqualTo(Runtime.version().toString());
        List<String> routes = new java.util.ArrayList<>();
        health.path("routes").forEach(r -> routes.add(r.path("id").asText() + " " + r.path("status").asText()));
        assertThat(routes).contains("console-health Started", "api-health-call Started");
        java.util.Map<String, String> settings = new java.util.HashMap<>();
        health.path("settings").forEach(s -> settings.put(s.path("name").asText(), s.path("value").asText()));
        assertThat(settings).hasSize(io.crmbridge.config.Settings.ALL.size())
                .containsEntry("crm-bridge.db.password", HealthReport.SECRET_SET)
                .containsEntry("crm-bridge.api.token", HealthReport.SECRET_SET)
                .containsEntry("brevo.api-key", HealthReport.SECRET_NOT_SET)
                .containsEntry("hubspot.api-version", io.crmbridge.hubspot.HubSpotPaths.DEFAULT_VERSION);
        assertThat(answer.body()).doesNotContain(DB_PASSWORD).doesNotContain(TOKEN);

        String setCookie = login(TOKEN).headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        assertThat(get("/api/health", null, cookie).statusCode()).isEqualTo(200);
        HttpResponse<String> page = get("/console/health", null, cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("console-health").contains("crm-bridge.db.password")
                .contains(HealthReport.SECRET_SET).contains(io.crmbridge.hubspot.HubSpotPaths.DEFAULT_VERSION)
                .doesNotContain(DB_PASSWORD).doesNotContain(TOKEN);
    }

    private HttpResponse<String> login(String token) throws Exception {
        return new ConsoleHttp(applicationPort()).login(token);
    }

    private HttpResponse<String> get(String path, String authorization, String cookie) throws Exception {
        return new ConsoleHttp(applicationPort()).get(path, authorization, cookie);
    }
}
