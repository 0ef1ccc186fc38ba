package io.crmbridge.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.Outcome;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link ImportReport} as the human-readable HTML report (R1): a self-contained page
 * (inline CSS, inline SVG bar chart of the five outcomes, no scripts or external assets) rendered
 * with mustache.java from the classpath template {@code templates/report.html.mustache}, to
 * {@code <reportsDir>/<baseName>.html}, atomically (temporary file + {@code ATOMIC_MOVE}).
 *
 * <p>Every value goes through mustache's HTML escaping ({@code {{ }}}, never {@code {{{ }}}}), so
 * hostile file names, column names and HubSpot messages show as text.
 */
public final class HtmlReportWriter {

    /** The updated rows whose property changes the HTML report of a dry run lists; the JSON report has them all. */
    static final int PREVIEW_ROWS = 20;

    /** Width in SVG units of the longest bar of the outcome chart. */
    static final int CHART_BAR_WIDTH = 400;
    private static final int CHART_ROW_HEIGHT = 28;

    private final Mustache template;

    /** Compiles the template once; a compiled mustache is safe to execute from several threads. */
    public HtmlReportWriter() {
        this.template = new DefaultMustacheFactory("templates").compile("report.html.mustache");
    }

    /**
     * @param report     the finished report
     * @param reportsDir the directory to write into (created when missing), e.g. {@code outbox/reports}
     * @param baseName   file name without extension; must not contain a path separator
     * @return the written {@code .html} file
     * @throws IOException              when the file cannot be written
     * @throws IllegalArgumentException when {@code baseName} is not a plain file name
     */
    public Path write(ImportReport report, Path reportsDir, String baseName) throws IOException {
        StringWriter out = new StringWriter();
        template.execute(out, view(report)).flush();
        return ReportFiles.writeAtomically(reportsDir, baseName, ".html", out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The values the template shows; every leaf is a string, number or boolean (never null). */
    private static Map<String, Object> view(ImportReport r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("file", r.file());
        v.put("objectType", r.objectType().pathName());
        v.put("charset", orDash(r.charset()));
        v.put("delimiter", delimiterLabel(r.delimiter()));
        v.put("dryRun", r.dryRun());
        v.put("rowsRead", r.rowsRead());
        v.put("duration", ReportFormat.seconds(r.durationMs()));
        v.put("throughput", ReportFormat.wholeNumber(r.rowsPerSecond()));
        v.put("quality", ReportFormat.percent(r.dataQualityScore()));
        v.put("rowsWithWarnings", r.rowsWithWarnings());
        v.put("startedAt", r.startedAt().toString());
        v.put("finishedAt", r.finishedAt().map(Instant::toString).orElse("not finished"));
        v.put("dateOrder", r.dateOrder().orElse("-"));
        v.put("lines", r.lines().map(l -> l.read() + " read: " + l.header() + " header, " + l.blank() + " blank, "
                + l.inRows() + " in rows").orElse("-"));
        v.put("numberFormat", r.numberFormat().map(NumberFormatUsed::describe).orElse("-"));
        v.put("deadLetterFile", r.deadLetterFile().orElse("none"));

        List<Map<String, Object>> outcomes = new ArrayList<>();
        List<Map<String, Object>> bars = new ArrayList<>();
        long max = 1;
        for (Outcome o : Outcome.values()) {
            max = Math.max(max, r.count(o));
        }
        int y = 0;
        for (Outcome o : Outcome.values()) {
            long n = r.count(o);
            outcomes.add(Map.of("outcome", ImportReport.name(o), "count", n));
            Map<String, Object> bar = new LinkedHashMap<>();
            bar.put("outcome", ImportReport.name(o));
            bar.put("count", n);
            bar.put("y", y);
            bar.put("textY", y + CHART_ROW_HEIGHT / 2 + 5);
            bar.put("width", Math.round((double) n * CHART_BAR_WIDTH / max));
            bar.put("countX", 100 + Math.round((double) n * CHART_BAR_WIDTH / max) + 6);
            bars.add(bar);
            y += CHART_ROW_HEIGHT;
        }
        v.put("outcomes", outcomes);
        v.put("bars", bars);
        v.put("chartHeight", y);
        v.put("chartWidth", 100 + CHART_BAR_WIDTH + 80);

        List<Map<String, Object>> secondary = new ArrayList<>();
        for (Map.Entry<ObjectType, Map<Outcome, Long>> e : r.secondaryOutcomes().entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", e.getKey().pathName());
            for (Outcome o : Outcome.values()) {
                row.put(ImportReport.name(o), e.getValue().get(o));
            }
            secondary.add(row);
        }
        v.put("secondary", secondary);

        List<Map<String, Object>> errors = new ArrayList<>();
        r.errorsByCode().entrySet().stream()
                .sorted(Map.Entry.<ErrorCode, Long>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> errors.add(Map.of("code", e.getKey().name(), "count", e.getValue(),
                        "example", r.errorSample(e.getKey()).orElse(""))));
        v.put("errors", errors);

        List<Map<String, Object>> warnings = new ArrayList<>();
        r.warningsByCode().entrySet().stream()
                .sorted(Map.Entry.<ErrorCode, Long>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> warnings.add(Map.of("code", e.getKey().name(), "count", e.getValue())));
        v.put("warnings", warnings);

        List<Map<String, Object>> unmapped = new ArrayList<>();
        r.unmappedColumns().forEach(c -> unmapped.add(Map.of("column", c == null ? "" : c)));
        v.put("unmappedColumns", unmapped);
        List<Map<String, Object>> duplicates = new ArrayList<>();
        r.duplicateColumns().forEach(c -> duplicates.add(Map.of("column", c == null ? "" : c)));
        v.put("duplicateColumns", duplicates);
        // runs of the same content a stopped process left unfinished: this report accounts for their rows
        v.put("interruptedRuns", r.interruptedRuns().stream().map(id -> Map.of("run", id)).toList());
        v.put("hasInterruptedRuns", !r.interruptedRuns().isEmpty());
        // a preview's updates with their changes: the first rows here, every one in the JSON report (U2)
        List<ImportReport.RowChanges> changed = r.propertyChanges();
        v.put("propertyChanges", ImportReport.propertyChangesList(changed.subList(0, Math.min(PREVIEW_ROWS,
                changed.size()))));
        v.put("hasPropertyChanges", !changed.isEmpty());
        v.put("propertyChangesMore", Math.max(0, changed.size() - PREVIEW_ROWS));

        List<Map<String, Object>> unknown = new ArrayList<>();
        r.unknownProperties().forEach(u -> unknown.add(Map.of("objectType", u.objectType().pathName(),
                "column", orDash(u.column()), "property", u.property())));
        v.put("unknownProperties", unknown);
        List<Map<String, Object>> rules = new ArrayList<>();
        r.validationRules().forEach(rv -> rules.add(Map.of("objectType", rv.objectType().pathName(),
                "rules", rv.read() ? Integer.toString(rv.rules()) : "-",
                "checked", rv.read() ? Integer.toString(rv.checked()) : "-",
                "reason", rv.read() ? "read" : "not read: " + rv.reason())));
        v.put("validationRules", rules);

        v.put("associationsCreated", r.associationsCreated());
        v.put("associationsPending", r.associationsPending());
        v.put("requests", r.requests());
        v.put("dailyUsage", dailyUsageLine(r));
        v.put("retries", r.retries());
        v.put("rateLimited", r.rateLimitedCount());
        return v;
    }

    /**
     * The daily budget line of the traffic table: what was left of the account's daily requests when the file
     * started and the file's estimate, or why the usage is unknown; "-" when it was not read.
     */
    static String dailyUsageLine(ImportReport r) {
        io.crmbridge.hubspot.DailyUsage u = r.dailyUsage();
        if (u == null) {
            return "-";
        }
        String estimate = r.estimatedRequests() + " requests estimated for this file";
        if (!u.isKnown()) {
            return "unknown (" + u.unknownReason() + "); " + estimate;
        }
        return u.remaining().orElseThrow() + " of " + u.usageLimit() + " left"
                + (u.resetsAt() == null ? "" : " (resets " + u.resetsAt() + ")") + "; " + estimate;
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    /** Names invisible or easily confused delimiters, so the header stays readable. */
    private static String delimiterLabel(String d) {
        if (d == null || d.isEmpty()) {
            return "-";
        }
        switch (d) {
            case "\t":
                return "tab";
            case ",":
                return ", (comma)";
            case ";":
                return "; (semicolon)";
            case "|":
                return "| (pipe)";
            default:
                return d;
        }
    }
}
