package io.crmbridge.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmbridge.Datasets;
import io.crmbridge.console.ConsoleHttp;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.model.ObjectType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Rows posted over HTTP (routes/rows.yaml, docs/http-intake.md) on the real application against the sandbox: a small
 * post answered with each row's outcome, a large one with 202 and a run whose report accounts for every row, the same
 * content skipped unless an Idempotency-Key says otherwise, and malformed bodies and wrong tokens refused with
 * nothing imported.
 */
class PostedRowsTest extends ImportFlowTestSupport {

    private static final String TOKEN = "rows-token-5d0c7f21";
    private static final String BEARER = "Bearer " + TOKEN;
    /** The body limit of these tests: above the 5,000 customers' JSON (about 1.6 MB), below 3 MB. */
    private static final long MAX_BYTES = 3_000_000;

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.api.token", TOKEN);
        p.setProperty("crm-bridge.rows.max-bytes", Long.toString(MAX_BYTES));
        return p;
    }

    private ConsoleHttp http() {
        return new ConsoleHttp(applicationPort());
    }

    private HttpResponse<String> post(String type, String contentType, byte[] body, String authorization, String key)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(http().uri("/api/rows/" + type))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http().send(request, authorization, null);
    }

    private HttpResponse<String> postJson(String type, String json, String key) throws Exception {
        return post(type, "application/json", json.getBytes(StandardCharsets.UTF_8), BEARER, key);
    }

    private static JsonNode body(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void oneContactIsAnsweredWithItsOutcomeAndLandsInHubSpot() throws Exception {
        HttpResponse<String> r = postJson("contacts",
                "[{\"Email\": \"ada.lovelace@example.org\", \"First Name\": \"Ada\", \"Last Name\": \"Lovelace\"}]",
                null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = body(r);
        long runId = answer.path("runId").asLong();
        assertThat(answer.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(answer.path("rows").asInt()).isEqualTo(1);
        assertThat(answer.path("results")).hasSize(1);
        assertThat(answer.path("results").get(0).path("row").asLong()).isEqualTo(1);
        assertThat(answer.path("results").get(0).path("outcome").asText()).isEqualTo("created");
        assertThat(answer.path("outcomes").path("created").asLong()).isEqualTo(1);
        assertThat(answer.path("run").asText()).isEqualTo("/api/runs/" + runId);
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "ada.lovelace@example.org"))
                .hasValueSatisfying(c -> assertThat(c.property("firstname")).isEqualTo("Ada"));
        // the run the answer names is the run the API and the report know
        JsonNode run = body(http().get("/api/runs/" + runId, BEARER, null));
        assertThat(run.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("file").asText()).isEqualTo("contacts.posted-" + runId + ".csv");
        assertThat(awaitReport("contacts.posted-" + runId + ".csv").path("runId").asLong()).isEqualTo(runId);
    }

    @Test
    void aBadRowIsRejectedWithItsNumberAndReasonAndTheOthersGoOn() throws Exception {
        HttpResponse<String> r = postJson("contacts", "[{\"Email\": \"grace@example.org\", \"First Name\": \"Grace\"},"
                + " {\"Email\": \"not-an-email\", \"First Name\": \"Bad\"},"
                + " {\"Email\": \"alan@example.org\", \"Last Name\": \"Turing\", \"Phone\": null}]", null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode results = body(r).path("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).path("outcome").asText()).isEqualTo("created");
        assertThat(results.get(1).path("row").asLong()).isEqualTo(2);
        assertThat(results.get(1).path("outcome").asText()).isEqualTo("rejected");
        assertThat(results.get(1).path("code").asText()).isEqualTo("INVALID_EMAIL");
        assertThat(results.get(1).path("reason").asText()).contains("not-an-email");
        assertThat(results.get(2).path("outcome").asText()).isEqualTo("created");
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(2);
    }

    @Test
    void theSameRowsAgainAreSkippedUnlessANewIdempotencyKeySaysOtherwise() throws Exception {
        String rows = "[{\"Email\": \"edsger@example.org\", \"First Name\": \"Edsger\"}]";
        JsonNode first = body(postJson("contacts", rows, null));
        long firstRun = first.path("runId").asLong();
        assertThat(first.path("status").asText()).isEqualTo("COMPLETED");

        HttpResponse<String> again = postJson("contacts", rows, null);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(body(again).path("status").asText()).isEqualTo("skipped");
        assertThat(body(again).path("duplicateOf").asLong()).isEqualTo(firstRun);

        // a new key: the client says this is a new post, imported again (HubSpot holds it as sent: unchanged)
        JsonNode keyed = body(postJson("contacts", rows, "form-submission-2"));
        long keyedRun = keyed.path("runId").asLong();
        assertThat(keyedRun).isNotEqualTo(firstRun);
        assertThat(keyed.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(keyed.path("replay").asBoolean()).isFalse();
        assertThat(keyed.path("results").get(0).path("outcome").asText()).isEqualTo("unchanged");
        // the same key again, even with other rows: the first post's run, nothing imported
        JsonNode replay = body(postJson("contacts", "[{\"Email\": \"other@example.org\"}]", "form-submission-2"));
        assertThat(replay.path("runId").asLong()).isEqualTo(keyedRun);
        assertThat(replay.path("replay").asBoolean()).isTrue();
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "other@example.org")).isEmpty();
        assertThat(body(http().get("/api/runs", BEARER, null)).path("total").asLong()).isEqualTo(2);
    }

    @Test
    void theSameRowsPostedTwiceAtOnceAreImportedOnce() throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (int i = 1; i <= 40; i++) {
            json.append(i == 1 ? "" : ",").append("{\"Email\": \"twice").append(i).append("@example.org\"}");
        }
        String rows = json.append(']').toString();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        try {
            java.util.concurrent.Callable<JsonNode> client = () -> {
                start.await();
                return body(postJson("contacts", rows, null));
            };
            List<java.util.concurrent.Future<JsonNode>> answers = clients.invokeAll(List.of(client, client));
            List<Long> runs = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<JsonNode> a : answers) {
                JsonNode answer = a.get();
                if (!answer.path("runId").isNull()) {
                    runs.add(answer.path("runId").asLong());
                }
            }
            // each run named in an answer ends: one imports the rows, another (when both passed the check at once)
            // is closed as the duplicate the intake skipped
            List<String> ends = new java.util.ArrayList<>();
            for (long run : runs) {
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() ->
                        !body(http().get("/api/runs/" + run, BEARER, null)).path("status").asText().equals("RUNNING"));
                ends.add(body(http().get("/api/runs/" + run, BEARER, null)).path("status").asText());
            }
            assertThat(ends).containsOnlyOnce("COMPLETED").allMatch(e -> e.equals("COMPLETED") || e.equals("FAILED"));
            assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(40);
            assertThat(reports("contacts.posted-" + runs.get(0) + ".csv").size()
                    + (runs.size() > 1 ? reports("contacts.posted-" + runs.get(1) + ".csv").size() : 0)).isEqualTo(1);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aCsvBodyIsReadLikeADroppedFile() throws Exception {
        String csv = "email;firstname;lastname\r\nbarbara@example.org;Barbara;Liskov\r\nken@example.org;Ken;Thompson\r\n";
        HttpResponse<String> r = post("contacts", "text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8),
                BEARER, null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(body(r).path("outcomes").path("created").asLong()).isEqualTo(2);
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "ken@example.org")).isPresent();
    }

    @Test
    void fiveThousandCustomersAreAnswered202WithARunWhoseReportAddsUp() throws Exception {
        List<CSVRecord> customers = Datasets.read(Datasets.CUSTOMERS).subList(0, 5000);
        ArrayNode rows = JSON.createArrayNode();
        for (CSVRecord c : customers) {
            ObjectNode row = rows.addObject();
            c.toMap().forEach(row::put);
        }

        HttpResponse<String> r = post("contacts", "application/json", JSON.writeValueAsBytes(rows), BEARER, null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode answer = body(r);
        long runId = answer.path("runId").asLong();
        assertThat(answer.path("status").asText()).isEqualTo("RUNNING");
        assertThat(answer.path("rows").asInt()).isEqualTo(5000);
        String follow = answer.path("run").asText();
        assertThat(follow).isEqualTo("/api/runs/" + runId);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() ->
                body(http().get(follow, BEARER, null)).path("status").asText().equals("COMPLETED"));
        JsonNode report = awaitReport("contacts.posted-" + runId + ".csv");
        JsonNode outcomes = report.path("outcomes");
        long sum = 0;
        for (String o : List.of("created", "updated", "unchanged", "rejected", "failed")) {
            sum += outcomes.path(o).asLong();
        }
        assertThat(report.path("rowsRead").asLong()).isEqualTo(5000);
        assertThat(sum).isEqualTo(5000);
        assertThat(report.has("rows")).as("a large post's report lists no rows").isFalse();
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(outcomes.path("created").asLong());
    }

    @Test
    void malformedBodiesAreRefused400WithTheirReasonAndNothingIsImported() throws Exception {
        record Case(String type, String contentType, String body, int status, String reason) {
        }
        List<Case> cases = List.of(
                new Case("contacts", "application/json", "[{\"Email\": \"a@example.org\"", 400, "not JSON"),
                new Case("contacts", "application/json", "{\"Email\": \"a@example.org\"}", 400, "not an array"),
                new Case("contacts", "application/json", "[]", 400, "no rows"),
                new Case("contacts", "application/json", "", 400, "empty"),
                new Case("contacts", "application/json", "[{\"Email\": \"a@example.org\"}, 7]", 400,
                        "row 2 is a JSON number"),
                new Case("contacts", "application/json", "[{\"Email\": {\"work\": \"a@example.org\"}}]", 400,
                        "column \"Email\": a JSON object"),
                new Case("contacts", "application/json", "[{\"First Name\": \"Nobody\"}]", 400, "email"),
                new Case("deals", "application/json", "[{\"Email\": \"a@example.org\"}]", 400, "unknown object type"),
                new Case("contacts", "text/csv", "email\r\n", 400, "no rows"),
                new Case("contacts", "text/plain", "Email\r\na@example.org\r\n", 415, "application/json"));
        for (Case c : cases) {
            HttpResponse<String> r = post(c.type(), c.contentType(), c.body().getBytes(StandardCharsets.UTF_8), BEARER,
                    null);
            assertThat(r.statusCode()).as(c.body() + " -> " + r.body()).isEqualTo(c.status());
            assertThat(body(r).path("status").asInt()).isEqualTo(c.status());
            assertThat(body(r).path("error").asText()).as(c.body()).contains(c.reason());
        }
        byte[] tooLarge = new byte[(int) MAX_BYTES + 1];
        java.util.Arrays.fill(tooLarge, (byte) ' ');
        HttpResponse<String> large = post("contacts", "application/json", tooLarge, BEARER, null);
        assertThat(large.statusCode()).isEqualTo(400);
        assertThat(body(large).path("error").asText()).contains("more than crm-bridge.rows.max-bytes");
        HttpResponse<String> badKey = postJson("contacts", "[{\"Email\": \"a@example.org\"}]", "two words");
        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(body(badKey).path("error").asText()).contains("Idempotency-Key");

        assertThat(inboxFiles()).isEmpty();
        assertThat(body(http().get("/api/runs", BEARER, null)).path("total").asLong()).isZero();
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isZero();
    }

    @Test
    void aMissingOrWrongTokenIsRefused401AndNothingIsImported() throws Exception {
        byte[] rows = "[{\"Email\": \"a@example.org\"}]".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> missing = post("contacts", "application/json", rows, null, null);
        HttpResponse<String> wrong = post("contacts", "application/json", rows, "Bearer wrong-token", null);

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("wrong-token");
        assertThat(inboxFiles()).isEmpty();
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isZero();
        // the OpenAPI document names the endpoint
        assertThat(http().get("/openapi.json", null, null).body()).contains("/api/rows/{objectType}");
    }
}
