package io.crmbridge.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.api.ApiRefusal;
import io.crmbridge.console.upload.UploadRecords;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.model.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Header;

/**
 * The import runs as the console and {@code /api/runs} show them (docs/console.md): what the ledger holds of
 * each run (file, object type, status, times) with the counts of its JSON report in the outbox (rows by
 * {@link Outcome}, quality score, duration), and the run's own outbox files ({@link RunFile}) for download.
 * A run's files are found from the report path the ledger recorded, never from a path in the request.
 */
public class RunCatalog {

    /** Most runs a page or an API call returns. */
    public static final int MAX_LIMIT = 500;
    /** Runs a page holds when the request does not say. */
    public static final int DEFAULT_LIMIT = 50;

    private final Ledger ledger;
    private final Path outbox;
    private final ObjectMapper json;
    private final UploadRecords uploads;

    /** A catalog whose runs name no uploader. */
    public RunCatalog(Ledger ledger, Path outbox, ObjectMapper json) {
        this(ledger, outbox, json, null);
    }

    /** @param uploads who uploaded which file (the console's uploads); null when unknown */
    public RunCatalog(Ledger ledger, Path outbox, ObjectMapper json, UploadRecords uploads) {
        this.ledger = ledger;
        this.outbox = outbox.toAbsolutePath().normalize();
        this.json = json;
        this.uploads = uploads;
    }

    /**
     * A page of runs, newest first: {@code {"runs": [...], "total", "limit", "offset"}} (each run as {@link #run}).
     *
     * @param limit  1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}
     * @param offset 0 or more, default 0
     * @throws ApiRefusal 400 for a limit or offset out of range or not a number
     */
    public Map<String, Object> runs(@Header("limit") String limit, @Header("offset") String offset) {
        int l = number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        int o = number("offset", offset, 0, 0, Integer.MAX_VALUE);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (ImportRun r : ledger.runs(o, l)) {
            runs.add(describe(r));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("runs", runs);
        page.put("total", ledger.runCount());
        page.put("limit", l);
        page.put("offset", o);
        return page;
    }

    /**
     * One run: {@code id}, {@code file}, {@code objectType}, {@code status} (the ledger's: RUNNING, COMPLETED,
     * FAILED, INTERRUPTED), {@code dryRun}, {@code rowsRead}, {@code outcomes} (created, updated, unchanged,
     * rejected, failed; null before the report is written), {@code dataQualityScore}, {@code durationMs},
     * {@code startedAt}, {@code finishedAt}, {@code files} (the {@link RunFile#urlName()}s that exist) and
     * {@code uploadedBy}, {@code uploadedAt} (who uploaded the file through the console or the API; null for a file
     * dropped in the inbox).
     *
     * @throws ApiRefusal 400 for an id that is not a number, 404 for an id the ledger does not know
     */
    public Map<String, Object> run(@Header("id") String id) {
        return describe(find(id));
    }

    /**
     * The file of kind {@code kind} of run {@code id}.
     *
     * @throws ApiRefusal 404 for an unknown run, kind or a file the run does not have
     */
    public Path file(String id, String kind) {
        RunFile f = RunFile.ofUrlName(kind).orElseThrow(() -> new ApiRefusal(404, "no such file of a run"));
        return existing(find(id), f).orElseThrow(() -> new ApiRefusal(404, "run " + id + " has no " + f.urlName()));
    }

    private ImportRun find(String id) {
        long n;
        try {
            n = Long.parseLong(id == null ? "" : id.trim());
        } catch (NumberFormatException e) {
            throw new ApiRefusal(400, "run id must be a number");
        }
        return ledger.run(n).orElseThrow(() -> new ApiRefusal(404, "no import run " + n));
    }

    private Map<String, Object> describe(ImportRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.getId());
        m.put("file", r.getFileName());
        m.put("objectType", r.getObjectType());
        m.put("status", r.getStatus().name());
        m.put("dryRun", r.isDryRun());
        m.put("rowsRead", r.getRowsRead());
        JsonNode report = existing(r, RunFile.JSON_REPORT).map(this::read).orElse(null);
        Map<String, Object> outcomes = null;
        if (report != null && report.path("outcomes").isObject()) {
            outcomes = new LinkedHashMap<>();
            for (Outcome o : Outcome.values()) {
                String key = o.name().toLowerCase(Locale.ROOT);
                outcomes.put(key, report.path("outcomes").path(key).asLong(0));
            }
            m.put("rowsRead", report.path("rowsRead").asLong(r.getRowsRead()));
        }
        m.put("outcomes", outcomes);
        JsonNode quality = report == null ? null : report.get("dataQualityScore");
        m.put("dataQualityScore", quality == null || quality.isNull() ? null : quality.asDouble());
        Instant end = r.getFinishedAt();
        JsonNode duration = report == null ? null : report.get("durationMs");
        Long durationMs = null;
        if (duration != null && duration.isNumber()) {
            durationMs = duration.asLong();
        } else if (end != null) {
            durationMs = Duration.between(r.getStartedAt(), end).toMillis();
        }
        // null while the run goes on and has no report yet
        m.put("durationMs", durationMs);
        m.put("startedAt", r.getStartedAt().toString());
        m.put("finishedAt", end == null ? null : end.toString());
        List<String> files = new ArrayList<>();
        for (RunFile f : RunFile.values()) {
            existing(r, f).ifPresent(p -> files.add(f.urlName()));
        }
        m.put("files", files);
        Optional<UploadRecords.Uploaded> upload = uploads == null ? Optional.empty()
                : uploads.of(r.getFileName(), r.getContentHash(), r.getStartedAt());
        m.put("uploadedBy", upload.map(UploadRecords.Uploaded::by).orElse(null));
        m.put("uploadedAt", upload.map(u -> u.at().toString()).orElse(null));
        return m;
    }

    /** The run's file of this kind when it exists, inside the outbox folder of its kind. */
    private Optional<Path> existing(ImportRun r, RunFile f) {
        String reportPath = r.getReportPath();
        if (reportPath == null) {
            return Optional.empty();
        }
        String name = Path.of(reportPath).getFileName().toString();
        if (!name.endsWith(".json")) {
            return Optional.empty();
        }
        String base = name.substring(0, name.length() - ".json".length());
        Path folder = outbox.resolve(f.folder()).normalize();
        Path file = folder.resolve(base + f.suffix()).normalize();
        // the base comes from the ledger, written by crm-bridge; still, never serve anything outside the folder
        if (base.isEmpty() || !file.getParent().equals(folder) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    private JsonNode read(Path report) {
        try {
            return json.readTree(report.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Query parameter {@code name}: {@code absent} when blank, else a whole number from {@code min} to {@code max}.
     *
     * @throws ApiRefusal 400 naming the parameter otherwise
     */
    public static int number(String name, String value, int absent, int min, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ApiRefusal(400, name + " must be a whole number from " + min + " to " + max);
        }
        if (n < min || n > max) {
            throw new ApiRefusal(400, name + " must be from " + min + " to " + max + ", not " + n);
        }
        return (int) n;
    }
}
