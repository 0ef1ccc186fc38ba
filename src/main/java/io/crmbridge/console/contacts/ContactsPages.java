package io.crmbridge.console.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.api.ApiRefusal;
import io.crmbridge.api.ContactSyncApi;
import io.crmbridge.console.ConsoleView;
import io.crmbridge.sync.ContactQuery;
import io.crmbridge.sync.SyncAlreadyRunningException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The console's Contacts page (routes/console-contacts.yaml, docs/console.md "Contacts"): the synced contacts with a
 * segment filter, a search and sortable columns, a contact's page with its properties and segments, the sync runs
 * and "Sync now", and the segment rules in force. Every figure comes from {@link ContactSyncApi}, the methods behind
 * the contact sync's REST API, so the page and the API cannot disagree. Values from the portal go through mustache's
 * HTML escaping ({@code {{ }}} only).
 */
public class ContactsPages {

    /** Contacts on one page of the table. */
    static final int PAGE_SIZE = 50;
    /** Sync runs on one page of the runs table, newest first. */
    static final int RUNS_PER_PAGE = 10;
    private static final String CONTACTS = "/console/contacts";
    /** The columns a user can sort by: their heading and their {@link ContactQuery.Sort} name. */
    private static final List<String[]> COLUMNS = List.of(new String[] {"Name", "name"},
            new String[] {"E-mail", "email"}, new String[] {"Company", "company"},
            new String[] {"Changed in HubSpot", "updated"});

    private final ConsoleView view;
    private final ContactSyncApi api;
    private final ObjectMapper json;

    /**
     * @param view the console's rendering and session check
     * @param api  the contact sync's API bean: every figure of the page comes from it
     * @param json reads a contact's stored properties and writes the chart's data
     */
    public ContactsPages(ConsoleView view, ContactSyncApi api, ObjectMapper json) {
        this.view = view;
        this.api = api;
        this.json = json;
    }

    /**
     * {@code GET /console/contacts?segment=&q=&sort=&order=&page=&runs=}: {@value #PAGE_SIZE} contacts a page, the
     * segment counts (and their chart), the rules, the sync runs, {@value #RUNS_PER_PAGE} a page newest first (page
     * {@code runs}), and the "Sync now" form. While a sync runs the page's live part asks for itself again every 2 s
     * (htmx) until the run is over.
     *
     * @throws ApiRefusal 400 for a page, runs page, segment, sort or order the API refuses
     */
    public void contacts(Message in) {
        view.requireSession(in);
        Filter f = Filter.of(in);
        ConsoleView.Page page = ConsoleView.Page.of(in.getHeader("page", String.class), PAGE_SIZE);
        Map<String, Object> found = api.contacts(f.segment, page.limit(), page.offset(), f.q, f.sort, f.order);
        long total = ((Number) found.get("total")).longValue();
        Map<String, Object> segments = api.segments();
        long all = ((Number) segments.get("total")).longValue();
        ConsoleView.Page runsPage = ConsoleView.Page.of(f.runs, RUNS_PER_PAGE);
        Map<String, Object> runs = api.runs(runsPage.limit(), runsPage.offset());
        List<Map<String, Object>> runRows = runRows(runs);

        Map<String, Object> model = new HashMap<>();
        model.put("title", "Contacts");
        model.put("charts", true);
        model.put("self", CONTACTS + f.query(page.number()));
        // a sync started shows on the first page of runs, so the page comes back there
        model.put("syncAction", CONTACTS + "/sync"
                + new Filter(f.segment, f.q, f.sort, f.order, null).query(page.number()));
        model.put("running", runs.get("running"));
        model.put("busy", in.getHeader("busy") != null);
        model.put("q", found.get("q"));
        model.put("sort", found.get("sort"));
        model.put("order", found.get("order"));
        model.put("all", all);
        model.put("noContacts", all == 0);
        model.put("noMatch", all > 0 && total == 0);
        model.put("total", total);
        model.put("hasContacts", total > 0);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object c : (List<?>) found.get("contacts")) {
            rows.add(contactRow(ConsoleView.cast(c)));
        }
        model.put("contacts", rows);
        model.putAll(page.links(total, rows.size(), n -> CONTACTS + f.query(n)));
        model.put("columns", columns(f, (String) found.get("sort"), (String) found.get("order")));
        model.put("segments", segmentRows(segments, f));
        model.put("allHref", CONTACTS + new Filter(null, f.q, f.sort, f.order, f.runs).query(1));
        model.put("allSelected", f.segment == null);
        model.put("segment", found.get("segment"));
        model.put("hidden", new Filter(f.segment, null, f.sort, f.order, f.runs).hiddenFields());
        model.put("runs", runRows);
        long runsTotal = ((Number) runs.get("total")).longValue();
        model.put("runsTotal", ConsoleView.count(runsTotal));
        model.put("anyRuns", runsTotal > 0);
        // the runs' links keep the contacts' page and filter, and the contacts' links keep the runs' page
        model.put("runsPages", runsPage.links(runsTotal, runRows.size(), n -> CONTACTS
                + new Filter(f.segment, f.q, f.sort, f.order, String.valueOf(n)).query(page.number()) + "#sync"));
        model.put("chartNames", chartData(segments, "name"));
        model.put("chartCounts", chartData(segments, "contacts"));
        view.html(in, 200, "contacts", model);
    }

    /**
     * {@code GET /console/contacts/{id}}: one contact's names, e-mail, company, lifecycle stage, segments (with the
     * rule that put it there), dates and every fetched property.
     *
     * @throws ApiRefusal 404 when no contact with that id is stored
     */
    public void contact(Message in) {
        view.requireSession(in);
        Map<String, Object> c = api.contact(in.getHeader("id", String.class));
        Map<String, String> rules = new HashMap<>();
        for (Object s : (List<?>) api.segments().get("segments")) {
            Map<String, Object> segment = ConsoleView.cast(s);
            rules.put((String) segment.get("name"), (String) segment.get("rule"));
        }
        Map<String, Object> model = new HashMap<>(contactRow(c));
        model.put("title", "Contact " + name(c));
        model.put("phone", c.get("phone"));
        model.put("jobtitle", c.get("jobtitle"));
        model.put("lifecyclestage", c.get("lifecyclestage"));
        model.put("archived", c.get("archived"));
        model.put("mergedInto", c.get("merged_into"));
        model.put("created", ConsoleView.time(c.get("created_at")));
        model.put("synced", ConsoleView.time(c.get("synced_at")));
        List<Map<String, Object>> segments = new ArrayList<>();
        for (Object s : (List<?>) c.get("segments")) {
            segments.add(Map.of("name", s, "rule", rules.getOrDefault((String) s, ""),
                    "href", CONTACTS + "?segment=" + s));
        }
        model.put("segmentRules", segments);
        model.put("noSegment", segments.isEmpty());
        Map<String, String> properties = new TreeMap<>();
        JsonNode stored = json.valueToTree(c.get("properties"));
        stored.fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        List<Map<String, String>> rows = new ArrayList<>();
        properties.forEach((k, v) -> rows.add(Map.of("name", k, "value", v)));
        model.put("properties", rows);
        view.html(in, 200, "contact", model);
    }

    /**
     * {@code POST /console/contacts/sync} with form field {@code mode} ({@code full} or {@code incremental}): starts
     * a sync in the background through {@link ContactSyncApi#sync} and goes back to the page (same filter), where the
     * running run shows its progress. When a sync already runs nothing new starts and the page says so.
     *
     * @throws ApiRefusal 400 for another mode
     */
    public void syncNow(Exchange exchange) {
        Message in = exchange.getMessage();
        view.requireSession(in);
        String mode = ConsoleView.formField(in, "mode");
        if (mode == null || mode.isBlank()) {
            throw new ApiRefusal(400, "choose full or incremental");
        }
        Filter f = Filter.of(in);
        String back = CONTACTS + f.query(ConsoleView.pageNumber(in.getHeader("page", String.class)));
        try {
            api.sync(mode, null, "true", in);
        } catch (SyncAlreadyRunningException e) {
            back += (back.contains("?") ? "&" : "?") + "busy=1";
        }
        in.setBody("");
        ConsoleView.redirect(in, back);
    }

    private static Map<String, Object> contactRow(Map<String, Object> c) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", c.get("id"));
        row.put("href", CONTACTS + "/" + URLEncoder.encode(String.valueOf(c.get("id")), StandardCharsets.UTF_8));
        row.put("name", name(c));
        row.put("email", c.get("email"));
        row.put("company", c.get("company"));
        row.put("segmentNames", c.get("segments"));
        row.put("updated", ConsoleView.time(c.get("updated_at")));
        return row;
    }

    private static String name(Map<String, Object> c) {
        String first = c.get("firstname") == null ? "" : (String) c.get("firstname");
        String last = c.get("lastname") == null ? "" : (String) c.get("lastname");
        String name = (first + " " + last).trim();
        return name.isEmpty() ? "(no name)" : name;
    }

    private static List<Map<String, Object>> columns(Filter f, String sort, String order) {
        List<Map<String, Object>> columns = new ArrayList<>();
        for (String[] column : COLUMNS) {
            boolean current = column[1].equals(sort);
            String next = current && "asc".equals(order) ? "desc" : "asc";
            Map<String, Object> c = new HashMap<>();
            c.put("label", column[0]);
            c.put("key", column[1]);
            c.put("href", CONTACTS + new Filter(f.segment, f.q, column[1], next, f.runs).query(1));
            c.put("arrow", current ? ("asc".equals(order) ? "\u25b2" : "\u25bc") : "");
            c.put("ariaSort", current ? ("asc".equals(order) ? "ascending" : "descending") : "none");
            columns.add(c);
        }
        return columns;
    }

    private static List<Map<String, Object>> segmentRows(Map<String, Object> segments, Filter f) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object s : (List<?>) segments.get("segments")) {
            Map<String, Object> row = new HashMap<>(ConsoleView.cast(s));
            row.put("href", CONTACTS + new Filter((String) row.get("name"), f.q, f.sort, f.order, f.runs).query(1));
            row.put("selected", row.get("name").equals(f.segment == null ? null : f.segment.trim().toLowerCase(Locale.ROOT)));
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, Object>> runRows(Map<String, Object> runs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object r : (List<?>) runs.get("runs")) {
            Map<String, Object> run = new HashMap<>(ConsoleView.cast(r));
            String status = (String) run.get("status");
            run.put("statusClass", status.toLowerCase(Locale.ROOT));
            run.put("isRunning", "RUNNING".equals(status));
            run.put("started", ConsoleView.time(run.get("started_at")));
            Object seconds = run.get("duration_seconds");
            run.put("duration", seconds == null ? null
                    : String.format(Locale.ROOT, "%.1f s", ((Number) seconds).doubleValue()));
            run.put("modeName", String.valueOf(run.get("mode")).toLowerCase(Locale.ROOT));
            rows.add(run);
        }
        return rows;
    }

    private String chartData(Map<String, Object> segments, String key) {
        List<Object> values = new ArrayList<>();
        for (Object s : (List<?>) segments.get("segments")) {
            values.add(ConsoleView.cast(s).get(key));
        }
        try {
            return json.writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The table's filter as the request gives it: segment, search text, sort and order, and the page of the sync
     * runs (each may be null).
     */
    private record Filter(String segment, String q, String sort, String order, String runs) {

        static Filter of(Message in) {
            return new Filter(in.getHeader("segment", String.class), in.getHeader("q", String.class),
                    in.getHeader("sort", String.class), in.getHeader("order", String.class),
                    in.getHeader("runs", String.class));
        }

        /** {@code ?segment=..&q=..&sort=..&order=..&runs=..&page=N}, only the parts set, or "" when none is. */
        String query(int page) {
            Map<String, String> parts = parts();
            if (page > 1) {
                parts.put("page", String.valueOf(page));
            }
            StringBuilder q = new StringBuilder();
            parts.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return q.toString();
        }

        /** The parts set, as name/value pairs for hidden fields of the search form. */
        List<Map<String, String>> hiddenFields() {
            List<Map<String, String>> fields = new ArrayList<>();
            parts().forEach((k, v) -> fields.add(Map.of("name", k, "value", v)));
            return fields;
        }

        private Map<String, String> parts() {
            Map<String, String> parts = new LinkedHashMap<>();
            put(parts, "segment", segment);
            put(parts, "q", q);
            put(parts, "sort", sort);
            put(parts, "order", order);
            // the first page of runs is the default: its links stay as short as before
            put(parts, "runs", "1".equals(runs == null ? null : runs.trim()) ? null : runs);
            return parts;
        }

        private static void put(Map<String, String> parts, String name, String value) {
            if (value != null && !value.isBlank()) {
                parts.put(name, value.trim());
            }
        }
    }
}
