package io.crmbridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.sales.scoring.RfmSegments;
import io.crmbridge.sales.store.ClientRecommendation;
import io.crmbridge.sales.store.SalesLedgerStore;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The console's Sales ledger pages and their API (routes/console-sales.yaml, docs/console.md "Sales ledger") on the
 * real application against the HubSpot and Brevo sandboxes, with the bundled ledger of data/sales-ledger/: what the
 * API and the pages show is what the scoring stored and the imports reported; the token, paging bounds, an unknown
 * client, and a client name holding HTML shown as text.
 */
class ConsoleSalesTest extends ImportFlowTestSupport {

    private static final String TOKEN = "console-sales-token-8c2e5a17";
    private static final String BEARER = "Bearer " + TOKEN;
    private static final Path LEDGER = Path.of("data", "sales-ledger");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.api.token", TOKEN);
        return p;
    }

    @Test
    void theBundledLedgerShowsTheScoringsSegmentsAndRecommendationsAndTheImportsHeldAndRejectedRows() throws Exception {
        Map<String, JsonNode> reports = importBundledLedger();
        SalesLedgerStore store = context.getRegistry().lookupByNameAndType("salesLedgerStore", SalesLedgerStore.class);

        // segments: the stored scores, every segment in the scorer's order; no earlier scoring import to compare with
        JsonNode segments = api("/api/sales/segments");
        Map<String, Long> stored = store.segmentCounts();
        List<String> order = new ArrayList<>();
        for (JsonNode s : segments.path("segments")) {
            order.add(s.path("segment").asText());
            assertThat(s.path("clients").asLong()).as(s.path("segment").asText())
                    .isEqualTo(stored.getOrDefault(s.path("segment").asText(), 0L));
            assertThat(s.path("change").isNull()).isTrue();
        }
        assertThat(order).isEqualTo(RfmSegments.ALL);
        assertThat(segments.path("total").asLong()).isEqualTo(stored.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(reports.get("ventes_lignes.csv").path("scoring").path("clientsScored").asLong());

        // imports: the counts and reasons of each file's report
        JsonNode imports = api("/api/sales/imports");
        assertThat(imports.path("total").asLong()).isEqualTo(3);
        String cookie = new ConsoleHttp(applicationPort()).session(TOKEN);
        for (JsonNode i : imports.path("imports")) {
            JsonNode report = reports.get(i.path("file").asText());
            for (String outcome : List.of("loaded", "held", "rejected")) {
                assertThat(i.path("outcomes").path(outcome).asLong()).as(i.path("file") + " " + outcome)
                        .isEqualTo(report.path("outcomes").path(outcome).asLong());
            }
            assertThat(i.path("rejectedReasons")).isEqualTo(report.path("errorsByCode"));
            long held = 0;
            for (JsonNode n : i.path("heldReasons")) {
                held += n.asLong();
            }
            assertThat(held).isEqualTo(report.path("outcomes").path("held").asLong());
            assertThat(i.path("rejectedFile").asBoolean()).isEqualTo(report.path("outcomes").path("rejected").asLong() > 0);
            if (i.path("rejectedFile").asBoolean()) {
                HttpResponse<String> rejected = get("/console/sales/imports/" + i.path("id").asText() + "/rejected", null, cookie);
                assertThat(rejected.statusCode()).isEqualTo(200);
                assertThat(rejected.body().lines().count()).isEqualTo(1 + report.path("outcomes").path("rejected").asLong());
            }
        }
        JsonNode lines = find(imports.path("imports"), "file", "ventes_lignes.csv");
        assertThat(lines.path("heldReasons").path("unknown client").asLong()
                + lines.path("heldReasons").path("unknown product").asLong()).isEqualTo(2);
        assertThat(lines.path("duplicates").asLong()).isEqualTo(reports.get("ventes_lignes.csv")
                .path("errorsByCode").path("DUPLICATE_IN_FILE").asLong()).isPositive();
        stored.forEach((segment, n) -> assertThat(lines.path("segments").path(segment).asLong()).isEqualTo(n));
        JsonNode health = api("/api/sales/health");
        assertThat(health.path("heldLines").asLong()).isEqualTo(store.heldCount());

        // one client: the scoring's recommendations for it, in rank order, and what the push did with it
        List<ClientRecommendation> all = store.recommendations(ClientRecommendation.Kind.CO_PURCHASE);
        String code = all.get(0).getClientCode();
        List<String> expected = all.stream().filter(r -> r.getClientCode().equals(code))
                .map(ClientRecommendation::getProductKey).toList();
        List<Double> confidences = all.stream().filter(r -> r.getClientCode().equals(code))
                .map(ClientRecommendation::getConfidence).toList();
        JsonNode client = api("/api/sales/clients/" + code);
        List<String> shown = new ArrayList<>();
        List<Double> shownConfidences = new ArrayList<>();
        client.path("recommendations").forEach(r -> {
            shown.add(r.path("productKey").asText());
            shownConfidences.add(r.path("confidence").asDouble());
        });
        assertThat(shown).isEqualTo(expected).isNotEmpty();
        assertThat(shownConfidences).isEqualTo(confidences);
        assertThat(client.path("score").path("segment").asText()).isEqualTo(store.score(code).getSegment());
        assertThat(client.path("score").path("recencyScore").asInt()).isEqualTo(store.score(code).getRecencyScore());
        assertThat(client.path("score").path("diversity").asDouble()).isEqualTo(store.score(code).getDiversity());
        List<String> pushed = new ArrayList<>();
        client.path("pushes").forEach(p -> pushed.add(p.path("target").asText() + " " + p.path("list").asText()));
        String segment = store.score(code).getSegment();
        assertThat(pushed).containsExactlyInAnyOrder("hubspot " + segment, "brevo rfm-" + segment);

        // the push history: its outcomes per target add up to the report's push counts
        JsonNode pushes = api("/api/sales/pushes");
        assertThat(pushes.path("total").asLong()).isEqualTo(1);
        Map<String, Long> counted = new HashMap<>();
        pushes.path("pushes").path(0).path("lists").forEach(l -> counted.merge(
                l.path("target").asText() + "." + l.path("outcome").asText(), l.path("clients").asLong(), Long::sum));
        JsonNode push = reports.get("ventes_lignes.csv").path("push");
        for (String target : List.of("hubspot", "brevo")) {
            push.path(target).fields().forEachRemaining(e -> assertThat(counted.getOrDefault(target + "." + e.getKey(), 0L))
                    .as(target + " " + e.getKey()).isEqualTo(e.getValue().asLong()));
        }

        // clients: paging, search and segment filter over the ledger's clients
        JsonNode page = api("/api/sales/clients?limit=10&offset=20");
        assertThat(page.path("clients")).hasSize(10);
        assertThat(page.path("total").asLong()).isEqualTo(reports.get("clients.csv").path("outcomes").path("loaded").asLong());
        JsonNode champions = api("/api/sales/clients?segment=champions&limit=500");
        assertThat(champions.path("total").asLong()).isEqualTo(stored.get("champions"));
        champions.path("clients").forEach(c -> assertThat(c.path("segment").asText()).isEqualTo("champions"));
        JsonNode search = api("/api/sales/clients?q=" + code.toLowerCase(java.util.Locale.ROOT));
        assertThat(search.path("clients").findValuesAsText("clientCode")).contains(code);

        // the pages show the same figures
        String sales = get("/console/sales", null, cookie).body();
        for (JsonNode s : segments.path("segments")) {
            assertThat(sales).contains("<tr data-segment=\"" + s.path("segment").asText() + "\"><td><a href=\"/console/sales?segment="
                    + s.path("segment").asText() + "#clients\">" + s.path("segment").asText() + "</a></td><td class=\"num clients\">"
                    + s.path("clients").asLong() + "</td>");
        }
        assertThat(sales).contains("id=\"segment-chart\"").contains("/console/assets/uPlot.min.js")
                .contains("rejected rows (CSV)");
        // money with two decimals and grouped thousands on the pages (1697.5100 reads 1,697.51), raw in the API
        java.text.DecimalFormat euros = new java.text.DecimalFormat("#,##0.00",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        euros.setRoundingMode(java.math.RoundingMode.HALF_UP);
        JsonNode firstPage = api("/api/sales/clients?limit=25&offset=0");
        boolean aThousand = false;
        for (JsonNode c : firstPage.path("clients")) {
            if (c.path("monetary").isNull()) {
                continue;
            }
            assertThat(c.path("monetary").isNumber()).as(c.toString()).isTrue();
            String text = euros.format(c.path("monetary").decimalValue());
            aThousand |= text.contains(",");
            assertThat(sales).as(c.path("clientCode").asText()).containsPattern("<tr data-client=\""
                    + java.util.regex.Pattern.quote(c.path("clientCode").asText()) + "\">.*\\R?.*<td class=\"num\">"
                    + java.util.regex.Pattern.quote(text) + "</td></tr>");
        }
        assertThat(aThousand).as("a client of the first page bought for 1,000 EUR or more").isTrue();
        String clientPage = get("/console/sales/clients/" + code, null, cookie).body();
        assertThat(clientPage).contains("id=\"m-value\">" + euros.format(client.path("score").path("monetary").decimalValue())
                + " EUR net<");
        assertThat(clientPage.split("<tr data-product=", -1).length - 1)
                .isEqualTo(expected.size() + client.path("rebuy").size());
        assertThat(clientPage).contains("id=\"client-segment\">" + segment + "<");

        // a later export of sales lines: the distribution's change is counted against this one
        String lost = api("/api/sales/clients?segment=lost&limit=1").path("clients").path(0).path("clientCode").asText();
        StringBuilder more = new StringBuilder("client_code;date_livraison;produit_label;qty_line;mt_ht;document_type;document_no\n");
        for (int n = 1; n <= 6; n++) {
            more.append(lost).append(";30/12/2025;Saumur-Champigny;12;900,00;VENTE;VT-NEW-").append(n).append('\n');
        }
        drop("ventes_lignes_2.csv", more.toString().getBytes(StandardCharsets.UTF_8));
        awaitReport("ventes_lignes_2.csv", 1, TIMEOUT);
        await().atMost(TIMEOUT).until(() -> api("/api/sales/segments").path("previousImportId").asLong()
                == lines.path("id").asLong());
        JsonNode changed = api("/api/sales/segments");
        Map<String, Long> now = store.segmentCounts();
        for (JsonNode s : changed.path("segments")) {
            String name = s.path("segment").asText();
            assertThat(s.path("previous").asLong()).as(name).isEqualTo(stored.getOrDefault(name, 0L));
            assertThat(s.path("clients").asLong()).as(name).isEqualTo(now.getOrDefault(name, 0L));
            assertThat(s.path("change").asLong()).as(name).isEqualTo(now.getOrDefault(name, 0L) - stored.getOrDefault(name, 0L));
        }
        assertThat(api("/api/sales/clients/" + lost).path("score").path("segment").asText()).isNotEqualTo("lost");
        assertThat(get("/console/sales", null, cookie).body()).contains("Previous import").contains("class=\"num change\"");
    }

    @Test
    void theSalesApiNeedsTheTokenChecksItsBoundsAndAnswers404ForAnUnknownClient() throws Exception {
        List<String> endpoints = List.of("/api/sales/imports", "/api/sales/segments", "/api/sales/health",
                "/api/sales/clients", "/api/sales/clients/C0001", "/api/sales/pushes");
        for (String path : endpoints) {
            for (String authorization : new String[] {null, "Bearer wrong"}) {
                HttpResponse<String> r = get(path, authorization, null);
                assertThat(r.statusCode()).as("%s with %s", path, authorization).isEqualTo(401);
                assertThat(r.body()).doesNotContain(TOKEN);
            }
        }
        for (String path : List.of("/api/sales/imports", "/api/sales/clients", "/api/sales/pushes")) {
            for (String query : List.of("limit=0", "limit=501", "limit=abc", "offset=-1", "offset=x")) {
                HttpResponse<String> r = get(path + "?" + query, BEARER, null);
                assertThat(r.statusCode()).as(path + "?" + query).isEqualTo(400);
                assertThat(JSON.readTree(r.body()).path("error").asText()).containsAnyOf("limit", "offset");
            }
        }
        HttpResponse<String> badSegment = get("/api/sales/clients?segment=vip", BEARER, null);
        assertThat(badSegment.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badSegment.body()).path("error").asText()).contains("champions");
        assertThat(get("/api/sales/clients?q=" + "x".repeat(201), BEARER, null).statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = get("/api/sales/clients/NOPE42", BEARER, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).contains("NOPE42");

        String cookie = new ConsoleHttp(applicationPort()).session(TOKEN);
        assertThat(get("/api/sales/segments", null, cookie).statusCode()).isEqualTo(200);
        assertThat(get("/console/sales", null, null).statusCode()).isEqualTo(303);
        assertThat(get("/console/sales/clients/NOPE42", null, cookie).statusCode()).isEqualTo(404);
        assertThat(get("/console/sales?page=0", null, cookie).statusCode()).isEqualTo(400);
        assertThat(get("/console/sales/imports/1/rejected", null, cookie).statusCode()).isEqualTo(404);
        // before any import the page says what to do
        assertThat(get("/console/sales", null, cookie).body()).contains("No sales-ledger export has been imported yet");
        assertThat(get("/openapi.json", null, null).body()).contains("/api/sales/clients/{id}")
                .contains("/api/sales/segments").contains("/api/sales/pushes");
    }

    @Test
    void aClientNameHoldingHtmlIsShownAsText() throws Exception {
        drop("clients_hostile.csv", ("client_code;nom;prenom;email\n"
                + "H0001;<img src=x onerror=alert(1)>;<b>Ann</b>;ann@example.com\n").getBytes(StandardCharsets.UTF_8));
        awaitReport("clients_hostile.csv", 1, TIMEOUT);
        String cookie = new ConsoleHttp(applicationPort()).session(TOKEN);
        await().atMost(TIMEOUT).until(() -> api("/api/sales/clients?q=H0001").path("total").asLong() == 1);
        assertThat(api("/api/sales/clients/H0001").path("lastName").asText()).isEqualTo("<img src=x onerror=alert(1)>");
        for (String path : List.of("/console/sales?q=H0001", "/console/sales/clients/H0001")) {
            String page = get(path, null, cookie).body();
            assertThat(page).as(path).doesNotContain("<img src").doesNotContain("<b>Ann")
                    .contains("&lt;img src&#61;x onerror&#61;alert(1)&gt;").contains("&lt;b&gt;Ann&lt;/b&gt;");
        }
    }

    /** Drops the three exports of data/sales-ledger/ and waits for their imports: file name -> JSON report. */
    private Map<String, JsonNode> importBundledLedger() throws Exception {
        Map<String, JsonNode> reports = new HashMap<>();
        for (String file : List.of("clients.csv", "produits.csv", "ventes_lignes.csv")) {
            drop(LEDGER.resolve(file), file);
        }
        for (String file : List.of("clients.csv", "produits.csv", "ventes_lignes.csv")) {
            reports.put(file, awaitReport(file, 1, TIMEOUT));
        }
        // the history row is closed just after the report is written
        await().atMost(TIMEOUT).until(() -> {
            JsonNode imports = api("/api/sales/imports").path("imports");
            return imports.size() == 3 && imports.findValuesAsText("status").stream().allMatch("COMPLETED"::equals);
        });
        return reports;
    }

    private JsonNode api(String path) throws Exception {
        HttpResponse<String> answer = get(path, BEARER, null);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static JsonNode find(JsonNode items, String field, String value) {
        for (JsonNode item : items) {
            if (item.path(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no item with " + field + " " + value + " in " + items);
    }

    private HttpResponse<String> get(String path, String authorization, String cookie) throws Exception {
        return new ConsoleHttp(applicationPort()).get(path, authorization, cookie);
    }
}
