package io.crmbridge.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.api.ApiRefusal;
import io.crmbridge.report.OutboxNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The imports page and a run's page (routes/console-imports.yaml, docs/console.md "Read the imports"): the files
 * waiting in the inbox, the runs and skipped files sorted by a column ({@code ?sort=&order=}, paged), the live
 * progress of running imports polled by the pages every second (htmx), a run's
 * report with its chart (uPlot), its archived original and the history of its content.
 */
public class ImportsPages {

    /** The updated rows of a preview whose property changes a run's page lists. */
    private static final int PREVIEW_ROWS = 20;

    /** Entries on one page of the imports page. */
    static final int PAGE_SIZE = 50;
    private static final String IMPORTS = ConsolePages.IMPORTS;
    /** The status with which htmx stops polling an element (htmx 2 reference, "hx-trigger": polling). */
    static final int STOP_POLLING = 286;
    /** The columns of the imports table, in order: label, sort name (null: not sortable), numeric. */
    private static final List<String[]> COLUMNS = List.of(
            new String[] {"Run", "run", ""}, new String[] {"File", "file", ""}, new String[] {"Type", "type", ""},
            new String[] {"Status", "status", ""}, new String[] {"Rows", "rows", "num"},
            new String[] {"Created", null, "num"}, new String[] {"Updated", null, "num"},
            new String[] {"Unchanged", null, "num"}, new String[] {"Rejected", null, "num"},
            new String[] {"Failed", null, "num"}, new String[] {"Quality", null, "num"},
            new String[] {"Progress", null, ""}, new String[] {"Duration", null, "num"},
            new String[] {"Started", "started", ""}, new String[] {"Uploaded by", null, ""});

    private final ConsoleView view;
    private final ImportsCatalog catalog;
    private final RunCatalog runs;
    private final ObjectMapper json;
    private final java.util.function.LongFunction<Map<String, Object>> undo;

    /**
     * @param undo a run's undo, for its page (io.crmbridge.undo.UndoPages#runPageModel): {@code undoHref} (the
     *             confirmation page, when the run can be undone) and {@code undone} (the counts of its undo)
     */
    public ImportsPages(ConsoleView view, ImportsCatalog catalog, RunCatalog runs, ObjectMapper json,
                        java.util.function.LongFunction<Map<String, Object>> undo) {
        this.view = view;
        this.catalog = catalog;
        this.runs = runs;
        this.json = json;
        this.undo = undo;
    }

    /** {@code GET /console/imports?page=&sort=&order=}: the waiting files and a page of the runs and skipped files. */
    public void imports(Message in) {
        view.requireSession(in);
        Map<String, Object> model = liveTableModel(in);
        model.put("title", "Imports");
        view.html(in, 200, "imports", model);
    }

    /**
     * {@code GET /console/imports-table?page=&sort=&order=&since=}: the same table alone in its polling container, as
     * htmx swaps it in every second; 204 (htmx leaves the page as it is) when it reads as it did at {@code since}, so
     * that a table that does not change is not replaced under the user's pointer.
     */
    public void table(Message in) {
        view.requireSession(in);
        Map<String, Object> model = liveTableModel(in);
        if (model.get("signature").equals(in.getHeader("since", String.class))) {
            in.setBody("");
            in.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
            return;
        }
        view.html(in, 200, "imports-live", model);
    }

    /**
     * The table's model with {@code signature}, for {@link #table}: a hash of the model itself, every value of which
     * hashes by its content (strings, numbers, lists and maps of them). The table is a function of its model, so the
     * same model reads as the same table, without rendering it a second time to compare.
     */
    private Map<String, Object> liveTableModel(Message in) {
        Map<String, Object> model = tableModel(in);
        model.put("signature", Integer.toHexString(model.hashCode()));
        return model;
    }

    /**
     * {@code GET /console/imports/{id}/progress}: the run's progress figures alone, as its page polls them while it
     * runs (htmx, every second). Once the run is no longer in flight the answer is a link to its finished page with
     * status 286, which tells htmx to stop polling.
     */
    public void progress(Message in) {
        view.requireSession(in);
        Map<String, Object> run = catalog.run(in.getHeader("id", String.class));
        Map<?, ?> live = (Map<?, ?>) run.get("progress");
        if (live != null) {
            view.html(in, 200, "imports-progress", progressModel(live));
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("href", IMPORTS + "/" + run.get("id"));
        model.put("state", run.get("state"));
        view.html(in, STOP_POLLING, "imports-progress-end", model);
    }

    /** {@code GET /console/imports/{id}}: the run's report, chart, files, original and history. */
    public void runPage(Message in) {
        view.requireSession(in);
        Map<String, Object> run = catalog.run(in.getHeader("id", String.class));
        Map<String, Object> model = new HashMap<>(ConsolePages.runView(run));
        model.put("title", "Import run " + run.get("id"));
        model.put("statusClass", run.get("state"));
        model.put("status", run.get("state"));
        model.put("originalHref", Boolean.TRUE.equals(run.get("original"))
                ? IMPORTS + "/" + run.get("id") + "/original" : null);
        Map<?, ?> live = (Map<?, ?>) run.get("progress");
        model.put("live", live == null ? null : progressModel(live));
        // a run still in flight offers no undo (RunUndo refuses it)
        model.putAll(undo.apply(((Number) run.get("id")).longValue()));
        if (live != null) {
            model.put("undoHref", null);
        }
        reportModel(run, model);
        List<Map<String, Object>> history = new ArrayList<>();
        for (Object o : (List<?>) run.get("history")) {
            Map<String, Object> e = new HashMap<>(ConsoleView.cast(o));
            e.put("self", "run".equals(e.get("kind")) && run.get("id").equals(e.get("id")));
            e.put("href", "run".equals(e.get("kind")) ? IMPORTS + "/" + e.get("id") : null);
            e.put("at", ConsoleView.time(e.get("startedAt")));
            e.put("stateClass", e.get("state"));
            history.add(e);
        }
        model.put("history", history);
        model.put("earlier", history.size() > 1);
        view.html(in, 200, "run", model);
    }

    /** {@code GET /console/imports/{id}/original}: the file the run imported, as archived in {@code inbox/.done/}. */
    public void original(Message in) {
        view.requireSession(in);
        String id = in.getHeader("id", String.class);
        Path file = catalog.original(id);
        String name = OutboxNames.of(String.valueOf(runs.run(id).get("file")));
        try {
            in.setBody(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        in.setHeader("Content-Type", "text/csv; charset=UTF-8");
        // a name of crm-bridge's own making (OutboxNames); quotes are dropped all the same
        in.setHeader("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"");
    }



    private static Map<String, Object> progressModel(Map<?, ?> figures) {
        Map<String, Object> m = new HashMap<>();
        m.put("rowsDone", figures.get("rowsDone"));
        m.put("rowsEstimated", figures.get("rowsEstimated"));
        Object rate = figures.get("rowsPerSecond");
        m.put("rate", rate == null ? "-" : String.format(Locale.ROOT, "%.0f", ((Number) rate).doubleValue()));
        Object left = figures.get("secondsLeft");
        m.put("left", left == null ? "unknown" : ((Number) left).longValue() + " s");
        m.put("percent", figures.get("percent"));
        return m;
    }

    private Map<String, Object> tableModel(Message in) {
        ConsoleView.Page page = ConsoleView.Page.of(in.getHeader("page", String.class), PAGE_SIZE);
        String sortName = in.getHeader("sort", String.class);
        String orderName = in.getHeader("order", String.class);
        Map<String, Object> result = catalog.imports(page.limit(), page.offset(), sortName, orderName);
        String sort = (String) result.get("sort");
        String order = (String) result.get("order");
        long total = ((Number) result.get("total")).longValue();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object o : (List<?>) result.get("imports")) {
            rows.add(entryView(ConsoleView.cast(o)));
        }
        List<Map<String, Object>> waiting = new ArrayList<>();
        for (Map<String, Object> w : catalog.waiting()) {
            Map<String, Object> v = new HashMap<>(w);
            v.put("size", String.format(Locale.ROOT, "%,.1f KB", ((Number) w.get("sizeBytes")).longValue() / 1024.0));
            v.put("modified", ConsoleView.time(w.get("modifiedAt")));
            waiting.add(v);
        }
        List<Map<String, Object>> headers = new ArrayList<>();
        for (String[] c : COLUMNS) {
            Map<String, Object> h = new HashMap<>();
            h.put("label", c[0]);
            h.put("numClass", c[2]);
            if (c[1] != null) {
                boolean current = c[1].equals(sort);
                String next = current && "desc".equals(order) ? "asc" : "desc";
                h.put("href", IMPORTS + "?sort=" + c[1] + "&order=" + next);
                h.put("sortKey", c[1]);
                h.put("arrow", current ? ("asc".equals(order) ? "\u25B2" : "\u25BC") : null);
                h.put("ariaSort", current ? ("asc".equals(order) ? "ascending" : "descending") : null);
            }
            headers.add(h);
        }
        String query = "sort=" + sort + "&order=" + order;
        Map<String, Object> model = new HashMap<>();
        model.put("imports", rows);
        model.put("headers", headers);
        model.put("waiting", waiting);
        model.put("anyWaiting", !waiting.isEmpty());
        model.put("empty", total == 0 && waiting.isEmpty());
        model.put("none", total == 0);
        model.put("total", total);
        model.put("sortLabel", sort);
        model.put("orderLabel", "asc".equals(order) ? "ascending" : "descending");
        model.put("tableUrl", "/console/imports-table?" + query + "&page=" + page.number());
        model.putAll(page.links(total, rows.size(), n -> IMPORTS + "?" + query + "&page=" + n));
        return model;
    }

    private static Map<String, Object> entryView(Map<String, Object> entry) {
        Map<String, Object> v;
        if ("run".equals(entry.get("kind"))) {
            v = ConsolePages.runView(entry);
            Map<?, ?> live = (Map<?, ?>) entry.get("progress");
            v.put("live", live == null ? null : progressModel(live));
            v.put("running", "running".equals(entry.get("state")));
        } else {
            v = new HashMap<>(entry);
            v.put("skip", true);
            v.put("started", ConsoleView.time(entry.get("startedAt")));
            v.put("duplicateHref", IMPORTS + "/" + entry.get("duplicateOf"));
        }
        v.put("statusClass", entry.get("state"));
        v.put("status", entry.get("state"));
        return v;
    }

    /** Counts, reasons and the chart's data from the run's JSON report, when it has one. */
    private void reportModel(Map<String, Object> run, Map<String, Object> model) {
        if (!((List<?>) run.get("files")).contains(RunFile.JSON_REPORT.urlName())) {
            return;
        }
        JsonNode report;
        try {
            report = json.readTree(runs.file(String.valueOf(run.get("id")), RunFile.JSON_REPORT.urlName()).toFile());
        } catch (IOException e) {
            return;
        }
        model.put("report", true);
        model.put("requests", report.path("requests").asLong());
        model.put("retries", report.path("retries").asLong());
        model.put("rateLimited", report.path("rateLimited").asLong());
        model.put("rowsPerSecond", report.path("rowsPerSecond").asText());
        model.put("associationsCreated", report.path("associations").path("created").asLong());
        model.put("associationsPending", report.path("associations").path("pending").asLong());
        model.put("errors", codes(report.path("errorsByCode")));
        model.put("warnings", codes(report.path("warningsByCode")));
        List<Map<String, Object>> top = new ArrayList<>();
        for (JsonNode e : report.path("topErrors")) {
            top.add(Map.of("code", e.path("code").asText(), "count", e.path("count").asLong(),
                    "example", e.path("example").asText("")));
        }
        model.put("topErrors", top);
        model.put("anyTopErrors", !top.isEmpty());
        // a preview's updates (docs/undo.md): the first rows' changes here, all of them in report.json
        List<Map<String, Object>> changes = new ArrayList<>();
        JsonNode rows = report.path("propertyChanges");
        for (int i = 0; i < Math.min(PREVIEW_ROWS, rows.size()); i++) {
            JsonNode row = rows.get(i);
            for (JsonNode c : row.path("changes")) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("row", row.path("row").asLong());
                change.put("key", row.path("key").asText());
                change.put("property", c.path("property").asText());
                change.put("from", c.path("from").asText(""));
                change.put("to", c.path("to").asText(""));
                changes.add(change);
            }
        }
        model.put("propertyChanges", changes);
        model.put("anyPropertyChanges", !changes.isEmpty());
        model.put("propertyChangesMore", Math.max(0, rows.size() - PREVIEW_ROWS));
        List<String> labels = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = report.path("outcomes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> o = it.next();
            labels.add(o.getKey());
            values.add(o.getValue().asLong());
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", labels);
        chart.put("values", values);
        try {
            // read by the page's script from a data attribute: mustache escapes it like any other value
            model.put("chartJson", json.writeValueAsString(chart));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        model.put("charts", true);
    }

    private static List<Map<String, Object>> codes(JsonNode byCode) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = byCode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            list.add(Map.of("code", c.getKey(), "count", c.getValue().asLong()));
        }
        return list;
    }
}
