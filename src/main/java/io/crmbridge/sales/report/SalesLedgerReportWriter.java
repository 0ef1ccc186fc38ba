package io.crmbridge.sales.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.crmbridge.report.NumberFormatUsed;
import io.crmbridge.report.ReportFiles;
import io.crmbridge.sales.LedgerOutcome;
import io.crmbridge.sales.scoring.ScoringSummary;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link SalesLedgerReport} as {@code <reportsDir>/<baseName>.json} (the document of
 * {@link SalesLedgerReport#toMap()}, pretty-printed UTF-8) and {@code <baseName>.html} (a
 * self-contained page from the classpath template {@code templates/sales-ledger-report.html.mustache}
 * with the outcomes, the held rows and the segment distribution as tables and inline SVG bars),
 * each atomically. Every value is HTML-escaped by mustache.
 */
public final class SalesLedgerReportWriter {

    private static final int BAR_WIDTH = 400;
    private static final int ROW_HEIGHT = 26;

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Mustache template =
            new DefaultMustacheFactory("templates").compile("sales-ledger-report.html.mustache");

    /**
     * @return the written JSON file
     * @throws IOException when a file cannot be written
     */
    public Path writeJson(SalesLedgerReport report, Path reportsDir, String baseName) throws IOException {
        return ReportFiles.writeAtomically(reportsDir, baseName, ".json", mapper.writeValueAsBytes(report.toMap()));
    }

    /**
     * @return the written HTML file
     * @throws IOException when a file cannot be written
     */
    public Path writeHtml(SalesLedgerReport report, Path reportsDir, String baseName) throws IOException {
        StringWriter out = new StringWriter();
        template.execute(out, view(report)).flush();
        return ReportFiles.writeAtomically(reportsDir, baseName, ".html", out.toString().getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> view(SalesLedgerReport report) {
        Map<String, Object> doc = report.toMap();
        Map<String, Object> v = new LinkedHashMap<>(doc);
        List<Map<String, Object>> outcomes = new ArrayList<>();
        report.outcomes().forEach((o, n) -> outcomes.add(Map.of("outcome", o.name().toLowerCase(Locale.ROOT), "count", n)));
        v.put("outcomeRows", outcomes);
        List<Map<String, Object>> errors = new ArrayList<>();
        ((List<Map<String, Object>>) doc.get("topErrors")).forEach(e -> errors.add(Map.of("code", e.get("code"),
                "count", e.get("count"), "example", String.valueOf(e.get("example")))));
        v.put("errors", errors);
        v.put("held", doc.get("heldRows"));
        v.put("hasHeld", !((List<?>) doc.get("heldRows")).isEmpty());
        v.put("deadLetterFile", doc.get("deadLetterFile") == null ? "none" : doc.get("deadLetterFile"));
        v.put("numberFormat", report.numberFormat().map(NumberFormatUsed::describe).orElse("-"));
        v.put("rejected", report.count(LedgerOutcome.REJECTED));
        ScoringSummary scoring = report.scoring();
        if (scoring != null) {
            Map<String, Object> s = new LinkedHashMap<>(scoring.toMap());
            int max = Math.max(1, scoring.segments().values().stream().mapToInt(Integer::intValue).max().orElse(1));
            List<Map<String, Object>> bars = new ArrayList<>();
            int y = 0;
            for (Map.Entry<String, Integer> e : scoring.segments().entrySet()) {
                long width = Math.round((double) e.getValue() * BAR_WIDTH / max);
                Map<String, Object> bar = new LinkedHashMap<>();
                bar.put("segment", e.getKey());
                bar.put("count", e.getValue());
                bar.put("y", y);
                bar.put("textY", y + ROW_HEIGHT / 2 + 5);
                bar.put("width", width);
                bar.put("countX", 140 + width + 6);
                bars.add(bar);
                y += ROW_HEIGHT;
            }
            s.put("bars", bars);
            s.put("chartHeight", y);
            s.put("chartWidth", 140 + BAR_WIDTH + 80);
            s.put("referenceDate", scoring.referenceDate() == null ? "-" : scoring.referenceDate().toString());
            v.put("scoring", s);
        }
        v.put("push", pushView(doc.get("push")));
        return v;
    }

    /** The push section for the template: its outcome maps as lists of {key, value} (mustache walks lists). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> pushView(Object section) {
        if (section == null) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>((Map<String, Object>) section);
        for (String target : List.of("hubspot", "brevo")) {
            List<Map<String, Object>> entries = new ArrayList<>();
            Object counts = view.get(target);
            if (counts instanceof Map<?, ?> m) {
                m.forEach((k, n) -> entries.add(Map.of("key", k, "value", n)));
            }
            view.put(target, entries);
        }
        return view;
    }
}
