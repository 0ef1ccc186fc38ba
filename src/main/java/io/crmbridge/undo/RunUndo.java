package io.crmbridge.undo;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.hubspot.HubSpotCallException;
import io.crmbridge.hubspot.HubSpotGateway;
import io.crmbridge.hubspot.PortalReader;
import io.crmbridge.hubspot.PortalReader.PortalRecord;
import io.crmbridge.hubspot.PropertyValues;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.ledger.RunChanges;
import io.crmbridge.ledger.RunChanges.Change;
import io.crmbridge.ledger.RunChanges.MadeAssociation;
import io.crmbridge.ledger.RunChanges.UndoState;
import io.crmbridge.ledger.RunChanges.Undone;
import io.crmbridge.model.ObjectType;
import io.crmbridge.report.ImportReport;
import io.crmbridge.undo.UndoResult.Action;
import io.crmbridge.undo.UndoResult.Counts;
import io.crmbridge.undo.UndoResult.Decision;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Undoes an import run (PRODUCT.md U1, docs/undo.md): archives the records it created, writes back the prior values
 * of the records it updated, keeps (and reports) what HubSpot or a later run changed since, then archives the
 * associations its file completion made. The data is what the run stored in {@link RunChanges}.
 *
 * <p>Records are decided per object type in chunks of {@value PortalReader#MAX_INPUTS} (HubSpot's batch limit,
 * hubspot-api.md §1.5): the chunk is read by id, its writes are sent, and its outcomes are stored with
 * {@link RunChanges#undone(long, List, Set)} right after them. A record with a stored outcome is never decided again:
 * a second undo sends nothing and reports the same counts, and an undo killed midway is finished by the next one,
 * which re-derives the decisions of the chunk it lost from what HubSpot holds (a created record already archived, an
 * updated one already holding its prior values: reversed).
 *
 * <p>Every request goes through the {@link HubSpotGateway} (rate budget, redelivery). One undo runs at a time.
 */
public class RunUndo {

    /** The name the engine is bound by in Camel's registry. */
    public static final String BEAN_NAME = "runUndo";

    private final Ledger ledger;
    private final RunChanges changes;
    private final HubSpotGateway gateway;
    private final PortalReader reader;
    private final UndoReportWriter reports;
    private final Clock clock;
    private final BiConsumer<UndoResult, ImportRun> onUndone;

    public RunUndo(Ledger ledger, RunChanges changes, HubSpotGateway gateway, UndoReportWriter reports, Clock clock) {
        this(ledger, changes, gateway, reports, clock, (result, run) -> { });
    }

    /**
     * @param onUndone told each undo that wrote (not a dry run), with the undone run, once its report is written (the
     *                 completion events, docs/events.md); it must not throw
     */
    public RunUndo(Ledger ledger, RunChanges changes, HubSpotGateway gateway, UndoReportWriter reports, Clock clock,
                   BiConsumer<UndoResult, ImportRun> onUndone) {
        this.onUndone = onUndone;
        this.ledger = ledger;
        this.changes = changes;
        this.gateway = gateway;
        this.reader = new PortalReader(gateway);
        this.reports = reports;
        this.clock = clock;
    }

    /**
     * Undoes run {@code runId}, or with {@code dryRun} decides only: reads HubSpot, writes nothing to HubSpot, the
     * ledger or the outbox.
     *
     * @return the decisions and counts; with its report's files unless {@code dryRun}
     * @throws UndoRefused 404 for an unknown run, 409 for a dry run or a run still RUNNING, 502 when HubSpot refuses
     *                     the token or its scopes, or does not answer after redelivery (the chunk under way keeps no
     *                     outcome: the next undo decides it again)
     */
    public synchronized UndoResult undo(long runId, boolean dryRun) {
        ImportRun run = undoable(runId);
        Instant started = clock.instant();
        ImportReport counter = new ImportReport("undo of run " + runId, ObjectType.CONTACTS, null, null, dryRun,
                started);
        Map<String, Undone> stored = changes.undone(runId);
        List<Change> all = changes.changes(runId);
        List<Decision> decisions = new ArrayList<>();
        Map<ObjectType, List<Change>> open = new EnumMap<>(ObjectType.class);
        for (Change c : all) {
            Undone earlier = stored.get(RunChanges.key(c.type(), c.hubspotId()));
            if (earlier != null) {
                decisions.add(new Decision(c.type(), c.hubspotId(), c.naturalKey(), c.created(), earlier.state(),
                        Action.EARLIER, earlier.reason(), earlier.changedBy()));
            } else {
                open.computeIfAbsent(c.type(), t -> new ArrayList<>()).add(c);
            }
        }
        try {
            for (Map.Entry<ObjectType, List<Change>> e : open.entrySet()) {
                List<Change> ofType = e.getValue();
                for (int from = 0; from < ofType.size(); from += PortalReader.MAX_INPUTS) {
                    List<Change> chunk = ofType.subList(from, Math.min(ofType.size(), from + PortalReader.MAX_INPUTS));
                    decisions.addAll(undoChunk(runId, e.getKey(), chunk, dryRun, counter));
                }
            }
            long associations = archiveAssociations(runId, dryRun, counter);
            if (!dryRun) {
                changes.runUndone(runId);
            }
            boolean nothingSent = open.isEmpty() && !stored.isEmpty() && counter.requests() == 0;
            UndoResult result = new UndoResult(runId, dryRun, sorted(decisions), counts(decisions), associations,
                    counter.requests(), counter.retries(), nothingSent, started, clock.instant(), Map.of());
            if (dryRun) {
                return result;
            }
            UndoResult written = result.withReportFiles(reports.write(result, run));
            onUndone.accept(written, run);
            return written;
        } catch (HubSpotCallException e) {
            if (e.isAuthProblem()) {
                throw new UndoRefused(502, "HubSpot refused the access token or its scopes (HTTP " + e.status() + "): "
                        + e.getMessage() + "; fix the token or the app's scopes, then undo run " + runId + " again");
            }
            throw new UndoRefused(502, "HubSpot did not answer the undo of run " + runId + " (HTTP " + e.status()
                    + "): " + e.getMessage() + "; undo it again later, it goes on where it stopped");
        }
    }

    /** Run {@code runId} as the ledger holds it, if it exists. */
    public java.util.Optional<ImportRun> run(long runId) {
        return ledger.run(runId);
    }

    /**
     * The run, when it can be undone.
     *
     * @throws UndoRefused 404 for an unknown run, 409 for a dry run, a run still RUNNING or a run of a sales-ledger
     *                     export (which wrote no HubSpot record)
     */
    public ImportRun undoable(long runId) {
        ImportRun run = ledger.run(runId).orElseThrow(() -> new UndoRefused(404, "no import run " + runId));
        String why = whyNot(run);
        if (why != null) {
            throw new UndoRefused(409, "run " + runId + " " + why);
        }
        return run;
    }

    /** Why {@code run} cannot be undone, e.g. "was a dry run: ..."; null when it can. */
    public static String whyNot(ImportRun run) {
        if (run.isDryRun()) {
            return "was a dry run: it wrote nothing to HubSpot";
        }
        if (run.getStatus() == ImportRun.Status.RUNNING) {
            return "is still running: undo it once it has finished";
        }
        if (run.getObjectType() != null && ObjectType.fromPathSegment(run.getObjectType()).isEmpty()) {
            return "loaded a " + run.getObjectType() + " file into the sales ledger, not records into HubSpot";
        }
        return null;
    }

    /** Decides a chunk of one type's records, sends its writes and stores its outcomes (unless a dry run). */
    private List<Decision> undoChunk(long runId, ObjectType type, List<Change> chunk, boolean dryRun,
                                     ImportReport counter) {
        Set<String> properties = new LinkedHashSet<>();
        chunk.forEach(c -> properties.addAll(c.written().keySet()));
        String lastModified = lastModifiedProperty(type);
        properties.add(lastModified);
        List<String> ids = chunk.stream().map(Change::hubspotId).toList();
        Map<String, PortalRecord> held = reader.readById(type, ids, properties, counter);
        Map<String, Long> later = changes.laterWriters(runId, type, ids);

        Map<String, Decision> decided = new LinkedHashMap<>();
        List<Change> toArchive = new ArrayList<>();
        List<Change> toRestore = new ArrayList<>();
        for (Change c : chunk) {
            Decision d = decide(c, held.get(c.hubspotId()), later.get(c.hubspotId()), lastModified);
            if (d.action() == Action.ARCHIVE) {
                toArchive.add(c);
            } else if (d.action() == Action.RESTORE) {
                toRestore.add(c);
            }
            decided.put(c.hubspotId(), d);
        }
        if (!dryRun) {
            archive(type, toArchive, decided, counter);
            restore(type, toRestore, decided, counter);
            List<Undone> outcomes = decided.values().stream().map(d -> new Undone(d.type(), d.hubspotId(), d.state(),
                    d.reason(), d.changedBy())).toList();
            Set<String> created = chunk.stream().filter(Change::created)
                    .map(c -> RunChanges.key(c.type(), c.hubspotId())).collect(Collectors.toSet());
            changes.undone(runId, outcomes, created);
        }
        return new ArrayList<>(decided.values());
    }

    /**
     * The decision for one record, before any write (docs/undo.md "Which records are kept"): a later run's write,
     * then what HubSpot holds against what the run wrote and when.
     *
     * @param held  the record as HubSpot holds it; null when it is archived (absent from the read)
     * @param later the latest later run that wrote it, or null
     */
    static Decision decide(Change c, PortalRecord held, Long later, String lastModifiedProperty) {
        if (later != null) {
            return keep(c, "written again by run " + later + " after this run", later);
        }
        if (c.created()) {
            if (held == null) {
                return decision(c, UndoState.REVERSED, Action.NONE, null);
            }
            String changed = changedSince(c, held, lastModifiedProperty);
            return changed != null ? keep(c, changed, null) : decision(c, UndoState.REVERSED, Action.ARCHIVE, null);
        }
        if (c.prior() == null) {
            return keep(c, "its values before the run were not read (crm-bridge.read-before-write was off)", null);
        }
        if (held == null) {
            return keep(c, "archived in HubSpot since the run", null);
        }
        if (PropertyValues.sameAll(c.prior(), held.properties())) {
            return decision(c, UndoState.REVERSED, Action.NONE, null);
        }
        String changed = changedSince(c, held, lastModifiedProperty);
        return changed != null ? keep(c, changed, null) : decision(c, UndoState.REVERSED, Action.RESTORE, null);
    }

    /**
     * Why HubSpot's record is no longer what the run left: the first written property that holds another value, or
     * an {@code updatedAt} after the run's write; null when it is as the run left it.
     */
    private static String changedSince(Change c, PortalRecord held, String lastModifiedProperty) {
        for (Map.Entry<String, String> w : c.written().entrySet()) {
            String now = held.value(w.getKey());
            if (!PropertyValues.same(w.getKey(), w.getValue(), now)) {
                return "changed in HubSpot after the run: " + w.getKey() + " is " + quoted(now) + ", the run wrote "
                        + quoted(w.getValue());
            }
        }
        Instant updatedAt = held.updatedAt() != null ? held.updatedAt()
                : PortalReader.instant(held.value(lastModifiedProperty));
        if (updatedAt != null && c.writtenAt() != null && updatedAt.isAfter(c.writtenAt())) {
            return "changed in HubSpot after the run: updated at " + updatedAt + ", the run wrote it at "
                    + c.writtenAt();
        }
        return null;
    }

    /** Archives created records, at most 100 a request; a refused batch is split until the refused record is alone. */
    private void archive(ObjectType type, List<Change> records, Map<String, Decision> decided, ImportReport counter) {
        if (records.isEmpty()) {
            return;
        }
        List<Map<String, String>> inputs = records.stream().map(c -> Map.of("id", c.hubspotId())).toList();
        try {
            // 204 without a body (hubspot-api.md §1.1): every input is archived, or was already
            gateway.post(gateway.settings().paths().objects(type) + "/batch/archive", Map.of("inputs", inputs),
                    counter);
        } catch (HubSpotCallException e) {
            splitOrFail(e, records, decided, part -> archive(type, part, decided, counter));
        }
    }

    /**
     * Writes back prior values by record id through {@code batch/update} (hubspot-api.md §1.2), each input traced by
     * its id so that HubSpot names the inputs it refuses (§1.4, §1.5); a property that had no value is cleared
     * ({@code ""}).
     */
    private void restore(ObjectType type, List<Change> records, Map<String, Decision> decided, ImportReport counter) {
        if (records.isEmpty()) {
            return;
        }
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (Change c : records) {
            Map<String, String> values = new LinkedHashMap<>();
            c.prior().forEach((k, v) -> values.put(k, v == null ? "" : v));
            inputs.add(Map.of("id", c.hubspotId(), "properties", values, "objectWriteTraceId", c.hubspotId()));
        }
        JsonNode answer;
        try {
            answer = gateway.post(gateway.settings().paths().objects(type) + "/batch/update",
                    Map.of("inputs", inputs), counter).body();
        } catch (HubSpotCallException e) {
            splitOrFail(e, records, decided, part -> restore(type, part, decided, counter));
            return;
        }
        Set<String> written = new HashSet<>();
        answer.path("results").forEach(r -> written.add(r.path("id").asText()));
        Map<String, String> refused = new HashMap<>();
        for (JsonNode error : answer.path("errors")) {
            String message = error.path("message").asText("refused by HubSpot");
            for (String field : new String[] {"objectWriteTraceId", "ids"}) {
                error.path("context").path(field).forEach(id -> refused.putIfAbsent(id.asText(), message));
            }
        }
        for (Change c : records) {
            if (refused.containsKey(c.hubspotId()) || !written.contains(c.hubspotId())) {
                decided.put(c.hubspotId(), decision(c, UndoState.FAILED, Action.FAIL, refused.getOrDefault(
                        c.hubspotId(), "HubSpot's answer to batch/update does not return the record")));
            }
        }
    }

    /**
     * A whole batch refused for its content (4xx): halves are sent again until each refused record is alone, then it
     * fails with HubSpot's message. Any other failure (401/403, or no answer after redelivery) stops the undo.
     */
    private static void splitOrFail(HubSpotCallException e, List<Change> records, Map<String, Decision> decided,
                                    java.util.function.Consumer<List<Change>> send) {
        if (!e.isRecordProblem()) {
            throw e;
        }
        if (records.size() == 1) {
            Change c = records.get(0);
            decided.put(c.hubspotId(), decision(c, UndoState.FAILED, Action.FAIL, e.getMessage()));
            return;
        }
        int half = records.size() / 2;
        send.accept(records.subList(0, half));
        send.accept(records.subList(half, records.size()));
    }

    /**
     * Archives the associations the run's file completion made, at most 100 a request, through the association batch
     * archive of the configured version (hubspot-api.md §2.1: {@code {"inputs":[{"from":{"id"},"to":[{"id"}]}]}}),
     * and forgets each batch in the ledger once HubSpot has answered. HubSpot removes every type between a pair.
     *
     * @return the associations archived (would be, in a dry run)
     */
    private long archiveAssociations(long runId, boolean dryRun, ImportReport counter) {
        List<MadeAssociation> made = changes.associations(runId);
        if (dryRun) {
            return made.size();
        }
        Map<String, List<MadeAssociation>> byKind = new LinkedHashMap<>();
        made.forEach(a -> byKind.computeIfAbsent(a.fromType() + ">" + a.toType(), k -> new ArrayList<>()).add(a));
        for (List<MadeAssociation> kind : byKind.values()) {
            for (int from = 0; from < kind.size(); from += PortalReader.MAX_INPUTS) {
                List<MadeAssociation> batch = kind.subList(from, Math.min(kind.size(), from + PortalReader.MAX_INPUTS));
                List<Map<String, Object>> inputs = batch.stream().map(a -> Map.<String, Object>of(
                        "from", Map.of("id", a.fromId()), "to", List.of(Map.of("id", a.toId())))).toList();
                MadeAssociation first = batch.get(0);
                gateway.post(gateway.settings().paths().associations(first.fromType(), first.toType())
                        + "/batch/archive", Map.of("inputs", inputs), counter);
                changes.associationsArchived(runId, batch);
            }
        }
        return made.size();
    }

    /** {@code lastmodifieddate} for contacts, {@code hs_lastmodifieddate} for the other types (hubspot-api.md §3.2). */
    static String lastModifiedProperty(ObjectType type) {
        return type == ObjectType.CONTACTS ? "lastmodifieddate" : "hs_lastmodifieddate";
    }

    private static Map<ObjectType, Counts> counts(List<Decision> decisions) {
        Map<ObjectType, Counts> counts = new EnumMap<>(ObjectType.class);
        Map<ObjectType, List<Decision>> byType = decisions.stream().collect(Collectors.groupingBy(Decision::type,
                () -> new EnumMap<>(ObjectType.class), Collectors.toList()));
        byType.forEach((type, ds) -> counts.put(type, new Counts(ds.size(),
                ds.stream().filter(d -> d.state() == UndoState.REVERSED).count(),
                ds.stream().filter(d -> d.state() == UndoState.KEPT).count(),
                ds.stream().filter(d -> d.state() == UndoState.FAILED).count(),
                ds.stream().filter(d -> d.state() == UndoState.REVERSED && d.created()).count(),
                ds.stream().filter(d -> d.state() == UndoState.REVERSED && !d.created()).count(),
                ds.stream().filter(d -> d.action() == Action.EARLIER).count())));
        return counts;
    }

    private static List<Decision> sorted(List<Decision> decisions) {
        List<Decision> sorted = new ArrayList<>(decisions);
        sorted.sort(java.util.Comparator.comparing(Decision::type).thenComparing(Decision::hubspotId));
        return sorted;
    }

    private static Decision keep(Change c, String reason, Long changedBy) {
        return new Decision(c.type(), c.hubspotId(), c.naturalKey(), c.created(), UndoState.KEPT, Action.KEEP, reason,
                changedBy);
    }

    private static Decision decision(Change c, UndoState state, Action action, String reason) {
        return new Decision(c.type(), c.hubspotId(), c.naturalKey(), c.created(), state, action, reason, null);
    }

    private static String quoted(String value) {
        return value == null || value.isEmpty() ? "empty" : "'" + value + "'";
    }

}
