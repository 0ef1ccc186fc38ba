package io.crmbridge.console.sales;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.console.ConsoleView;
import io.crmbridge.sales.scoring.RfmSegments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Message;

/**
 * The Sales ledger pages of the console (routes/console-sales.yaml, docs/console.md "Sales ledger"), rendered from
 * {@code templates/console/sales*.html.mustache} with what {@link SalesCatalog} answers the API: the import history
 * with held and rejected lines and why, the data health, the segment distribution (uPlot chart and table) with its
 * change since the previous import, a paged clients table with search and segment filter, and a client's page.
 * Every value is HTML-escaped by mustache; the charts' figures travel as an escaped JSON attribute.
 */
public class SalesPages {

    /** Clients on one page of the clients table. */
    static final int CLIENTS_PER_PAGE = 25;
    /** Imports the page lists (the API pages through all of them). */
    static final int IMPORTS_SHOWN = 50;
    private static final String SALES = "/console/sales";

    private final ConsoleView view;
    private final SalesCatalog catalog;
    private final ObjectMapper json;

    public SalesPages(ConsoleView view, SalesCatalog catalog, ObjectMapper json) {
        this.view = view;
        this.catalog = catalog;
        this.json = json;
    }

    /**
     * {@code GET /console/sales?page=&q=&segment=}: imports, data health, segments and the clients table.
     *
     * @throws io.crmbridge.api.ApiRefusal 400 for a bad page number, segment or search
     */
    public void sales(Message in) {
        view.requireSession(in);
        ConsoleView.Page page = ConsoleView.Page.of(in.getHeader("page", String.class), CLIENTS_PER_PAGE);
        String q = in.getHeader("q", String.class);
        String segment = in.getHeader("segment", String.class);
        Map<String, Object> clients = catalog.clients(page.limit(), page.offset(), q, segment);
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Sales ledger");
        model.put("charts", true);

        List<Map<String, Object>> imports = new ArrayList<>();
        for (Object i : (List<?>) catalog.imports(String.valueOf(IMPORTS_SHOWN), "0").get("imports")) {
            imports.add(importView(ConsoleView.cast(i)));
        }
        model.put("imports", imports);
        model.put("noImports", imports.isEmpty());
        model.put("rejectsSeries", toJson(rejectsOverTime(imports)));

        Map<String, Object> health = catalog.health();
        model.put("health", health);
        model.put("healthy", ((Number) health.get("heldLines")).longValue() == 0);
        model.put("hasUnknownClients", !((List<?>) health.get("unknownClients")).isEmpty());
        model.put("hasUnknownProducts", !((List<?>) health.get("unknownProducts")).isEmpty());

        Map<String, Object> segments = catalog.segments();
        List<Map<String, Object>> segmentRows = new ArrayList<>();
        for (Object s : (List<?>) segments.get("segments")) {
            Map<String, Object> row = new HashMap<>(ConsoleView.cast(s));
            Object change = row.get("change");
            row.put("changeText", change == null ? "" : String.format(Locale.ROOT, "%+d", ((Number) change).longValue()));
            segmentRows.add(row);
        }
        model.put("segments", segmentRows);
        model.put("segmentTotal", segments.get("total"));
        model.put("hasPrevious", segments.get("previousImportId") != null);
        model.put("segmentSeries", toJson(segments.get("segments")));

        long total = ((Number) clients.get("total")).longValue();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object c : (List<?>) clients.get("clients")) {
            Map<String, Object> row = new HashMap<>(ConsoleView.cast(c));
            row.put("href", clientHref((String) row.get("clientCode")));
            row.put("monetaryText", ConsoleView.money(row.get("monetary")));
            rows.add(row);
        }
        String search = (String) clients.get("q");
        String only = (String) clients.get("segment");
        model.put("clients", rows);
        model.put("clientsTotal", total);
        model.put("noClients", total == 0);
        model.put("q", search);
        List<Map<String, Object>> options = new ArrayList<>();
        for (String s : RfmSegments.ALL) {
            options.add(Map.of("name", s, "selected", s.equals(only)));
        }
        model.put("segmentOptions", options);
        model.putAll(page.links(total, rows.size(), n -> pageHref(n, search, only)));
        view.html(in, 200, "sales", model);
    }

    /**
     * {@code GET /console/sales/clients/{id}}: a client's scores, recommendations, rebuy suggestions and pushes.
     *
     * @throws io.crmbridge.api.ApiRefusal 404 for an unknown client
     */
    public void client(Message in) {
        view.requireSession(in);
        Map<String, Object> client = catalog.client(in.getHeader("id", String.class));
        Map<String, Object> model = new HashMap<>(client);
        String name = ((client.get("firstName") == null ? "" : client.get("firstName") + " ")
                + (client.get("lastName") == null ? "" : client.get("lastName"))).trim();
        model.put("name", name.isEmpty() ? client.get("clientCode") : name);
        model.put("title", "Client " + client.get("clientCode"));
        Map<String, Object> score = ConsoleView.cast(client.get("score"));
        if (score != null) {
            Map<String, Object> s = new HashMap<>(score);
            s.put("monetaryText", ConsoleView.money(score.get("monetary")));
            s.put("diversityText", String.format(Locale.ROOT, "%.0f %%", ((Number) score.get("diversity")).doubleValue() * 100));
            model.put("score", s);
        }
        List<Map<String, Object>> recommendations = new ArrayList<>();
        for (Object r : (List<?>) client.get("recommendations")) {
            Map<String, Object> m = new HashMap<>(ConsoleView.cast(r));
            m.put("supportText", percent(m.get("support")));
            m.put("confidenceText", percent(m.get("confidence")));
            recommendations.add(m);
        }
        model.put("recommendations", recommendations);
        model.put("noRecommendations", recommendations.isEmpty());
        model.put("noRebuy", ((List<?>) client.get("rebuy")).isEmpty());
        model.put("noPushes", ((List<?>) client.get("pushes")).isEmpty());
        view.html(in, 200, "sales-client", model);
    }

    /**
     * {@code GET /console/sales/imports/{id}/rejected.csv}: the import's rejected rows as a download.
     *
     * @throws io.crmbridge.api.ApiRefusal 404 when the import has none
     */
    public void rejected(Message in) {
        view.requireSession(in);
        Path file = catalog.rejectedFile(in.getHeader("id", String.class));
        try {
            in.setBody(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        in.setHeader("Content-Type", "text/csv");
        // crm-bridge's own name, made of the inbox name made safe; quotes dropped all the same
        in.setHeader("Content-Disposition", "attachment; filename=\"" + file.getFileName().toString().replace("\"", "") + "\"");
    }

    /** The console address of a client's page, its code encoded as one path segment. */
    static String clientHref(String clientCode) {
        return SALES + "/clients/" + URLEncoder.encode(clientCode, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String pageHref(int page, String q, String segment) {
        StringBuilder href = new StringBuilder(SALES + "?page=" + page);
        if (q != null) {
            href.append("&q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
        }
        if (segment != null) {
            href.append("&segment=").append(segment);
        }
        return href.append("#clients").toString();
    }

    private static Map<String, Object> importView(Map<String, Object> i) {
        Map<String, Object> v = new HashMap<>(i);
        v.put("statusClass", String.valueOf(i.get("status")).toLowerCase(Locale.ROOT));
        v.put("hasHeldRows", !((List<?>) i.get("heldRows")).isEmpty());
        v.put("rejectedReasonList", pairs(ConsoleView.cast(i.get("rejectedReasons"))));
        v.put("heldReasonList", pairs(ConsoleView.cast(i.get("heldReasons"))));
        v.put("rejectedHref", Boolean.TRUE.equals(i.get("rejectedFile")) ? SALES + "/imports/" + i.get("id") + "/rejected.csv" : null);
        v.put("finished", i.get("finishedAt") == null ? null : String.valueOf(i.get("finishedAt")).replace('T', ' '));
        return v;
    }

    private static List<Map<String, Object>> pairs(Map<String, Object> counts) {
        List<Map<String, Object>> list = new ArrayList<>();
        counts.forEach((k, n) -> list.add(Map.of("name", k, "count", n)));
        return list;
    }

    /** The chart's series, oldest import first: import ids, rejected rows, held rows, duplicate rows. */
    private static List<List<Object>> rejectsOverTime(List<Map<String, Object>> newestFirst) {
        List<List<Object>> series = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int k = newestFirst.size() - 1; k >= 0; k--) {
            Map<String, Object> i = newestFirst.get(k);
            Map<String, Object> outcomes = ConsoleView.cast(i.get("outcomes"));
            series.get(0).add(i.get("id"));
            series.get(1).add(outcomes.get("rejected"));
            series.get(2).add(outcomes.get("held"));
            series.get(3).add(i.get("duplicates"));
        }
        return series;
    }

    private static String percent(Object share) {
        return share == null ? "" : String.format(Locale.ROOT, "%.1f %%", ((Number) share).doubleValue() * 100);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
