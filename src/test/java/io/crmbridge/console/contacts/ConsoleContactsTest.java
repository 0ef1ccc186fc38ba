package io.crmbridge.console.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.console.ConsoleHttp;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.sync.ContactStore;
import io.crmbridge.sync.SyncedContact;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The console's Contacts page and the contact sync's API calls it adds (routes/console-contacts.yaml,
 * docs/console.md "Contacts") on the real application against the sandbox, over HTTP as a browser or a script calls
 * them: data/contacts.csv and a contact with HTML in its name imported into the sandbox, a full sync started with the
 * page's "Sync now" form, then the table, the segment filter and the search checked against the contact store, the
 * paging bounds, the logins, the hostile name shown as text and an incremental run listed after the full one.
 */
class ConsoleContactsTest extends ImportFlowTestSupport {

    private static final String TOKEN = "contacts-token-8d3e5a17";
    private static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>";
    private static final String HOSTILE_COMPANY = "<script>alert('x')</script> Ltd";
    private static final Pattern ROW = Pattern.compile("<tr data-contact=\"([^\"]+)\">");
    private static final Pattern RUN = Pattern.compile("<tr data-run=\"(\\d+)\" data-status=\"(\\w+)\" data-mode=\"(\\w+)\">");

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.api.token", TOKEN);
        // a segment that holds some of data/contacts.csv and not all: the filter must pick exactly those
        p.setProperty("crm-bridge.sync.segments.chainge.company-word", "redwood");
        return p;
    }

    @Test
    void aFullSyncFromThePageListsTheStoresContactsFiltersSearchesAndShowsPortalValuesAsText() throws Exception {
        ConsoleHttp http = new ConsoleHttp(applicationPort());
        String cookie = http.session(TOKEN);
        String empty = http.get("/console/contacts", null, cookie).body();
        assertThat(empty).contains("id=\"no-contacts\"").contains("Sync now").contains("No sync has run yet");

        drop(Path.of("data", "contacts.csv"), "contacts.csv");
        JsonNode report = awaitReport("contacts.csv");
        drop("hostile-contact.csv", ("First Name,Last Name,Email,Company\n\"" + HOSTILE_NAME + "\",Tester,"
                + "hostile.tester@example.org,\"" + HOSTILE_COMPANY + "\"\n").getBytes(StandardCharsets.UTF_8));
        assertThat(awaitReport("hostile-contact.csv").path("outcomes").path("created").asLong()).isEqualTo(1);
        long imported = report.path("outcomes").path("created").asLong() + 1;

        HttpResponse<String> started = syncNow(http, cookie, "full", "?segment=chainge");
        assertThat(started.statusCode()).isEqualTo(303);
        assertThat(started.headers().firstValue("Location")).hasValue("/console/contacts?segment=chainge");
        JsonNode full = awaitRunDone(http, cookie);
        assertThat(full.path("mode").asText()).isEqualTo("FULL");
        assertThat(full.path("status").asText()).isEqualTo("COMPLETED");

        List<SyncedContact> stored = store().contacts().stream().filter(c -> !c.isArchived()).toList();
        assertThat(stored).hasSize((int) imported);
        String page = http.get("/console/contacts", null, cookie).body();
        assertThat(page).contains("data-total=\"" + stored.size() + "\"").doesNotContain("id=\"no-contacts\"")
                .doesNotContain("hx-trigger=\"every 2s\"");
        assertThat(rows(page)).hasSize(Math.min(stored.size(), ContactsPages.PAGE_SIZE));
        Matcher run = RUN.matcher(page);
        assertThat(run.find()).isTrue();
        assertThat(run.group(2)).isEqualTo("COMPLETED");
        assertThat(run.group(3)).isEqualTo("FULL");

        // the segment filter lists exactly the store's members of the segment, and its count says how many
        Set<String> redwood = stored.stream().filter(c -> Arrays.asList(c.getSegments().split(",")).contains("chainge"))
                .map(SyncedContact::getHubspotId).collect(Collectors.toSet());
        assertThat(redwood).isNotEmpty().hasSizeLessThan(stored.size());
        String chainge = http.get("/console/contacts?segment=chainge", null, cookie).body();
        assertThat(new HashSet<>(rows(chainge))).isEqualTo(redwood);
        assertThat(chainge).contains("data-segment=\"chainge\" class=\"selected\" aria-current=\"true\">chainge <span class=\"num\">"
                + redwood.size() + "</span>");
        JsonNode segments = JSON.readTree(http.get("/api/integrations/hubspot/segments", null, cookie).body());
        assertThat(segments.path("segments").get(0).path("name").asText()).isEqualTo("chainge");
        assertThat(segments.path("segments").get(0).path("contacts").asLong()).isEqualTo(redwood.size());
        assertThat(segments.path("segments").get(0).path("rule").asText()).contains("redwood");
        assertThat(segments.path("total").asLong()).isEqualTo(stored.size());

        // search in e-mail, full name and company, server-side; nothing for a nonsense term
        SyncedContact emily = stored.stream().filter(c -> "emily.carter@redwoodanalytics.com".equals(c.getEmail()))
                .findFirst().orElseThrow();
        for (String q : List.of("emily.carter@", "Emily%20Carter", "EMILY")) {
            assertThat(rows(http.get("/console/contacts?q=" + q, null, cookie).body())).as(q)
                    .contains(emily.getHubspotId());
        }
        assertThat(rows(http.get("/console/contacts?q=Emily%20Carter", null, cookie).body())).hasSize(1);
        String nothing = http.get("/console/contacts?q=zqxv-no-such-contact", null, cookie).body();
        assertThat(rows(nothing)).isEmpty();
        assertThat(nothing).contains("id=\"no-match\"").contains("zqxv-no-such-contact");
        // a search for '%' matches only values holding a '%', not every contact
        assertThat(rows(http.get("/console/contacts?q=%25", null, cookie).body())).isEmpty();
        // sorted by e-mail, descending: the page's rows in that order
        String byEmail = http.get("/console/contacts?sort=email&order=desc", null, cookie).body();
        List<String> expected = stored.stream().sorted((a, b) -> b.getEmail().toLowerCase().compareTo(a.getEmail().toLowerCase()))
                .map(SyncedContact::getHubspotId).limit(ContactsPages.PAGE_SIZE).toList();
        assertThat(rows(byEmail)).isEqualTo(expected);

        // the contact with HTML in its name and company: text on the table and on its page
        SyncedContact hostile = stored.stream().filter(c -> "hostile.tester@example.org".equals(c.getEmail()))
                .findFirst().orElseThrow();
        assertThat(hostile.getFirstname()).isEqualTo(HOSTILE_NAME);
        String found = http.get("/console/contacts?q=hostile", null, cookie).body();
        assertThat(rows(found)).containsExactly(hostile.getHubspotId());
        assertThat(found).doesNotContain("<img src").doesNotContain("<script>alert")
                .contains("&lt;img src&#61;x onerror&#61;alert(1)&gt;");
        HttpResponse<String> contactPage = http.get("/console/contacts/" + hostile.getHubspotId(), null, cookie);
        assertThat(contactPage.statusCode()).isEqualTo(200);
        assertThat(contactPage.body()).doesNotContain("<img src").doesNotContain("<script>alert")
                .contains("&lt;script&gt;alert(").contains("hostile.tester@example.org").contains("lastmodifieddate");
        String emilyPage = http.get("/console/contacts/" + emily.getHubspotId(), null, cookie).body();
        assertThat(emilyPage).contains("id=\"contact-segments\"").contains(">chainge</a>").contains("redwood");
        assertThat(http.get("/console/contacts/no-such-id", null, cookie).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/integrations/hubspot/contacts/no-such-id", "Bearer " + TOKEN, null).statusCode())
                .isEqualTo(404);
        JsonNode apiContact = JSON.readTree(http.get("/api/integrations/hubspot/contacts/" + hostile.getHubspotId(),
                "Bearer " + TOKEN, null).body());
        assertThat(apiContact.path("firstname").asText()).isEqualTo(HOSTILE_NAME);
        assertThat(apiContact.path("archived").asBoolean()).isFalse();

        // an incremental sync from the page, listed after (above) the full one
        assertThat(syncNow(http, cookie, "incremental", "").statusCode()).isEqualTo(303);
        JsonNode incremental = awaitRunDone(http, cookie);
        assertThat(incremental.path("mode").asText()).isEqualTo("INCREMENTAL");
        assertThat(incremental.path("run_id").asLong()).isGreaterThan(full.path("run_id").asLong());
        Matcher runs = RUN.matcher(http.get("/console/contacts", null, cookie).body());
        List<String> listed = new ArrayList<>();
        while (runs.find()) {
            listed.add(runs.group(1) + " " + runs.group(3) + " " + runs.group(2));
        }
        assertThat(listed).containsExactly(incremental.path("run_id").asText() + " INCREMENTAL COMPLETED",
                full.path("run_id").asText() + " FULL COMPLETED");
    }

    @Test
    void pagesNeedASessionTheApiATokenAndBadPagingIsRefused() throws Exception {
        ConsoleHttp http = new ConsoleHttp(applicationPort());
        for (String path : List.of("/console/contacts", "/console/contacts/1", "/console/contacts?segment=cold")) {
            HttpResponse<String> r = http.get(path, null, "crm_bridge_console=forged");
            assertThat(r.statusCode()).as(path).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).hasValue("/console/login");
        }
        HttpResponse<String> anonymousSync = syncNow(http, null, "full", "");
        assertThat(anonymousSync.statusCode()).isEqualTo(303);
        assertThat(anonymousSync.headers().firstValue("Location")).hasValue("/console/login");
        for (String path : List.of("/api/integrations/hubspot/segments", "/api/integrations/hubspot/sync/runs",
                "/api/integrations/hubspot/contacts/1", "/api/integrations/hubspot/contacts")) {
            for (String authorization : new String[] {null, "Bearer wrong", "Bearer " + TOKEN + "x"}) {
                HttpResponse<String> r = http.get(path, authorization, null);
                assertThat(r.statusCode()).as("%s with %s", path, authorization).isEqualTo(401);
                assertThat(r.body()).doesNotContain(TOKEN);
            }
        }
        // the refused sync started nothing
        assertThat(JSON.readTree(http.get("/api/integrations/hubspot/sync/runs", "Bearer " + TOKEN, null).body())
                .path("total").asLong()).isZero();

        String cookie = http.session(TOKEN);
        for (String path : List.of("/api/integrations/hubspot/sync/runs", "/api/integrations/hubspot/contacts",
                "/api/integrations/hubspot/segments")) {
            assertThat(http.get(path, null, cookie).statusCode()).as(path).isEqualTo(200);
            assertThat(http.get(path, null, "crm_bridge_console=forged").statusCode()).as(path).isEqualTo(401);
        }
        for (String query : List.of("page=0", "page=-1", "page=abc", "segment=vip", "sort=phone", "order=up",
                "q=" + "x".repeat(201))) {
            HttpResponse<String> r = http.get("/console/contacts?" + query, null, cookie);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
        }
        for (String query : List.of("limit=0", "limit=201", "limit=abc", "offset=-1")) {
            HttpResponse<String> r = http.get("/api/integrations/hubspot/sync/runs?" + query, "Bearer " + TOKEN, null);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("error").asText()).as(query).containsAnyOf("limit", "offset");
        }
        for (String query : List.of("sort=phone", "order=up", "limit=1001")) {
            HttpResponse<String> r = http.get("/api/integrations/hubspot/contacts?" + query, "Bearer " + TOKEN, null);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
        }
        assertThat(syncNow(http, cookie, "sideways", "").statusCode()).isEqualTo(400);
        String document = http.get("/openapi.json", null, null).body();
        assertThat(document).contains("/api/integrations/hubspot/sync/runs").contains("/api/integrations/hubspot/segments")
                .contains("/api/integrations/hubspot/contacts/{id}").contains("\"q\"");
    }

    @Test
    void theSyncRunsArePagedTenAPageNewestFirstAndTheirLinksKeepTheTablesFilter() throws Exception {
        ConsoleHttp http = new ConsoleHttp(applicationPort());
        String cookie = http.session(TOKEN);
        for (int n = 0; n < 12; n++) {
            HttpResponse<String> run = http.send(HttpRequest.newBuilder(http.uri(
                    "/api/integrations/hubspot/sync?mode=incremental")).POST(HttpRequest.BodyPublishers.noBody()),
                    "Bearer " + TOKEN, null);
            assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        }
        List<String> ids = new ArrayList<>();
        JSON.readTree(http.get("/api/integrations/hubspot/sync/runs?limit=20", "Bearer " + TOKEN, null).body())
                .path("runs").forEach(r -> ids.add(r.path("run_id").asText()));
        assertThat(ids).hasSize(12);

        String first = http.get("/console/contacts", null, cookie).body();
        assertThat(runIds(first)).isEqualTo(ids.subList(0, 10));
        assertThat(first).contains("id=\"sync-runs-count\">Runs 1 to 10 of 12.<")
                .contains("<a rel=\"next\" href=\"/console/contacts?runs&#61;2#sync\">Older runs")
                .doesNotContain("Newer runs");
        String second = http.get("/console/contacts?q=nobody&runs=2", null, cookie).body();
        assertThat(runIds(second)).isEqualTo(ids.subList(10, 12));
        assertThat(second).contains("Runs 11 to 12 of 12.")
                .contains("<a rel=\"prev\" href=\"/console/contacts?q&#61;nobody#sync\">&larr; Newer runs")
                .doesNotContain("Older runs")
                // the contacts' own links and search keep the runs' page; a sync started goes back to the newest runs
                .contains("href=\"/console/contacts?q&#61;nobody&amp;runs&#61;2\"")
                .contains("<input type=\"hidden\" name=\"runs\" value=\"2\">")
                .contains("action=\"/console/contacts/sync?q&#61;nobody\"");
        assertThat(http.get("/console/contacts?runs=0", null, cookie).statusCode()).isEqualTo(400);
        assertThat(runIds(http.get("/console/contacts?runs=3", null, cookie).body())).isEmpty();
    }

    private static List<String> runIds(String page) {
        return firstGroups(RUN, page);
    }

    private HttpResponse<String> syncNow(ConsoleHttp http, String cookie, String mode, String query) throws Exception {
        return http.send(HttpRequest.newBuilder(http.uri("/console/contacts/sync" + query))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("mode=" + mode)), null, cookie);
    }

    /** Waits for the newest sync run to be over, read from the runs API with the session, and returns it. */
    private JsonNode awaitRunDone(ConsoleHttp http, String cookie) throws Exception {
        JsonNode[] newest = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode runs = JSON.readTree(http.get("/api/integrations/hubspot/sync/runs", null, cookie).body());
            newest[0] = runs.path("runs").get(0);
            return !runs.path("running").asBoolean() && newest[0] != null
                    && !"RUNNING".equals(newest[0].path("status").asText());
        });
        return newest[0];
    }

    private ContactStore store() {
        return context.getRegistry().lookupByNameAndType("contactStore", ContactStore.class);
    }

    private static List<String> rows(String page) {
        return firstGroups(ROW, page);
    }

    /** The first group of every match of {@code pattern} in {@code page}, in order. */
    private static List<String> firstGroups(Pattern pattern, String page) {
        List<String> ids = new ArrayList<>();
        Matcher m = pattern.matcher(page);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
