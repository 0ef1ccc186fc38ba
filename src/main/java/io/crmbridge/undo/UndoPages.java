package io.crmbridge.undo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.api.ApiRefusal;
import io.crmbridge.console.ConsoleView;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.ledger.RunChanges.UndoState;
import io.crmbridge.undo.UndoResult.Action;
import io.crmbridge.undo.UndoResult.Counts;
import io.crmbridge.undo.UndoResult.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Header;

/**
 * The undo of a run over HTTP (routes/console-undo.yaml, docs/undo.md, docs/console.md): {@code GET /api/runs/{id}/undo}
 * (the dry run's answer), {@code POST /api/runs/{id}/undo} (the undo), the console's confirmation page
 * {@code /console/imports/{id}/undo} and the undo's part of a run's page.
 */
public class UndoPages {

    /** Decisions listed in the dry run's answer and on the confirmation page, at most. */
    static final int LISTED = 100;

    private final RunUndo undo;
    private final UndoReportWriter reports;
    private final ConsoleView view;
    private final ObjectMapper json;

    public UndoPages(RunUndo undo, UndoReportWriter reports, ConsoleView view, ObjectMapper json) {
        this.undo = undo;
        this.reports = reports;
        this.view = view;
        this.json = json;
    }

    /**
     * {@code GET /api/runs/{id}/undo}: what an undo would do, nothing written: the counts per type and in total,
     * associations, requests, {@code decisions} (the first {@value #LISTED}: kept and failed ones first) and
     * {@code decisionsTotal}.
     *
     * @throws ApiRefusal 400 for an id that is not a number; {@link UndoRefused} 404, 409 or 502
     */
    public Map<String, Object> preview(@Header("id") String id) {
        UndoResult r = undo.undo(runId(id), true);
        Map<String, Object> m = UndoReportWriter.summary(r);
        List<Decision> listed = new ArrayList<>(r.records());
        // what the user must read first: the records that will not be reversed
        listed.sort(java.util.Comparator.comparing((Decision d) -> d.state() == UndoState.REVERSED));
        m.put("decisions", listed.stream().limit(LISTED).map(UndoReportWriter::decision).toList());
        m.put("decisionsTotal", r.records().size());
        return m;
    }

    /**
     * {@code POST /api/runs/{id}/undo}: undoes the run; its counts and {@code reports} (json, html, csv: paths under
     * the outbox).
     *
     * @throws ApiRefusal 400 for an id that is not a number; {@link UndoRefused} 404, 409 or 502
     */
    public Map<String, Object> undo(@Header("id") String id) {
        UndoResult r = undo.undo(runId(id), false);
        Map<String, Object> m = UndoReportWriter.summary(r);
        Map<String, String> files = new LinkedHashMap<>();
        r.reportFiles().forEach((kind, path) -> files.put(kind, UndoReportWriter.FOLDER + "/" + path.getFileName()));
        m.put("reports", files);
        return m;
    }

    /**
     * {@code GET /console/imports/{id}/undo}: the confirmation page, with the dry run's counts and the records that
     * would be kept; {@code POST} (the page's button): undoes the run, then back to the run's page.
     */
    public void page(Message in) {
        view.requireSession(in);
        String id = in.getHeader("id", String.class);
        if ("POST".equals(in.getHeader(Exchange.HTTP_METHOD, String.class))) {
            undo.undo(runId(id), false);
            in.setBody("");
            ConsoleView.redirect(in, "/console/imports/" + runId(id));
            return;
        }
        UndoResult r = undo.undo(runId(id), true);
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Undo run " + r.runId() + "?");
        model.put("id", r.runId());
        model.put("archive", r.count(Action.ARCHIVE));
        model.put("restore", r.count(Action.RESTORE));
        model.put("keep", r.total(Counts::kept));
        model.put("failed", r.total(Counts::failed));
        model.put("already", r.total(Counts::reversed) - r.count(Action.ARCHIVE) - r.count(Action.RESTORE));
        model.put("associations", r.associations());
        model.put("records", r.total(Counts::records));
        model.put("alreadyUndone", r.nothingSent());
        List<Map<String, Object>> kept = r.records().stream().filter(d -> d.state() != UndoState.REVERSED)
                .limit(LISTED).map(UndoReportWriter::decision).toList();
        model.put("kept", kept);
        model.put("anyKept", !kept.isEmpty());
        view.html(in, 200, "undo-confirm", model);
    }

    /**
     * The undo's part of run {@code run}'s page: {@code undoHref} (the confirmation page) for a finished run that
     * wrote to HubSpot; {@code undone} (the counts of its last undo report) once it was undone.
     */
    public Map<String, Object> runPageModel(long runId) {
        Map<String, Object> m = new HashMap<>();
        ImportRun run = undo.run(runId).orElse(null);
        if (run == null) {
            return m;
        }
        Path report = reports.jsonReport(run);
        if (Files.isRegularFile(report)) {
            try {
                JsonNode r = json.readTree(report.toFile());
                JsonNode totals = r.path("totals");
                Map<String, Object> undone = new HashMap<>();
                for (String k : List.of("records", "reversed", "kept", "failed", "archived", "restored")) {
                    undone.put(k, totals.path(k).asLong());
                }
                undone.put("associations", r.path("associationsArchived").asLong());
                undone.put("finishedAt", r.path("finishedAt").asText());
                m.put("undone", undone);
            } catch (IOException e) {
                // a report being replaced or damaged: the page shows the run without it
            }
        }
        boolean undoable = RunUndo.whyNot(run) == null && run.getStatus() != ImportRun.Status.UNDONE;
        m.put("undoHref", undoable ? "/console/imports/" + run.getId() + "/undo" : null);
        return m;
    }

    private static long runId(String id) {
        try {
            return Long.parseLong(id == null ? "" : id.trim());
        } catch (NumberFormatException e) {
            throw new ApiRefusal(400, "run id must be a number");
        }
    }
}
