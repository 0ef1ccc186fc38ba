package io.crmbridge.console.links;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.console.ConsoleHttp;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.ledger.PendingLink;
import io.crmbridge.model.Link;
import io.crmbridge.model.ObjectType;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The Links page and {@code /api/links} (routes/console-links.yaml, docs/console.md "Links that wait") on the real
 * application against the sandbox: after a contacts file whose companies no file brought, the groups and counts the
 * API gives are the ledger's pending links; paging bounds, the token, dropping links into a CSV, and a later
 * companies file that makes the links left but not the dropped ones; a key holding HTML shown as text.
 */
class ConsoleLinksTest extends ImportFlowTestSupport {

    private static final String TOKEN = "links-token-6c02e9a1";
    private static final String BEARER = "Bearer " + TOKEN;
    private static final String KIND = "contacts-companies-279";
    private static final String ACME = "name:acme widgets";
    private static final String BOLT = "name:bolt supplies";
    private static final String HOSTILE = "name:<script>alert(1)</script> ltd";
    /** Six contacts: three of Acme Widgets, two of Bolt Supplies, one of a company named with HTML. */
    private static final String CONTACTS = """
            First Name,Last Name,Email,Company
            Ada,One,a1@acme-widgets.example.org,Acme Widgets
            Ben,Two,a2@acme-widgets.example.org,Acme Widgets
            Cy,Three,a3@acme-widgets.example.org,Acme Widgets
            Dee,Four,b1@bolt-supplies.example.org,Bolt Supplies
            Eve,Five,b2@bolt-supplies.example.org,Bolt Supplies
            Fay,Six,h1@hostile.example.org,<script>alert(1)</script> Ltd
            """;
    private static final String COMPANIES = """
            Name,Website
            Acme Widgets,https://acme-widgets.example.org
            Bolt Supplies,https://bolt-supplies.example.org
            """;

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.api.token", TOKEN);
        return p;
    }

    @Test
    void groupsAndCountsAreTheLedgersPendingLinksWithinPagingBoundsAndBehindTheToken() throws Exception {
        JsonNode empty = json(get("/api/links", BEARER, null));
        assertThat(empty.path("pending").asLong()).isZero();
        assertThat(empty.path("targets")).isEmpty();
        String cookie = http().session(TOKEN);
        assertThat(get("/console/links", null, cookie).body()).contains("No link is waiting");

        JsonNode report = importContacts();
        long pending = report.path("associations").path("pending").asLong();
        assertThat(pending).isEqualTo(ledger().pendingCount()).isEqualTo(6);

        JsonNode list = json(get("/api/links?limit=500", BEARER, null));
        assertThat(list.path("pending").asLong()).isEqualTo(pending);
        Map<String, Set<String>> ledgerGroups = ledgerGroups();
        Map<String, Set<String>> apiGroups = new HashMap<>();
        long sum = 0;
        for (JsonNode t : list.path("targets")) {
            String group = t.path("kind").asText() + " " + t.path("target").asText();
            apiGroups.put(group, new HashSet<>());
            sum += t.path("links").asLong();
            assertThat(t.path("links").asLong()).as(group).isEqualTo(ledgerGroups.get(group).size());
            t.path("examples").forEach(e -> assertThat(ledgerGroups.get(group)).as(group).contains(e.asText()));
            assertThat(t.path("oldest").asText()).isNotEmpty();
            // one target's links: exactly the ledger's sources of that target
            JsonNode links = json(get("/api/links/target?kind=" + t.path("kind").asText() + "&target="
                    + URLEncoder.encode(t.path("target").asText(), StandardCharsets.UTF_8), BEARER, null));
            links.path("links").forEach(l -> apiGroups.get(group).add(l.path("source").asText()));
            assertThat(links.path("total").asLong()).isEqualTo(t.path("links").asLong());
        }
        assertThat(apiGroups).isEqualTo(ledgerGroups);
        assertThat(sum).isEqualTo(pending);
        assertThat(list.path("total").asLong()).isEqualTo(ledgerGroups.size());
        // most links first: Acme's three, then Bolt's two
        assertThat(list.path("targets").get(0).path("target").asText()).isEqualTo(ACME);
        assertThat(list.path("targets").get(1).path("target").asText()).isEqualTo(BOLT);
        JsonNode kind = list.path("kinds").get(0);
        assertThat(kind.path("kind").asText()).isEqualTo(KIND);
        assertThat(kind.path("links").asLong()).isEqualTo(pending);
        assertThat(kind.path("targets").asLong()).isEqualTo(ledgerGroups.size());

        // paging: one target a page, the second is Bolt; by target, the HTML key sorts after the names a..b
        JsonNode second = json(get("/api/links?limit=1&offset=1", BEARER, null));
        assertThat(second.path("targets")).hasSize(1);
        assertThat(second.path("targets").get(0).path("target").asText()).isEqualTo(BOLT);
        JsonNode byTarget = json(get("/api/links?sort=target&kind=" + KIND, BEARER, null));
        List<String> keys = new ArrayList<>();
        byTarget.path("targets").forEach(t -> keys.add(t.path("target").asText()));
        assertThat(keys).isSorted().hasSize(ledgerGroups.size());
        for (String query : List.of("limit=0", "limit=501", "limit=x", "offset=-1", "offset=y", "sort=size",
                "kind=contacts-widgets-279", "kind=contacts")) {
            HttpResponse<String> r = get("/api/links?" + query, BEARER, null);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(json(r).path("error").asText()).as(query).isNotBlank();
        }
        assertThat(get("/api/links/target?kind=" + KIND + "&target=name%3Anobody", BEARER, null).statusCode())
                .isEqualTo(404);
        assertThat(get("/api/links/target?kind=" + KIND, BEARER, null).statusCode()).isEqualTo(400);
        assertThat(get("/api/links/target?kind=" + KIND + "&target=" + enc(ACME) + "&limit=501", BEARER, null)
                .statusCode()).isEqualTo(400);

        for (String authorization : new String[] {null, "Bearer wrong"}) {
            for (String path : List.of("/api/links", "/api/links/target?kind=" + KIND + "&target=" + enc(ACME),
                    "/api/links/dropped", "/api/links/dropped/x.csv")) {
                HttpResponse<String> r = get(path, authorization, null);
                assertThat(r.statusCode()).as(path).isEqualTo(401);
                assertThat(r.body()).doesNotContain(TOKEN);
            }
            assertThat(postJson("{\"kinds\": [\"" + KIND + "\"]}", authorization).statusCode()).isEqualTo(401);
        }
        assertThat(ledger().pendingCount()).as("a refused drop drops nothing").isEqualTo(pending);
        assertThat(get("/api/links", null, cookie).statusCode()).isEqualTo(200);
        assertThat(get("/console/links", null, null).statusCode()).isEqualTo(303);
        assertThat(get("/openapi.json", null, null).body()).contains("/api/links").contains("/api/links/target")
                .contains("/api/links/drop").contains("/api/links/dropped/{file}");

        // the page: counts aligned right, the HTML in a key shown as text
        String page = get("/console/links", null, cookie).body();
        assertThat(page).contains("id=\"links-pending\">" + pending + "<").contains("class=\"num links\">3<")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; ltd").doesNotContain("<script>alert(1)");
        String target = get("/console/links/target?kind=" + KIND + "&target=" + enc(HOSTILE), null, cookie).body();
        assertThat(target).contains("h1@hostile.example.org").doesNotContain("<script>alert(1)");
    }

    @Test
    void aDropWritesExactlyTheDroppedLinksToACsvAndALaterCompaniesFileMakesOnlyTheOthers() throws Exception {
        long pending = importContacts().path("associations").path("pending").asLong();
        Map<String, Set<String>> before = ledgerGroups();

        for (String body : List.of("{}", "{\"targets\": []}", "not json", "[1]",
                "{\"targets\": [{\"kind\": \"contacts-widgets-279\", \"target\": \"" + ACME + "\"}]}",
                "{\"targets\": [{\"kind\": \"" + KIND + "\"}]}", "{\"kinds\": [\"nothing\"]}")) {
            HttpResponse<String> r = postJson(body, BEARER);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(json(r).path("error").asText()).as(body).isNotBlank();
        }
        HttpResponse<String> unknown = postJson("{\"targets\": [{\"kind\": \"" + KIND
                + "\", \"target\": \"name:nobody\"}]}", BEARER);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").asText()).contains("name:nobody");
        assertThat(postJson("{\"kinds\": [\"tickets-companies-339\"]}", BEARER).statusCode()).isEqualTo(404);
        assertThat(ledger().pendingCount()).as("nothing dropped by refused requests").isEqualTo(pending);

        // one of Acme's links and all of Bolt's
        HttpResponse<String> answer = postJson("{\"targets\": [{\"kind\": \"" + KIND + "\", \"target\": \"" + ACME
                + "\", \"sources\": [\"a1@acme-widgets.example.org\"]}, {\"kind\": \"" + KIND + "\", \"target\": \""
                + BOLT + "\"}], \"reason\": \"test: never coming\"}", BEARER);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode dropped = json(answer);
        long expected = 1 + before.get(KIND + " " + BOLT).size();
        assertThat(dropped.path("dropped").asLong()).isEqualTo(expected);
        assertThat(ledger().pendingCount()).isEqualTo(pending - expected)
                .isEqualTo(dropped.path("pending").asLong());
        String file = dropped.path("file").asText();
        assertThat(file).matches("dropped-links-\\d{8}-\\d{6}-\\d{3}\\.csv");

        JsonNode files = json(get("/api/links/dropped", BEARER, null));
        assertThat(files.path("files").get(0).path("name").asText()).isEqualTo(file);
        assertThat(files.path("files").get(0).path("links").asLong()).isEqualTo(expected);
        HttpResponse<String> csv = get("/api/links/dropped/" + file, BEARER, null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).isEqualTo(Files.readString(outbox().resolve("links").resolve(file)));
        List<CSVRecord> records = records(csv.body());
        assertThat(records.stream().map(r -> r.get("source_key") + " " + r.get("target_key")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("a1@acme-widgets.example.org " + ACME,
                        "b1@bolt-supplies.example.org " + BOLT, "b2@bolt-supplies.example.org " + BOLT);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.get("kind")).isEqualTo(KIND);
            assertThat(r.get("association_type_id")).isEqualTo("279");
            assertThat(r.get("reason")).isEqualTo("test: never coming");
            assertThat(r.get("first_seen")).isNotEmpty();
        });
        for (String name : List.of("..%2F..%2Fpom.xml", "dropped-links-x.csv", "report.json")) {
            assertThat(get("/api/links/dropped/" + name, BEARER, null).statusCode()).as(name).isIn(400, 404);
        }

        // the companies arrive: Acme's two remaining links are made, the dropped ones never
        drop("companies-arriving.csv", COMPANIES.getBytes(StandardCharsets.UTF_8));
        JsonNode companies = awaitReport("companies-arriving.csv");
        assertThat(companies.path("associations").path("created").asLong()).isEqualTo(2);
        assertThat(ledger().pendingCount()).isEqualTo(pending - expected - 2)
                .isEqualTo(companies.path("associations").path("pending").asLong());
        Map<String, String> linked = ledger().linkedTargets(ObjectType.CONTACTS, List.of("a1@acme-widgets.example.org",
                "a2@acme-widgets.example.org", "a3@acme-widgets.example.org", "b1@bolt-supplies.example.org",
                "b2@bolt-supplies.example.org"), ObjectType.COMPANIES, 279);
        assertThat(linked).containsOnlyKeys("a2@acme-widgets.example.org", "a3@acme-widgets.example.org");
        assertThat(get("/api/links/target?kind=" + KIND + "&target=" + enc(ACME), BEARER, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theConsoleConfirmsWithTheCountsDropsAndListsTheCsv() throws Exception {
        long pending = importContacts().path("associations").path("pending").asLong();
        String cookie = http().session(TOKEN);
        String selection = "target=" + enc(KIND + " " + ACME) + "&target=" + enc(KIND + " " + HOSTILE);

        HttpResponse<String> confirm = postForm(selection, cookie);
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("id=\"confirm-links\">4<").contains("&lt;script&gt;")
                .doesNotContain("<script>alert(1)").contains("name=\"confirm\" value=\"yes\"");
        assertThat(ledger().pendingCount()).as("the confirmation drops nothing").isEqualTo(pending);
        assertThat(postForm("confirm=yes", cookie).statusCode()).as("nothing selected").isEqualTo(400);
        assertThat(postForm(selection + "&confirm=yes", null).statusCode()).as("no session").isEqualTo(303);
        assertThat(ledger().pendingCount()).isEqualTo(pending);

        HttpResponse<String> done = postForm(selection + "&confirm=yes&reason=" + enc("no such companies"), cookie);
        assertThat(done.statusCode()).isEqualTo(303);
        String location = done.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/console/links?dropped=dropped-links-");
        assertThat(ledger().pendingCount()).isEqualTo(pending - 4);
        String file = location.substring(location.indexOf('=') + 1);
        String page = get(location, null, cookie).body();
        assertThat(page).contains("id=\"links-dropped-count\">4<").contains("/console/links/dropped/" + file)
                .contains("id=\"links-pending\">" + (pending - 4) + "<");
        HttpResponse<String> csv = get("/console/links/dropped/" + file, null, cookie);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        assertThat(records(csv.body())).hasSize(4).allSatisfy(r -> assertThat(r.get("reason")).isEqualTo("no such companies"));
        assertThat(get("/console/links/dropped/" + file, null, null).statusCode()).isEqualTo(303);
        assertThat(get("/console/links/dropped/..%2F..%2Fpom.xml", null, cookie).statusCode()).isIn(400, 404);

        // some links of one target, from its page
        String bolt = get("/console/links/target?kind=" + KIND + "&target=" + enc(BOLT), null, cookie).body();
        assertThat(bolt).contains("b1@bolt-supplies.example.org").contains("b2@bolt-supplies.example.org");
        HttpResponse<String> one = postForm("of-kind=" + KIND + "&of-target=" + enc(BOLT)
                + "&source=" + enc("b2@bolt-supplies.example.org") + "&confirm=yes", cookie);
        assertThat(one.statusCode()).isEqualTo(303);
        assertThat(ledger().pendingCount()).isEqualTo(pending - 5);
        assertThat(json(get("/api/links/dropped", BEARER, null)).path("files")).hasSize(2);
    }

    private JsonNode importContacts() throws Exception {
        drop("contacts-waiting.csv", CONTACTS.getBytes(StandardCharsets.UTF_8));
        return awaitReport("contacts-waiting.csv");
    }

    /** The ledger's pending links as "kind target" -> source keys. */
    private Map<String, Set<String>> ledgerGroups() {
        Map<String, Set<String>> groups = new HashMap<>();
        for (boolean viaContact : new boolean[] {true, false}) {
            for (PendingLink p : ledger().pending(0, 100_000, "contact:", viaContact)) {
                Link l = p.toLink();
                String kind = l.fromType().pathName() + "-" + l.toType().pathName() + "-" + l.associationTypeId();
                groups.computeIfAbsent(kind + " " + l.toKey(), k -> new HashSet<>()).add(l.fromKey());
            }
        }
        return groups;
    }

    private Ledger ledger() {
        return context.getRegistry().lookupByNameAndType("ledger", Ledger.class);
    }

    private static List<CSVRecord> records(String csv) throws Exception {
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv))) {
            assertThat(parser.getHeaderNames()).isEqualTo(LinksCatalog.CSV_HEADER);
            return parser.getRecords();
        }
    }

    private ConsoleHttp http() {
        return new ConsoleHttp(applicationPort());
    }

    private HttpResponse<String> get(String path, String authorization, String cookie) throws Exception {
        return http().get(path, authorization, cookie);
    }

    private HttpResponse<String> postJson(String body, String authorization) throws Exception {
        return http().send(HttpRequest.newBuilder(http().uri("/api/links/drop")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), authorization, null);
    }

    private HttpResponse<String> postForm(String body, String cookie) throws Exception {
        return http().send(HttpRequest.newBuilder(http().uri("/console/links/drop"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), null, cookie);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
