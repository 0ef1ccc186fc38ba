package io.crmbridge.console;

import io.crmbridge.api.ApiRefusal;
import io.crmbridge.ledger.ImportHistory;
import io.crmbridge.pipeline.ImportProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.Header;

/**
 * The imports across time (docs/console.md "Read the imports"): every run the ledger knows with its state
 * ({@code waiting}, {@code running}, {@code done}, {@code failed}, {@code skipped}, {@code interrupted}, {@code undone}), the files
 * skipped as already imported ({@link ImportHistory}), the files waiting in the inbox, the live progress of the runs
 * in flight ({@link ImportProgress}), a run's archived original and the history of its content. Runs are described
 * by {@link RunCatalog}, with these fields added, so that {@code /api/runs} keeps its shape.
 */
public class ImportsCatalog {

    /** The state of each ledger status, as the console names it. */
    private static final Map<String, String> STATES = Map.of("RUNNING", "running", "COMPLETED", "done",
            "FAILED", "failed", "INTERRUPTED", "interrupted", "SKIPPED", "skipped", "UNDONE", "undone");

    private final RunCatalog runs;
    private final ImportHistory history;
    private final ImportProgress progress;
    private final Path inbox;

    /** @param inbox the inbox folder: files waiting are listed from it, originals served from its {@code .done/} */
    public ImportsCatalog(RunCatalog runs, ImportHistory history, ImportProgress progress, Path inbox) {
        this.runs = runs;
        this.history = history;
        this.progress = progress;
        this.inbox = inbox.toAbsolutePath().normalize();
    }

    /**
     * {@link RunCatalog#runs} with, on each run, {@code state}, {@code original} (whether its archived file can be
     * downloaded) and {@code progress} (as {@link #progress}, null when not in flight), and {@code waiting}: the
     * files in the inbox not taken yet ({@code file}, {@code sizeBytes}, {@code modifiedAt}).
     */
    public Map<String, Object> runs(@Header("limit") String limit, @Header("offset") String offset) {
        Map<String, Object> page = new LinkedHashMap<>(runs.runs(limit, offset));
        List<Map<String, Object>> decorated = new ArrayList<>();
        for (Object r : (List<?>) page.get("runs")) {
            decorated.add(decorate(ConsoleView.cast(r)));
        }
        page.put("runs", decorated);
        page.put("waiting", waiting());
        return page;
    }

    /**
     * {@link RunCatalog#run} with the fields of {@link #runs} and {@code history}: every run and skipped file of the
     * same content, oldest first (this run included), as in {@link #imports}.
     *
     * @throws ApiRefusal 400 for an id that is not a number, 404 for an unknown run
     */
    public Map<String, Object> run(@Header("id") String id) {
        Map<String, Object> run = decorate(runs.run(id));
        List<Map<String, Object>> same = new ArrayList<>();
        String hash = history.contentHash(((Number) run.get("id")).longValue()).orElse(null);
        if (hash != null) {
            for (ImportHistory.Entry e : history.sameContent(hash)) {
                same.add(entry(e, false));
            }
        }
        run.put("history", same);
        return run;
    }

    /**
     * A page of the runs and skipped files, sorted: {@code {"imports": [...], "total", "limit", "offset", "sort",
     * "order", "waiting"}}; an entry of kind {@code run} is a run as {@link #runs} gives it, one of kind
     * {@code skipped} has {@code id} (the skip's own number), {@code file}, {@code objectType}, {@code status}
     * {@code SKIPPED}, {@code state} {@code skipped}, {@code duplicateOf} (the run of the same content) and
     * {@code startedAt}/{@code finishedAt} (when it was skipped).
     *
     * @param sort  one of {@link ImportHistory.SortColumn}'s names in lower case; {@code started} when absent
     * @param order {@code asc} or {@code desc}; {@code desc} when absent
     * @throws ApiRefusal 400 for a sort column or order out of these, or a limit or offset out of range
     */
    public Map<String, Object> imports(@Header("limit") String limit, @Header("offset") String offset,
                                       @Header("sort") String sort, @Header("order") String order) {
        int l = RunCatalog.number("limit", limit, RunCatalog.DEFAULT_LIMIT, 1, RunCatalog.MAX_LIMIT);
        int o = RunCatalog.number("offset", offset, 0, 0, Integer.MAX_VALUE);
        ImportHistory.SortColumn column = sortColumn(sort);
        boolean ascending = ascending(order);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (ImportHistory.Entry e : history.entries(column, ascending, o, l)) {
            entries.add(entry(e, true));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("imports", entries);
        page.put("total", history.entryCount());
        page.put("limit", l);
        page.put("offset", o);
        page.put("sort", column.urlName());
        page.put("order", ascending ? "asc" : "desc");
        page.put("waiting", waiting());
        return page;
    }

    /**
     * The live progress of run {@code id}: {@code id}, {@code state}, {@code running}, {@code rowsDone} (rows with an
     * outcome), {@code rowsRead}, {@code rowsEstimated} (from the bytes read against the file's size), {@code
     * rowsPerSecond}, {@code secondsLeft}, {@code percent}, {@code bytesRead}, {@code fileBytes}, {@code elapsedMs}.
     * A run not in flight in this process answers {@code running: false} with its final rows done, percent 100 once
     * done, and null rates.
     *
     * @throws ApiRefusal 400 for an id that is not a number, 404 for an unknown run
     */
    public Map<String, Object> progress(@Header("id") String id) {
        Map<String, Object> run = runs.run(id);
        long runId = ((Number) run.get("id")).longValue();
        String state = state(run.get("status"));
        Optional<ImportProgress.Figures> live = progress.of(runId);
        if (live.isPresent()) {
            return liveFigures(live.get(), state);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", runId);
        m.put("state", state);
        m.put("running", false);
        long read = ((Number) run.get("rowsRead")).longValue();
        m.put("rowsDone", read);
        m.put("rowsRead", read);
        m.put("rowsEstimated", read);
        m.put("rowsPerSecond", null);
        m.put("secondsLeft", null);
        m.put("percent", "done".equals(state) ? 100 : 0);
        m.put("bytesRead", null);
        m.put("fileBytes", null);
        m.put("elapsedMs", run.get("durationMs"));
        return m;
    }

    private static Map<String, Object> liveFigures(ImportProgress.Figures f, String state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.runId());
        m.put("state", state);
        m.put("running", true);
        m.put("rowsDone", f.rowsDone());
        m.put("rowsRead", f.rowsRead());
        m.put("rowsEstimated", f.rowsEstimated());
        m.put("rowsPerSecond", f.rowsPerSecond());
        m.put("secondsLeft", f.secondsLeft());
        m.put("percent", f.percent());
        m.put("bytesRead", f.bytesRead());
        m.put("fileBytes", f.fileBytes());
        m.put("elapsedMs", f.elapsedMs());
        return m;
    }

    /**
     * The archived original of run {@code id}: {@code inbox/.done/<archive name>} as the ledger recorded it when the
     * intake archived the file.
     *
     * @throws ApiRefusal 404 for an unknown run, or one whose file was not archived (still running, failed, or a file
     *                    archived before the ledger recorded names)
     */
    public Path original(String id) {
        long runId = ((Number) runs.run(id).get("id")).longValue();
        return existingOriginal(runId).orElseThrow(() -> new ApiRefusal(404, "run " + runId + " has no archived original"));
    }

    /** The run ids in flight in this process. */
    public Set<Long> running() {
        return progress.runIds();
    }

    /** The figures of a run in flight, if it is. */
    public Optional<ImportProgress.Figures> live(long runId) {
        return progress.of(runId);
    }

    /** How many runs and skipped files the ledger knows. */
    public long entryCount() {
        return history.entryCount();
    }

    /**
     * The files waiting in the inbox, oldest first: regular files, not hidden, not Camel's lock files, not the file
     * of a run in flight (it stays in the inbox until it is archived).
     */
    public List<Map<String, Object>> waiting() {
        Set<String> inFlight = progress.runIds().stream().map(progress::of).flatMap(Optional::stream)
                .map(ImportProgress.Figures::fileName).collect(Collectors.toSet());
        List<Map<String, Object>> files = new ArrayList<>();
        if (!Files.isDirectory(inbox)) {
            return files;
        }
        try (Stream<Path> list = Files.list(inbox)) {
            List<Path> sorted = list.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".")
                            && !p.getFileName().toString().endsWith(".camelLock")
                            && !inFlight.contains(p.getFileName().toString()))
                    .sorted((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
                    .toList();
            for (Path p : sorted) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("file", p.getFileName().toString());
                f.put("sizeBytes", p.toFile().length());
                f.put("modifiedAt", Files.getLastModifiedTime(p).toInstant().toString());
                f.put("state", "waiting");
                files.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static ImportHistory.SortColumn sortColumn(String sort) {
        if (sort == null || sort.isBlank()) {
            return ImportHistory.SortColumn.STARTED;
        }
        return Arrays.stream(ImportHistory.SortColumn.values()).filter(c -> c.urlName().equals(sort.trim()))
                .findFirst().orElseThrow(() -> new ApiRefusal(400, "sort must be one of " + Arrays.stream(
                        ImportHistory.SortColumn.values()).map(ImportHistory.SortColumn::urlName).toList()));
    }

    static boolean ascending(String order) {
        if (order == null || order.isBlank() || order.trim().equals("desc")) {
            return false;
        }
        if (order.trim().equals("asc")) {
            return true;
        }
        throw new ApiRefusal(400, "order must be asc or desc");
    }

    private Map<String, Object> entry(ImportHistory.Entry e, boolean describeRuns) {
        if (e.kind() == ImportHistory.Kind.RUN && describeRuns) {
            Map<String, Object> run = decorate(runs.run(Long.toString(e.id())));
            run.put("kind", "run");
            return run;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
        m.put("id", e.id());
        m.put("file", e.fileName());
        m.put("objectType", e.objectType());
        m.put("status", e.status());
        m.put("state", state(e.status()));
        m.put("rowsRead", e.rowsRead());
        m.put("duplicateOf", e.duplicateOf());
        m.put("startedAt", e.startedAt() == null ? null : e.startedAt().toString());
        m.put("finishedAt", e.finishedAt() == null ? null : e.finishedAt().toString());
        return m;
    }

    /**
     * The word the console and the API use for a ledger status ({@code COMPLETED} reads {@code done}, {@code RUNNING}
     * {@code running}, ...: docs/console.md "Read the imports"); null for another value.
     */
    public static String state(Object status) {
        return STATES.get(String.valueOf(status));
    }

    private Map<String, Object> decorate(Map<String, Object> run) {
        Map<String, Object> m = new LinkedHashMap<>(run);
        long id = ((Number) run.get("id")).longValue();
        m.put("state", state(run.get("status")));
        m.put("original", existingOriginal(id).isPresent());
        m.put("progress", progress.of(id).map(f -> liveFigures(f, (String) m.get("state"))).orElse(null));
        return m;
    }

    private Optional<Path> existingOriginal(long runId) {
        Path done = inbox.resolve(".done");
        return history.archiveName(runId).map(done::resolve).map(Path::normalize)
                // the name is crm-bridge's own (ArchiveName); still, never serve anything outside the archive
                .filter(p -> done.equals(p.getParent()) && Files.isRegularFile(p));
    }
}
