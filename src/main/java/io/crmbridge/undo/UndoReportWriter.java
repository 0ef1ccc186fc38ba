package io.crmbridge.undo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.ledger.RunChanges.UndoState;
import io.crmbridge.model.ObjectType;
import io.crmbridge.report.SpreadsheetFormulaGuard;
import io.crmbridge.undo.UndoResult.Counts;
import io.crmbridge.undo.UndoResult.Decision;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes an undo's report to {@code <outbox>/undo/} (docs/undo.md "The report"): {@code <base>-undo.json},
 * {@code <base>-undo.html} (templates/undo-report.html.mustache, the import report's look) and
 * {@code <base>-undo-dead-letter.csv} (the kept and failed records), where {@code <base>} is the base name of the
 * run's import report, or {@code run-<id>} for a run without one. A repeated undo replaces the three files.
 */
public class UndoReportWriter {

    /** The outbox folder of undo reports. */
    public static final String FOLDER = "undo";
    /** The columns of the dead-letter CSV. */
    static final String[] CSV_HEADER = {"object_type", "hubspot_id", "natural_key", "outcome", "reason",
        "changed_by_run"};

    private final Path dir;
    private final ObjectMapper json;
    private final Mustache template;

    /** @param outbox the outbox; reports go to its {@value #FOLDER} folder */
    public UndoReportWriter(Path outbox, ObjectMapper json) {
        this.dir = outbox.resolve(FOLDER);
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
        this.template = new DefaultMustacheFactory("templates").compile("undo-report.html.mustache");
    }

    /** The base name of run {@code run}'s undo files, e.g. {@code 20261205-contacts-undo}. */
    public static String baseName(ImportRun run) {
        String report = run.getReportPath();
        String name = report == null ? "" : Path.of(report).getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : "";
        return (base.isBlank() ? "run-" + run.getId() : base) + "-undo";
    }

    /** Where run {@code run}'s undo report ({@code .json}) is, whether written or not. */
    public Path jsonReport(ImportRun run) {
        return dir.resolve(baseName(run) + ".json");
    }

    /**
     * Writes the three files of {@code result}, replacing those of an earlier undo of the run.
     *
     * @return {@code json}, {@code html} and {@code csv} -> the written file
     * @throws UncheckedIOException when a file cannot be written
     */
    public Map<String, Path> write(UndoResult result, ImportRun run) {
        String base = baseName(run);
        Map<String, Path> files = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            files.put("csv", replace(base + "-dead-letter.csv", csv(result)));
            Map<String, Object> body = body(result, run, dir.resolve(base + "-dead-letter.csv"));
            files.put("json", replace(base + ".json", json.writeValueAsBytes(body)));
            StringWriter html = new StringWriter();
            template.execute(html, htmlView(body, result)).flush();
            files.put("html", replace(base + ".html", html.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("the undo report of run " + result.runId() + " cannot be written", e);
        }
        return files;
    }

    /**
     * The report's content, as the JSON file and {@code POST /api/runs/{id}/undo} give it: counts per type and in
     * total, associations, requests, and the kept and failed records.
     */
    public static Map<String, Object> body(UndoResult r, ImportRun run, Path deadLetter) {
        Map<String, Object> m = summary(r);
        m.put("file", run.getFileName());
        m.put("deadLetterFile", deadLetter == null ? null : deadLetter.getFileName().toString());
        m.put("notReversed", r.records().stream().filter(d -> d.state() != UndoState.REVERSED)
                .map(UndoReportWriter::decision).toList());
        return m;
    }

    /** Run, dry run, nothing sent, counts per type and totals, associations, requests, times. */
    public static Map<String, Object> summary(UndoResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", r.runId());
        m.put("dryRun", r.dryRun());
        m.put("alreadyUndone", r.nothingSent());
        m.put("startedAt", r.startedAt().toString());
        m.put("finishedAt", r.finishedAt().toString());
        Map<String, Object> types = new LinkedHashMap<>();
        r.counts().forEach((type, c) -> types.put(type.pathName(), counts(c)));
        m.put("types", types);
        m.put("totals", counts(new Counts(r.total(Counts::records), r.total(Counts::reversed), r.total(Counts::kept),
                r.total(Counts::failed), r.total(Counts::archived), r.total(Counts::restored),
                r.total(Counts::earlier))));
        m.put("associationsArchived", r.associations());
        m.put("requests", r.requests());
        m.put("retries", r.retries());
        return m;
    }

    /** One decision as the API and the report show it. */
    public static Map<String, Object> decision(Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objectType", d.type().pathName());
        m.put("hubspotId", d.hubspotId());
        m.put("naturalKey", d.naturalKey());
        m.put("created", d.created());
        m.put("outcome", d.state().name());
        m.put("action", d.action().name().toLowerCase(Locale.ROOT));
        m.put("reason", d.reason());
        m.put("changedBy", d.changedBy());
        return m;
    }

    private static Map<String, Object> counts(Counts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("records", c.records());
        m.put("reversed", c.reversed());
        m.put("kept", c.kept());
        m.put("failed", c.failed());
        m.put("archived", c.archived());
        m.put("restored", c.restored());
        m.put("earlier", c.earlier());
        return m;
    }

    private static Map<String, Object> htmlView(Map<String, Object> body, UndoResult r) {
        Map<String, Object> v = new LinkedHashMap<>(body);
        v.put("nothingSent", r.nothingSent());
        v.put("records", r.total(Counts::records));
        v.put("reversed", r.total(Counts::reversed));
        v.put("kept", r.total(Counts::kept));
        v.put("failed", r.total(Counts::failed));
        v.put("associations", r.associations());
        List<Map<String, Object>> types = new ArrayList<>();
        for (Map.Entry<ObjectType, Counts> e : r.counts().entrySet()) {
            Map<String, Object> t = counts(e.getValue());
            t.put("type", e.getKey().pathName());
            types.add(t);
        }
        v.put("types", types);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object o : (List<?>) body.get("notReversed")) {
            Map<String, Object> row = new LinkedHashMap<>((Map<String, Object>) o);
            row.put("state", row.get("outcome"));
            row.put("changedBy", row.get("changedBy") == null ? "-" : row.get("changedBy"));
            rows.add(row);
        }
        v.put("notReversed", rows);
        return v;
    }

    private static byte[] csv(UndoResult r) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get())) {
            for (Decision d : r.records()) {
                if (d.state() == UndoState.REVERSED) {
                    continue;
                }
                // the key and HubSpot's message come from outside: no cell may start a spreadsheet formula
                p.printRecord(d.type().pathName(), d.hubspotId(), SpreadsheetFormulaGuard.neutralise(d.naturalKey()),
                        d.state().name(), SpreadsheetFormulaGuard.neutralise(d.reason()),
                        d.changedBy() == null ? "" : d.changedBy());
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes beside, then moves over any earlier file: a reader never sees half a report. */
    private Path replace(String name, byte[] content) throws IOException {
        Path target = dir.resolve(name);
        Path temp = Files.createTempFile(dir, ".undo-", ".tmp");
        try {
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }
}
