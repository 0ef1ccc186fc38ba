package io.crmbridge.sandbox.brevo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.sandbox.SandboxFaults;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Brevo sandbox over real HTTP: Brevo's paths, status codes, error bodies, key check and limit headers. */
class BrevoSandboxTest {

    private static final String KEY = "xkeysib-sandbox-test";
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private BrevoSandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private BrevoSandbox start(BrevoSandboxConfig config) throws IOException {
        sandbox = BrevoSandbox.start(config);
        return sandbox;
    }

    private HttpResponse<String> call(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("api-key", key);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a list in the folder and answers its id. */
    private long list(String name, long folder) throws Exception {
        return json(call("POST", "/v3/contacts/lists", "{\"name\":\"" + name + "\",\"folderId\":" + folder + "}",
                KEY)).path("id").asLong();
    }

    private JsonNode json(HttpResponse<String> r) throws IOException {
        return mapper.readTree(r.body());
    }

    @Test
    void aMissingOrWrongKeyIsAnswered401WithBrevosErrorBody() throws Exception {
        start(BrevoSandboxConfig.defaults(KEY));

        for (String key : new String[] {null, "xkeysib-other"}) {
            HttpResponse<String> r = call("GET", "/v3/contacts/lists", null, key);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json(r).path("code").asText()).isEqualTo("unauthorized");
            assertThat(json(r).path("message").asText()).isNotBlank();
        }
        assertThat(call("GET", "/v3/contacts/lists", null, KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void importsContactsIntoAListCreatedInAFolder() throws Exception {
        start(BrevoSandboxConfig.defaults(KEY));
        long folder = json(call("POST", "/v3/contacts/folders", "{\"name\":\"crm-bridge\"}", KEY)).path("id").asLong();
        HttpResponse<String> created = call("POST", "/v3/contacts/lists", "{\"name\":\"rfm-loyal\",\"folderId\":" + folder + "}", KEY);
        assertThat(created.statusCode()).isEqualTo(201);
        long list = json(created).path("id").asLong();

        HttpResponse<String> imported = call("POST", "/v3/contacts/import", "{\"listIds\":[" + list + "],"
                + "\"updateExistingContacts\":true,\"jsonBody\":[{\"email\":\"Ann@Example.org\","
                + "\"attributes\":{\"FIRSTNAME\":\"Ann\",\"UNKNOWN_ATTR\":\"x\"}}]}", KEY);

        assertThat(imported.statusCode()).isEqualTo(202);
        long process = json(imported).path("processId").asLong();
        assertThat(json(call("GET", "/v3/processes/" + process, null, KEY)).path("status").asText()).isEqualTo("completed");
        JsonNode members = json(call("GET", "/v3/contacts/lists/" + list + "/contacts", null, KEY));
        assertThat(members.path("count").asInt()).isEqualTo(1);
        JsonNode ann = members.path("contacts").get(0);
        assertThat(ann.path("email").asText()).isEqualTo("ann@example.org");
        assertThat(ann.path("attributes").path("FIRSTNAME").asText()).isEqualTo("Ann");
        // Brevo ignores attributes the account does not define
        assertThat(ann.path("attributes").has("UNKNOWN_ATTR")).isFalse();
        assertThat(ann.path("listIds").get(0).asLong()).isEqualTo(list);
        JsonNode lists = json(call("GET", "/v3/contacts/lists?limit=50&offset=0", null, KEY));
        assertThat(lists.path("count").asInt()).isEqualTo(1);
        assertThat(lists.path("lists").get(0).path("name").asText()).isEqualTo("rfm-loyal");
    }

    @Test
    void refusesBadRequestsWithBrevoCodes() throws Exception {
        start(BrevoSandboxConfig.defaults(KEY));
        long folder = json(call("POST", "/v3/contacts/folders", "{\"name\":\"f\"}", KEY)).path("id").asLong();
        long list = json(call("POST", "/v3/contacts/lists", "{\"name\":\"l\",\"folderId\":" + folder + "}", KEY)).path("id").asLong();

        HttpResponse<String> badEmail = call("POST", "/v3/contacts/import", "{\"listIds\":[" + list + "],"
                + "\"jsonBody\":[{\"email\":\"ok@example.org\"},{\"email\":\"nope\"}]}", KEY);
        HttpResponse<String> noList = call("POST", "/v3/contacts/import", "{\"listIds\":[999],"
                + "\"jsonBody\":[{\"email\":\"ok@example.org\"}]}", KEY);
        HttpResponse<String> pageTooBig = call("GET", "/v3/contacts/lists?limit=51", null, KEY);
        HttpResponse<String> noFolder = call("POST", "/v3/contacts/lists", "{\"name\":\"x\"}", KEY);
        HttpResponse<String> unknownContact = call("GET", "/v3/contacts/who@example.org", null, KEY);

        assertThat(badEmail.statusCode()).isEqualTo(400);
        assertThat(json(badEmail).path("code").asText()).isEqualTo("invalid_parameter");
        assertThat(json(badEmail).path("message").asText()).contains("jsonBody[1]");
        assertThat(sandbox.account().contacts()).isEmpty();
        assertThat(noList.statusCode()).isEqualTo(404);
        assertThat(json(noList).path("code").asText()).isEqualTo("document_not_found");
        assertThat(pageTooBig.statusCode()).isEqualTo(400);
        assertThat(json(pageTooBig).path("code").asText()).isEqualTo("out_of_range");
        assertThat(json(noFolder).path("code").asText()).isEqualTo("missing_parameter");
        assertThat(unknownContact.statusCode()).isEqualTo(404);
    }

    @Test
    void sendsRateLimitHeadersAndAnswers429WhenTheSecondIsSpent() throws Exception {
        start(new BrevoSandboxConfig("127.0.0.1", 0, KEY, 3, null));
        // a refused key spends no budget: this call only opens the connection before the timed ones
        assertThat(call("GET", "/v3/contacts/attributes", null, "xkeysib-other").statusCode()).isEqualTo(401);

        int[] statuses = new int[4];
        HttpResponse<String> first = null;
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = call("GET", "/v3/contacts/attributes", null, KEY);
            statuses[i] = r.statusCode();
            first = first == null ? r : first;
        }

        assertThat(first.headers().firstValue("x-sib-ratelimit-limit")).hasValue("3");
        assertThat(first.headers().firstValue("x-sib-ratelimit-remaining")).hasValue("2");
        assertThat(first.headers().firstValue("x-sib-ratelimit-reset")).hasValue("1");
        // four calls well inside one second: the fourth is over the budget of three
        assertThat(statuses).containsExactly(200, 200, 200, 429);
    }

    @Test
    void injectsTheConfiguredFaultsBeforeHandlingTheCall() throws Exception {
        start(BrevoSandboxConfig.defaults(KEY).withFaults(SandboxFaults.none().withServerErrorRate(1.0)));

        HttpResponse<String> r = call("POST", "/v3/contacts/folders", "{\"name\":\"f\"}", KEY);

        assertThat(r.statusCode()).isIn(500, 502, 503, 504);
        assertThat(json(r).has("code")).isTrue();
        // answered before handling: the folder was not created
        assertThat(sandbox.account().folders()).isEmpty();
    }

    @Test
    void templatesAreCreatedUpdatedAndListedAsBrevoAnswersThem() throws Exception {
        start(BrevoSandboxConfig.defaults(KEY));
        HttpResponse<String> missing = call("POST", "/v3/smtp/templates", "{\"templateName\":\"t\",\"subject\":\"s\","
                + "\"htmlContent\":\"<p>assez long</p>\"}", KEY);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("code").asText()).isEqualTo("missing_parameter");
        assertThat(call("POST", "/v3/smtp/templates", "{\"templateName\":\"t\",\"subject\":\"s\","
                + "\"sender\":{\"email\":\"a@example.com\"},\"htmlContent\":\"<p>\"}", KEY).statusCode()).isEqualTo(400);

        HttpResponse<String> created = call("POST", "/v3/smtp/templates", "{\"templateName\":\"t\",\"subject\":\"s\","
                + "\"sender\":{\"email\":\"a@example.com\"},\"htmlContent\":\"<p>Bonjour {{ contact.FIRSTNAME }}</p>\"}",
                KEY);
        assertThat(created.statusCode()).isEqualTo(201);
        long id = json(created).path("id").asLong();
        assertThat(call("PUT", "/v3/smtp/templates/" + id, "{\"subject\":\"Nouveau\",\"isActive\":true}", KEY)
                .statusCode()).isEqualTo(204);
        assertThat(call("PUT", "/v3/smtp/templates/999", "{\"subject\":\"x\"}", KEY).statusCode()).isEqualTo(404);

        JsonNode page = json(call("GET", "/v3/smtp/templates?limit=10&offset=0", null, KEY));
        assertThat(page.path("count").asInt()).isEqualTo(1);
        assertThat(page.path("templates").get(0).path("subject").asText()).isEqualTo("Nouveau");
        assertThat(page.path("templates").get(0).path("isActive").asBoolean()).isTrue();
    }

    @Test
    void aCampaignRecordsWhatEachRecipientWouldReceiveLessExcludedAndBlacklistedContacts() throws Exception {
        start(new BrevoSandboxConfig("127.0.0.1", 0, KEY, 0, null));
        long folder = json(call("POST", "/v3/contacts/folders", "{\"name\":\"f\"}", KEY)).path("id").asLong();
        long list = list("rfm-loyal", folder);
        long excluded = list("out", folder);
        call("POST", "/v3/contacts/import", "{\"listIds\":[" + list + "],\"jsonBody\":[{\"email\":\"ann@example.org\","
                + "\"attributes\":{\"FIRSTNAME\":\"Ann\"}},{\"email\":\"bob@example.org\"},{\"email\":\"eve@example.org\"}]}",
                KEY);
        call("POST", "/v3/contacts/import", "{\"listIds\":[" + excluded + "],\"jsonBody\":[{\"email\":\"bob@example.org\"}]}",
                KEY);
        sandbox.account().blacklist("eve@example.org");
        long template = json(call("POST", "/v3/smtp/templates", "{\"templateName\":\"t\",\"subject\":\"Pour {{contact.FIRSTNAME}}\","
                + "\"sender\":{\"email\":\"a@example.com\"},\"htmlContent\":\"<p>Bonjour {{ contact.FIRSTNAME }}</p>\"}",
                KEY)).path("id").asLong();
        String campaign = "{\"name\":\"c\",\"sender\":{\"email\":\"a@example.com\"},\"templateId\":" + template
                + ",\"recipients\":{\"listIds\":[" + list + "],\"exclusionListIds\":[" + excluded + "]},"
                + "\"scheduledAt\":\"2026-12-01T10:00:00.000+01:00\"}";
        sandbox.account().failNext("POST", "/v3/emailCampaigns", 503, 1);
        // before its scheduledAt: the campaign is still queued
        sandbox.account().setClock(Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC));

        HttpResponse<String> refused = call("POST", "/v3/emailCampaigns", campaign, KEY);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(sandbox.account().campaigns()).isEmpty();
        HttpResponse<String> created = call("POST", "/v3/emailCampaigns", campaign, KEY);

        assertThat(created.statusCode()).isEqualTo(201);
        BrevoCampaign c = sandbox.account().campaigns().get(0);
        assertThat(c.id()).isEqualTo(json(created).path("id").asLong());
        assertThat(c.status()).isEqualTo("queued");
        assertThat(c.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.email()).isEqualTo("ann@example.org");
            assertThat(d.subject()).isEqualTo("Pour Ann");
            assertThat(d.html()).isEqualTo("<p>Bonjour Ann</p>");
        });
        JsonNode listed = json(call("GET", "/v3/emailCampaigns?limit=10", null, KEY));
        assertThat(listed.path("campaigns").get(0).path("name").asText()).isEqualTo("c");
        assertThat(json(call("GET", "/v3/contacts/eve@example.org", null, KEY)).path("emailBlacklisted").asBoolean())
                .isTrue();
        HttpResponse<String> noList = call("POST", "/v3/emailCampaigns", "{\"name\":\"d\",\"sender\":{\"email\":"
                + "\"a@example.com\"},\"templateId\":" + template + ",\"scheduledAt\":\"2026-12-01T10:00:00.000+01:00\"}", KEY);
        assertThat(noList.statusCode()).isEqualTo(400);
        assertThat(json(noList).path("code").asText()).isEqualTo("missing_parameter");
    }

    @Test
    void aScheduledCampaignIsReadBackQueuedThenSentOnceTheSandboxClockPassesItsScheduledAt() throws Exception {
        start(new BrevoSandboxConfig("127.0.0.1", 0, KEY, 0, null));
        long folder = json(call("POST", "/v3/contacts/folders", "{\"name\":\"f\"}", KEY)).path("id").asLong();
        long list = list("rfm-loyal", folder);
        call("POST", "/v3/contacts/import", "{\"listIds\":[" + list + "],\"jsonBody\":[{\"email\":\"ann@example.org\"},"
                + "{\"email\":\"bob@example.org\"}]}", KEY);
        String scheduled = "{\"name\":\"%s\",\"sender\":{\"email\":\"a@example.com\"},\"subject\":\"s\","
                + "\"htmlContent\":\"<p>Bonjour à tous</p>\",\"recipients\":{\"listIds\":[" + list + "]},"
                + "\"scheduledAt\":\"2026-12-01T10:00:00.000+01:00\"}";
        long sent = json(call("POST", "/v3/emailCampaigns", String.format(scheduled, "a"), KEY)).path("id").asLong();
        long held = json(call("POST", "/v3/emailCampaigns", String.format(scheduled, "b"), KEY)).path("id").asLong();
        sandbox.account().setClock(Clock.fixed(Instant.parse("2026-12-01T08:59:59Z"), ZoneOffset.UTC));

        JsonNode before = json(call("GET", "/v3/emailCampaigns/" + sent, null, KEY));
        assertThat(before.path("status").asText()).isEqualTo("queued");
        assertThat(before.has("sentDate")).isFalse();

        sandbox.account().setClock(Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC));
        assertThat(sandbox.account().suspend(held)).isTrue();
        HttpResponse<String> after = call("GET", "/v3/emailCampaigns/" + sent + "?excludeHtmlContent=true", null, KEY);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(json(after).path("status").asText()).isEqualTo("sent");
        assertThat(json(after).path("sentDate").asText()).isEqualTo("2026-12-01T10:00:00.000+01:00");
        assertThat(json(after).path("statistics").path("globalStats").path("sent").asInt()).isEqualTo(2);
        assertThat(json(call("GET", "/v3/emailCampaigns/" + held, null, KEY)).path("status").asText())
                .isEqualTo("suspended");

        HttpResponse<String> unknown = call("GET", "/v3/emailCampaigns/9999", null, KEY);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("code").asText()).isEqualTo("document_not_found");
        assertThat(json(unknown).path("message").asText()).isNotBlank();
        assertThat(call("GET", "/v3/emailCampaigns/abc", null, KEY).statusCode()).isEqualTo(400);

        sandbox.account().failNext("GET", "/v3/emailCampaigns/" + sent, 503, 1);
        HttpResponse<String> failed = call("GET", "/v3/emailCampaigns/" + sent, null, KEY);
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(json(failed).path("code").asText()).isEqualTo("internal_error");
        assertThat(call("GET", "/v3/emailCampaigns/" + sent, null, KEY).statusCode()).isEqualTo(200);
    }
}
