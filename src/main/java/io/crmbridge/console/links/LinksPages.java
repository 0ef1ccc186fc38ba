package io.crmbridge.console.links;

import io.crmbridge.api.ApiRefusal;
import io.crmbridge.console.ConsoleView;
import io.crmbridge.ledger.PendingLinks.Selection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
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
 * The console's Links page (routes/console-links.yaml, docs/console.md "Links that wait"): the pending links by
 * kind and by the target they wait for, with counts, times and examples, a chart of the top missing targets, one
 * target's links, the confirmation and the drop of a selection, and the dropped-links CSVs for download. Every
 * figure comes from {@link LinksCatalog}; every key goes through mustache's HTML escaping.
 */
public class LinksPages {

    /** Targets (or a target's links) on one page. */
    static final int PAGE_SIZE = 50;
    /** Targets the chart shows. */
    static final int CHART_TARGETS = 10;
    private static final String LINKS = "/console/links";

    private final ConsoleView view;
    private final LinksCatalog catalog;

    public LinksPages(ConsoleView view, LinksCatalog catalog) {
        this.view = view;
        this.catalog = catalog;
    }

    /**
     * {@code GET /console/links?page=N&sort=count|target&kind=K&dropped=F}: the kinds, a page of targets
     * ({@value #PAGE_SIZE}), the chart, and the dropped-links CSVs; {@code dropped} names the CSV a drop just wrote.
     */
    public void page(Message in) {
        view.requireSession(in);
        ConsoleView.Page page = ConsoleView.Page.of(in.getHeader("page", String.class), PAGE_SIZE);
        String sort = in.getHeader("sort", String.class);
        String kind = in.getHeader("kind", String.class);
        Map<String, Object> list = catalog.list(page.limit(), page.offset(), sort, kind);
        String order = (String) list.get("sort");
        String kindId = (String) list.get("kind");
        long pending = ((Number) list.get("pending")).longValue();
        long total = ((Number) list.get("total")).longValue();
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Links");
        model.put("empty", pending == 0);
        model.put("pending", ConsoleView.count(pending));
        List<Map<String, Object>> kinds = new ArrayList<>();
        for (Object o : (List<?>) list.get("kinds")) {
            Map<String, Object> k = new HashMap<>(ConsoleView.cast(o));
            k.put("href", LINKS + "?kind=" + k.get("kind"));
            k.put("linksText", ConsoleView.count(k.get("links")));
            k.put("targetsText", ConsoleView.count(k.get("targets")));
            k.put("oldestText", ConsoleView.time(k.get("oldest")));
            k.put("newestText", ConsoleView.time(k.get("newest")));
            k.put("selected", k.get("kind").equals(kindId));
            kinds.add(k);
        }
        model.put("kinds", kinds);
        List<Map<String, Object>> targets = new ArrayList<>();
        for (Object o : (List<?>) list.get("targets")) {
            targets.add(targetView(ConsoleView.cast(o)));
        }
        model.put("targets", targets);
        model.put("total", ConsoleView.count(total));
        model.put("kindFilter", kindId);
        model.put("kindLabel", kinds.stream().filter(k -> k.get("kind").equals(kindId)).map(k -> k.get("label"))
                .findFirst().orElse(kindId));
        String base = LINKS + "?" + (kindId == null ? "" : "kind=" + kindId + "&");
        model.put("sortCount", base + "sort=count");
        model.put("sortTarget", base + "sort=target");
        model.put("byCount", "count".equals(order));
        model.putAll(page.links(total, targets.size(), n -> base + "sort=" + order + "&page=" + n));
        if (pending > 0) {
            model.put("charts", true);
            model.put("chart", chartData(kind));
        }
        List<Map<String, Object>> files = files();
        model.put("files", files);
        String dropped = in.getHeader("dropped", String.class);
        files.stream().filter(f -> f.get("name").equals(dropped)).findFirst().ifPresent(f -> model.put("notice", f));
        view.html(in, 200, "links", model);
    }

    /** {@code GET /console/links/target?kind=K&target=T&page=N}: the links waiting for one target, to drop some. */
    public void targetPage(Message in) {
        view.requireSession(in);
        ConsoleView.Page page = ConsoleView.Page.of(in.getHeader("page", String.class), PAGE_SIZE);
        String kind = in.getHeader("kind", String.class);
        String target = in.getHeader("target", String.class);
        Map<String, Object> links = catalog.target(kind, target, page.limit(), page.offset());
        long total = ((Number) links.get("total")).longValue();
        Map<String, Object> model = new HashMap<>(links);
        model.put("title", "Links waiting for " + target);
        model.put("label", LinkKind.label(LinkKind.parse(kind).orElseThrow()));
        model.put("totalText", ConsoleView.count(total));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object o : (List<?>) links.get("links")) {
            Map<String, Object> r = new HashMap<>(ConsoleView.cast(o));
            r.put("firstSeenText", ConsoleView.time(r.get("firstSeen")));
            rows.add(r);
        }
        model.put("links", rows);
        String base = targetHref(links.get("kind"), target) + "&page=";
        model.putAll(page.links(total, rows.size(), n -> base + n));
        view.html(in, 200, "links-target", model);
    }

    /**
     * {@code POST /console/links/drop}: form fields {@code target} ({@code "<kind> <target key>"}, repeated),
     * {@code kind} (repeated), or {@code of-kind}, {@code of-target} and {@code source} (repeated) for some links of
     * one target. Without {@code confirm=yes} it shows what would be dropped, with the counts; with it, drops
     * ({@link LinksCatalog#drop}) and goes back to the Links page, which names the CSV.
     */
    public void drop(Message in) {
        view.requireSession(in);
        Map<String, List<String>> form = form(in);
        List<Selection> selections = new ArrayList<>();
        for (String t : form.getOrDefault("target", List.of())) {
            int space = t.indexOf(' ');
            if (space <= 0) {
                throw new ApiRefusal(400, "a selected target is not \"<kind> <target key>\"");
            }
            selections.add(new Selection(LinkKind.parse(t.substring(0, space)).orElseThrow(), t.substring(space + 1),
                    List.of()));
        }
        for (String k : form.getOrDefault("kind", List.of())) {
            LinkKind.parse(k).ifPresent(kind -> selections.add(new Selection(kind, null, List.of())));
        }
        String ofKind = first(form, "of-kind");
        List<String> sources = form.getOrDefault("source", List.of());
        if (ofKind != null && !ofKind.isBlank() && !sources.isEmpty()) {
            String ofTarget = first(form, "of-target");
            if (ofTarget == null || ofTarget.isEmpty()) {
                throw new ApiRefusal(400, "of-target is required with of-kind");
            }
            selections.add(new Selection(LinkKind.parse(ofKind).orElseThrow(), ofTarget, sources));
        }
        String reason = first(form, "reason");
        if ("yes".equals(first(form, "confirm"))) {
            Map<String, Object> dropped = catalog.drop(selections, reason);
            in.setBody("");
            ConsoleView.redirect(in, LINKS + "?dropped=" + URLEncoder.encode((String) dropped.get("file"),
                    StandardCharsets.UTF_8));
            return;
        }
        Map<String, Object> preview = catalog.preview(selections);
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Drop links?");
        model.put("links", ConsoleView.count(preview.get("links")));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object o : (List<?>) preview.get("selections")) {
            Map<String, Object> s = new HashMap<>(ConsoleView.cast(o));
            s.put("linksText", ConsoleView.count(s.get("links")));
            int picked = ((List<?>) s.get("sources")).size();
            s.put("sourceCount", picked == 0 ? null : picked);
            rows.add(s);
        }
        model.put("selections", rows);
        List<Map<String, String>> hidden = new ArrayList<>();
        for (String name : List.of("target", "kind", "of-kind", "of-target", "source")) {
            for (String value : form.getOrDefault(name, List.of())) {
                hidden.add(Map.of("name", name, "value", value));
            }
        }
        model.put("hidden", hidden);
        model.put("reason", reason == null || reason.isBlank() ? LinksCatalog.DEFAULT_REASON : reason);
        view.html(in, 200, "links-confirm", model);
    }

    /** {@code GET /console/links/dropped/{file}}: a dropped-links CSV by the name the page lists, as a download. */
    public void download(Message in) {
        view.requireSession(in);
        downloadFile(in);
    }

    /**
     * {@code GET /api/links/dropped/{file}} (behind the API's token check) and the page's download: the CSV by its
     * listed name, as an attachment under that name.
     *
     * @throws io.crmbridge.api.ApiRefusal 404 for a name {@link LinksCatalog#droppedFiles} does not list
     */
    public void downloadFile(Message in) {
        Path csv = catalog.droppedFile(in.getHeader("file", String.class));
        try {
            in.setBody(Files.readAllBytes(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        in.setHeader("Content-Type", "text/csv; charset=UTF-8");
        in.setHeader("Content-Disposition", "attachment; filename=\"" + csv.getFileName() + "\"");
    }

    private List<Map<String, Object>> files() {
        List<Map<String, Object>> files = new ArrayList<>();
        for (Object o : (List<?>) catalog.droppedFiles().get("files")) {
            Map<String, Object> f = new HashMap<>(ConsoleView.cast(o));
            f.put("href", LINKS + "/dropped/" + f.get("name"));
            f.put("linksText", ConsoleView.count(f.get("links")));
            f.put("createdText", ConsoleView.time(f.get("createdAt")));
            files.add(f);
        }
        return files;
    }

    /** The top targets by count as {@code {"labels": [...], "counts": [...]}} JSON, for the page's uPlot chart. */
    private String chartData(String kind) {
        Map<String, Object> top = catalog.list(String.valueOf(CHART_TARGETS), "0", "count", kind);
        StringBuilder labels = new StringBuilder("[");
        StringBuilder counts = new StringBuilder("[");
        for (Object o : (List<?>) top.get("targets")) {
            Map<String, Object> t = ConsoleView.cast(o);
            if (labels.length() > 1) {
                labels.append(',');
                counts.append(',');
            }
            labels.append(jsonString((String) t.get("target")));
            counts.append(((Number) t.get("links")).longValue());
        }
        // set in a data- attribute: mustache escapes it for HTML, the browser hands the script the JSON back
        return "{\"labels\":" + labels + "],\"counts\":" + counts + "]}";
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static Map<String, Object> targetView(Map<String, Object> t) {
        Map<String, Object> v = new HashMap<>(t);
        v.put("value", t.get("kind") + " " + t.get("target"));
        v.put("href", targetHref(t.get("kind"), (String) t.get("target")));
        v.put("linksText", ConsoleView.count(t.get("links")));
        v.put("oldestText", ConsoleView.time(t.get("oldest")));
        v.put("newestText", ConsoleView.time(t.get("newest")));
        v.put("examplesText", String.join(", ", ((List<?>) t.get("examples")).stream().map(String::valueOf).toList()));
        v.put("more", ((Number) t.get("links")).longValue() > ((List<?>) t.get("examples")).size());
        return v;
    }

    private static String targetHref(Object kind, String target) {
        return LINKS + "/target?kind=" + kind + "&target=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Every field of an {@code application/x-www-form-urlencoded} POST with all its values (checkboxes repeat a
     * name), whichever way Vert.x handed them over: a map body (a repeated name as a list) or the raw body.
     */
    static Map<String, List<String>> form(Message in) {
        Map<String, List<String>> form = new HashMap<>();
        Object body = in.getBody();
        if (body instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                List<String> values = form.computeIfAbsent(String.valueOf(k), x -> new ArrayList<>());
                if (v instanceof Iterable<?> many) {
                    many.forEach(x -> values.add(String.valueOf(x)));
                } else if (v != null) {
                    values.add(String.valueOf(v));
                }
            });
            return form;
        }
        String text = in.getBody(String.class);
        if (text != null) {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            x -> new ArrayList<>()).add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return form;
    }
}
