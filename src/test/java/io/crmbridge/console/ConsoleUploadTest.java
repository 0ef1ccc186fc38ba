package io.crmbridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.model.ObjectType;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Uploads through the console's API (routes/console-upload.yaml, docs/console.md "Upload files") on the real
 * application against the sandbox: refusals with their status and reason, uploads that take the path of a dropped
 * file (same report, same skip of content already imported), who uploaded a run, and "check first" (a dry run,
 * then the real import when confirmed, or the file discarded).
 */
class ConsoleUploadTest extends ImportFlowTestSupport {

    private static final String TOKEN = "upload-token-71c2e9a0";
    private static final String BEARER = "Bearer " + TOKEN;
    /** The upload size limit of these tests: above data/*.csv but not data/tickets.csv (49,597 bytes). */
    private static final long LIMIT = 20_000;
    private static final Path DATA = Path.of("data");

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.api.token", TOKEN);
        p.setProperty("crm-bridge.console.upload-max-bytes", Long.toString(LIMIT));
        return p;
    }

    private ConsoleHttp http() {
        return new ConsoleHttp(applicationPort());
    }

    private HttpResponse<String> upload(String name, byte[] content, boolean check, String authorization,
                                        String cookie) throws Exception {
        String query = "/api/uploads?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&check=" + check;
        return http().send(HttpRequest.newBuilder(http().uri(query))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)), authorization, cookie);
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).path("error").asText();
    }

    @Test
    void refusesWithoutTheTokenAndRefusesEmptyBinaryTooBigAndPathNamesWithTheirReason() throws Exception {
        byte[] contacts = Files.readAllBytes(DATA.resolve("contacts.csv"));
        assertThat(upload("contacts.csv", contacts, false, null, null).statusCode()).isEqualTo(401);
        assertThat(upload("contacts.csv", contacts, false, "Bearer wrong", null).statusCode()).isEqualTo(401);
        assertThat(upload("contacts.csv", contacts, false, null, "crm_bridge_console=forged").statusCode())
                .isEqualTo(401);

        HttpResponse<String> empty = upload("contacts.csv", new byte[0], false, BEARER, null);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(error(empty)).contains("empty");

        byte[] zip = new byte[4096];
        System.arraycopy(new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0}, 0, zip, 0, 8);
        HttpResponse<String> binary = upload("contacts.csv", zip, false, BEARER, null);
        assertThat(binary.statusCode()).isEqualTo(415);
        assertThat(error(binary)).contains("binary content");

        HttpResponse<String> tooBig = upload("tickets.csv", Files.readAllBytes(DATA.resolve("tickets.csv")), false,
                BEARER, null);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(error(tooBig)).contains("49597 bytes").contains("20000").contains("upload-max-bytes");

        for (String name : List.of("../x.csv", "a/b.csv", "a\\b.csv", "..csv")) {
            HttpResponse<String> path = upload(name, contacts, false, BEARER, null);
            assertThat(path.statusCode()).as(name).isEqualTo(400);
            assertThat(error(path)).as(name).contains("not a path");
        }
        for (String name : List.of("contacts.txt", "contacts.csv.exe", "", ".csv")) {
            HttpResponse<String> other = upload(name, contacts, false, BEARER, null);
            assertThat(other.statusCode()).as(name).isEqualTo(400);
            assertThat(error(other)).as(name).containsAnyOf(".csv", "missing");
        }
        // the OpenAPI document names the upload and the checked files' calls
        assertThat(http().get("/openapi.json", null, null).body()).contains("/api/uploads")
                .contains("/api/uploads/held/{file}/import");
        // nothing of a refused upload is left, not even in the staging folder
        assertThat(inboxFiles()).isEmpty();
        // and the connection of each refusal was left clean: the same client uploads at once
        HttpResponse<String> accepted = upload("contacts.csv", contacts, false, BEARER, null);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(awaitReport("contacts.csv").path("rowsRead").asLong()).isEqualTo(58);
    }

    @Test
    void uploadsTakeThePathOfADroppedFileAndTheSameContentAgainIsSkipped() throws Exception {
        HttpResponse<String> companies = upload("companies.csv", Files.readAllBytes(DATA.resolve("companies.csv")),
                false, BEARER, null);
        assertThat(companies.statusCode()).isEqualTo(202);
        JsonNode answer = JSON.readTree(companies.body());
        assertThat(answer.path("file").asText()).isEqualTo("companies.csv");
        assertThat(answer.path("status").asText()).isEqualTo("waiting");
        assertThat(answer.path("uploadedBy").asText()).isEqualTo("API");
        assertThat(answer.path("bytes").asLong()).isEqualTo(Files.size(DATA.resolve("companies.csv")));
        // a name is made safe as a dropped file's: the < > of this one become _
        String cookie = http().session(TOKEN);
        HttpResponse<String> contacts = upload("<b>contacts<b>.csv",
                Files.readAllBytes(DATA.resolve("contacts.csv")), false, null, cookie);
        assertThat(contacts.statusCode()).isEqualTo(202);
        String contactsName = JSON.readTree(contacts.body()).path("file").asText();
        assertThat(contactsName).isEqualTo("_b_contacts_b_.csv");

        // the figures of SampleDataImportTest, where the same files are dropped in the inbox
        JsonNode companiesReport = awaitReport("companies.csv");
        assertThat(companiesReport.path("rowsRead").asLong()).isEqualTo(48);
        assertThat(companiesReport.path("outcomes").path("created").asLong()).isEqualTo(46);
        assertThat(companiesReport.path("outcomes").path("rejected").asLong()).isEqualTo(2);
        JsonNode contactsReport = awaitReport(contactsName);
        assertThat(contactsReport.path("rowsRead").asLong()).isEqualTo(58);
        assertThat(contactsReport.path("outcomes").path("created").asLong()).isEqualTo(55);
        assertThat(contactsReport.path("outcomes").path("rejected").asLong()).isEqualTo(3);
        assertThat(sandbox().state().count(ObjectType.COMPANIES)).isEqualTo(46);
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(55);
        awaitInboxEmpty(Duration.ofSeconds(30));

        JsonNode runs = JSON.readTree(http().get("/api/runs", BEARER, null).body());
        assertThat(runs.path("total").asLong()).isEqualTo(2);
        assertThat(runs.path("runs").findValuesAsText("uploadedBy")).containsExactlyInAnyOrder("API", "console");

        // the same content again, under another name: skipped as already imported, as a dropped file would be
        HttpResponse<String> again = upload("contacts-again.csv", Files.readAllBytes(DATA.resolve("contacts.csv")),
                false, BEARER, null);
        assertThat(again.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox().resolve(".done"))
                && Files.list(inbox().resolve(".done")).anyMatch(p -> p.getFileName().toString()
                        .startsWith("contacts-again-")));
        assertThat(reports("contacts-again.csv")).isEmpty();
        assertThat(JSON.readTree(http().get("/api/runs", BEARER, null).body()).path("total").asLong()).isEqualTo(2);
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(55);
    }

    @Test
    void checkFirstIsADryRunThenTheConfirmedImportOrADiscard() throws Exception {
        String hostile = "<script>alert(1)</script>";
        HttpResponse<String> login = http().send(HttpRequest.newBuilder(http().uri("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN + "&name="
                        + URLEncoder.encode(hostile, StandardCharsets.UTF_8))), null, null);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> checked = upload("contacts.csv", Files.readAllBytes(DATA.resolve("contacts.csv")), true,
                null, cookie);
        assertThat(checked.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(checked.body()).path("status").asText()).isEqualTo("checking");
        assertThat(JSON.readTree(checked.body()).path("uploadedBy").asText()).isEqualTo(hostile);

        JsonNode dryRun = awaitReport("contacts.csv");
        assertThat(dryRun.path("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.path("outcomes").path("created").asLong()).isEqualTo(55);
        assertThat(dryRun.path("outcomes").path("rejected").asLong()).isEqualTo(3);
        JsonNode held = awaitHeld("contacts.csv");
        assertThat(held.path("run").path("dryRun").asBoolean()).isTrue();
        // its state in the words of the imports table, beside the ledger's status
        assertThat(held.path("run").path("state").asText()).isEqualTo("done");
        assertThat(held.path("run").path("uploadedBy").asText()).isEqualTo(hostile);
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isZero();
        assertThat(sandbox().state().requests()).noneMatch(ImportFlowTestSupport::isWrite);
        // the file waits for the user, not in the inbox
        assertThat(inboxFiles()).containsExactly(Path.of(".check", ".held", "contacts.csv").toString());

        // the run page shows who uploaded it, as text
        String runPage = http().get("/console/imports/" + held.path("run").path("id").asLong(), null, cookie).body();
        assertThat(runPage).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(hostile);

        HttpResponse<String> confirmed = http().send(HttpRequest.newBuilder(
                http().uri("/api/uploads/held/contacts.csv/import")).POST(HttpRequest.BodyPublishers.noBody()),
                BEARER, null);
        assertThat(confirmed.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(confirmed.body()).path("uploadedBy").asText()).isEqualTo("API");
        // the dry run did not make the real import a skip
        JsonNode real = awaitReport("contacts.csv", 2, Duration.ofSeconds(60));
        assertThat(real.path("dryRun").asBoolean()).isFalse();
        assertThat(real.path("outcomes").path("created").asLong()).isEqualTo(55);
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(55);
        JsonNode latest = JSON.readTree(http().get("/api/runs?limit=1", BEARER, null).body()).path("runs").get(0);
        assertThat(latest.path("dryRun").asBoolean()).isFalse();
        assertThat(latest.path("uploadedBy").asText()).isEqualTo("API");
        assertThat(JSON.readTree(http().get("/api/uploads/held", BEARER, null).body()).path("held")).isEmpty();

        // another file checked first, then discarded: deleted, never imported
        upload("companies.csv", Files.readAllBytes(DATA.resolve("companies.csv")), true, BEARER, null);
        awaitHeld("companies.csv");
        HttpRequest.Builder discard = HttpRequest.newBuilder(http().uri("/api/uploads/held/companies.csv")).DELETE();
        assertThat(http().send(discard, BEARER, null).statusCode()).isEqualTo(200);
        assertThat(http().send(discard, BEARER, null).statusCode()).isEqualTo(404);
        assertThat(http().send(HttpRequest.newBuilder(http().uri("/api/uploads/held/..%2Fx.csv/import"))
                .POST(HttpRequest.BodyPublishers.noBody()), BEARER, null).statusCode()).isEqualTo(404);
        assertThat(http().get("/api/uploads/held", null, null).statusCode()).isEqualTo(401);
        assertThat(sandbox().state().count(ObjectType.COMPANIES)).isZero();
        awaitInboxEmpty(Duration.ofSeconds(10));
        assertThat(inboxFiles()).noneMatch(f -> f.contains("companies") && !f.startsWith(".done"));
    }

    /** The held file {@code name} once its dry run has finished. */
    private JsonNode awaitHeld(String name) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode held = JSON.readTree(http().get("/api/uploads/held", BEARER, null).body()).path("held");
            for (JsonNode h : held) {
                if (h.path("file").asText().equals(name) && h.path("state").asText().equals("checked")
                        && h.path("run").path("status").asText().equals("COMPLETED")) {
                    found[0] = h;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
