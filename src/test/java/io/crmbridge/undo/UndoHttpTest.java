package io.crmbridge.undo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.console.ConsoleHttp;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.model.ObjectType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The undo over HTTP (routes/console-undo.yaml, docs/undo.md): {@code GET} and {@code POST /api/runs/{id}/undo} with
 * the API's token, their refusals, the OpenAPI document, and the console's button, confirmation page and the run's
 * page once undone.
 */
class UndoHttpTest extends ImportFlowTestSupport {

    private static final String TOKEN = "undo-token-7c1e55a0";
    private static final String BEARER = "Bearer " + TOKEN;

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.api.token", TOKEN);
        return p;
    }

    private ConsoleHttp http() {
        return new ConsoleHttp(applicationPort());
    }

    private HttpResponse<String> post(String path, String authorization, String cookie) throws Exception {
        return http().send(HttpRequest.newBuilder(http().uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")), authorization, cookie);
    }

    private static Map<String, String> contact(int i) {
        return Map.of("email", "http" + i + "@example.com", "firstname", "Http" + i);
    }

    @Test
    void theApiAnswersTheDryRunThenUndoesAndRefusesWhatItCannotUndo() throws Exception {
        SandboxRuns runs = new SandboxRuns(context);
        long run = runs.run("contacts.csv", false, ImportRun.Status.COMPLETED);
        List<String> created = runs.runCreates(run, List.of(contact(1), contact(2), contact(3)));
        runs.editInHubSpot(created.get(2), Map.of("firstname", "Edited"));
        long dry = runs.run("dry.csv", true, ImportRun.Status.COMPLETED);
        String path = "/api/runs/" + run + "/undo";

        assertThat(http().get(path, null, null).statusCode()).isEqualTo(401);
        assertThat(post(path, "Bearer wrong", null).statusCode()).isEqualTo(401);
        HttpResponse<String> preview = http().get(path, BEARER, null);
        assertThat(preview.statusCode()).isEqualTo(200);
        JsonNode p = JSON.readTree(preview.body());
        assertThat(p.path("dryRun").asBoolean()).isTrue();
        assertThat(p.path("totals").path("records").asLong()).isEqualTo(3);
        assertThat(p.path("totals").path("kept").asLong()).isEqualTo(1);
        assertThat(p.path("decisionsTotal").asInt()).isEqualTo(3);
        // the kept record first, with its reason
        assertThat(p.path("decisions").path(0).path("hubspotId").asText()).isEqualTo(created.get(2));
        assertThat(p.path("decisions").path(0).path("reason").asText()).contains("firstname");
        assertThat(p.path("decisions").path(1).path("action").asText()).isEqualTo("archive");
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(3);

        HttpResponse<String> done = post(path, BEARER, null);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode d = JSON.readTree(done.body());
        assertThat(d.path("types").path("contacts").path("reversed").asLong()).isEqualTo(2);
        assertThat(d.path("reports").path("html").asText()).isEqualTo("undo/contacts.csv-run" + run + "-undo.html");
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(1);
        assertThat(outbox().resolve(d.path("reports").path("csv").asText())).exists();

        assertThat(http().get("/api/runs/424242/undo", BEARER, null).statusCode()).isEqualTo(404);
        assertThat(post("/api/runs/abc/undo", BEARER, null).statusCode()).isEqualTo(400);
        HttpResponse<String> ofDryRun = post("/api/runs/" + dry + "/undo", BEARER, null);
        assertThat(ofDryRun.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(ofDryRun.body()).path("error").asText()).contains("dry run");
        assertThat(http().get("/openapi.json", null, null).body()).contains("/api/runs/{id}/undo");
    }

    @Test
    void theRunPageOffersTheUndoConfirmsItWithTheDryRunsCountsThenShowsTheRunUndone() throws Exception {
        SandboxRuns runs = new SandboxRuns(context);
        long run = runs.run("contacts.csv", false, ImportRun.Status.COMPLETED);
        List<String> created = runs.runCreates(run, List.of(contact(1), contact(2)));
        runs.editInHubSpot(created.get(0), Map.of("firstname", "<b>Edited</b>"));
        long dry = runs.run("dry.csv", true, ImportRun.Status.COMPLETED);
        String cookie = http().session(TOKEN);

        String page = http().get("/console/imports/" + run, null, cookie).body();
        assertThat(page).contains("id=\"run-undo\"").contains("/console/imports/" + run + "/undo")
                .doesNotContain("id=\"run-undone\"");
        assertThat(http().get("/console/imports/" + dry, null, cookie).body()).doesNotContain("id=\"run-undo\"");
        assertThat(http().get("/console/imports/" + run + "/undo", null, null).statusCode()).isEqualTo(303);

        HttpResponse<String> confirm = http().get("/console/imports/" + run + "/undo", null, cookie);
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("<td class=\"num\" id=\"undo-archive\">1</td>")
                .contains("<td class=\"num\" id=\"undo-keep\">1</td>").contains(created.get(0))
                .contains("&lt;b&gt;Edited&lt;/b&gt;").doesNotContain("<b>Edited</b>")
                .contains("id=\"undo-confirm-button\"");
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(2);

        HttpResponse<String> undone = post("/console/imports/" + run + "/undo", null, cookie);
        assertThat(undone.statusCode()).isEqualTo(303);
        assertThat(undone.headers().firstValue("Location")).hasValue("/console/imports/" + run);
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(1);

        String after = http().get("/console/imports/" + run, null, cookie).body();
        assertThat(after).contains("id=\"run-undone\"").contains("<span id=\"undo-reversed\">1</span>")
                .contains("<span id=\"undo-kept\">1</span>").doesNotContain("id=\"run-undo\"")
                .contains("id=\"run-status\">undone<");
        HttpResponse<String> report = http().get("/console/imports/" + run + "/files/undo-report.html", null, cookie);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("Undo report: run " + run);
        assertThat(http().get("/console/imports/" + dry + "/undo", null, cookie).statusCode()).isEqualTo(409);
    }
}
