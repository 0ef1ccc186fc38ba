package io.crmbridge.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.console.RunFile;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.model.ObjectType;
import io.crmbridge.report.ImportReport;
import io.crmbridge.sync.SyncStats;
import io.crmbridge.undo.UndoResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completion events (PRODUCT.md X2, docs/events.md): builds the event of an import run that wrote its report or
 * failed, of an undo and of a contact sync, and hands it to the queue of each configured target (routes/events.yaml),
 * so that the caller (a file's intake, an undo, a sync) never waits for a target nor fails with it. An event that
 * cannot be queued (the queue is full, or the application is stopping) is written to {@code outbox/events/} at once,
 * and on stop whatever the routes left in the queues is written there too: no event is lost silently.
 *
 * <p>Events carry counts, names and links only: never a row's values, a property value or a secret.
 */
public final class CompletionEvents extends ServiceSupport {

    /** The exchange property holding the run id, the Kafka record's key (routes/events.yaml). */
    public static final String RUN_ID_PROPERTY = "crmBridgeRunId";
    /** The exchange property naming the {@link EventTarget} an exchange is for. */
    public static final String TARGET_PROPERTY = "crmBridgeEventTarget";

    private static final Logger LOG = LoggerFactory.getLogger(CompletionEvents.class);

    private final CamelContext context;
    private final List<EventTarget> targets;
    private final int queueSize;
    private final String baseUrl;
    private final String instanceId;
    private final EventDeadLetters deadLetters;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<EventTarget, SedaEndpoint> queues = new EnumMap<>(EventTarget.class);

    /**
     * @param targets    the configured targets; none: every method does nothing
     * @param queueSize  the events each target's queue holds ({@code crm-bridge.events.queue-size})
     * @param baseUrl    the start of the links ({@code crm-bridge.events.base-url}), empty for paths
     * @param instanceId this instance's id in cluster mode, else null
     */
    public CompletionEvents(CamelContext context, List<EventTarget> targets, int queueSize, String baseUrl,
                            String instanceId, EventDeadLetters deadLetters, ObjectMapper json, Clock clock) {
        this.context = context;
        this.targets = List.copyOf(targets);
        this.queueSize = queueSize;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.instanceId = instanceId;
        this.deadLetters = deadLetters;
        this.json = json;
        this.clock = clock;
    }

    /** True when at least one target is configured. */
    public boolean enabled() {
        return !targets.isEmpty();
    }

    /**
     * An import run that wrote its report ({@code import.finished}), or that failed after its run was opened
     * ({@code import.failed}, with the counts so far).
     *
     * @param report        the run's report (its outcome counts, times, dead letter)
     * @param status        the ledger's status of the run, {@code COMPLETED} or {@code FAILED}
     * @param reportWritten true when the report's files exist (a link to them is given)
     */
    public void importEnded(long runId, ImportReport report, String status, boolean reportWritten) {
        if (!enabled()) {
            return;
        }
        boolean completed = "COMPLETED".equals(status);
        publish(new CompletionEvent(UUID.randomUUID().toString(),
                completed ? CompletionEvent.Kind.IMPORT_FINISHED : CompletionEvent.Kind.IMPORT_FAILED, status, runId,
                report.file(), report.objectType().pathName(), report.dryRun(), outcomes(report),
                reportWritten ? runFileUrl(runId, RunFile.JSON_REPORT) : null,
                report.deadLetterFile().isPresent() ? runFileUrl(runId, RunFile.DEAD_LETTER) : null,
                report.startedAt(), report.finishedAt().orElseGet(clock::instant), instanceId));
    }

    /**
     * A file that ended without a report ({@code import.failed}): refused whole before any row was sent (status
     * {@code DEAD_LETTERED}: its copy and reason are in {@code outbox/dead-letter/}, which the console does not serve
     * by run), or failed before its run was opened ({@code FAILED}).
     *
     * @param runId      the run opened for it, or null when there was none
     * @param objectType its object type when known, else null
     */
    public void fileEnded(String fileName, String status, Long runId, ObjectType objectType, boolean dryRun) {
        if (!enabled()) {
            return;
        }
        publish(new CompletionEvent(UUID.randomUUID().toString(), CompletionEvent.Kind.IMPORT_FAILED, status, runId,
                fileName, objectType == null ? null : objectType.pathName(), dryRun, Map.of(), null, null, null,
                clock.instant(), instanceId));
    }

    /**
     * An undo that wrote HubSpot ({@code import.undone}; a dry run of it is not an event): the counts over every
     * object type (records, reversed, kept, failed, archived, restored) and the undo's report.
     */
    public void runUndone(UndoResult result, ImportRun run) {
        if (!enabled() || result.dryRun()) {
            return;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("records", result.total(UndoResult.Counts::records));
        counts.put("reversed", result.total(UndoResult.Counts::reversed));
        counts.put("kept", result.total(UndoResult.Counts::kept));
        counts.put("failed", result.total(UndoResult.Counts::failed));
        counts.put("archived", result.total(UndoResult.Counts::archived));
        counts.put("restored", result.total(UndoResult.Counts::restored));
        counts.put("associationsArchived", result.associations());
        boolean notReversed = counts.get("kept") + counts.get("failed") > 0;
        publish(new CompletionEvent(UUID.randomUUID().toString(), CompletionEvent.Kind.IMPORT_UNDONE,
                result.failed() == 0 ? "UNDONE" : "UNDONE_WITH_FAILURES", result.runId(), run.getFileName(),
                run.getObjectType(), false, counts, runFileUrl(result.runId(), RunFile.UNDO_JSON_REPORT),
                notReversed ? runFileUrl(result.runId(), RunFile.UNDO_DEAD_LETTER) : null, result.startedAt(),
                result.finishedAt(), instanceId));
    }

    /** A contact sync that ended ({@code sync.finished}), whatever its status: contacts stored, pages, errors. */
    public void syncEnded(SyncStats stats) {
        if (!enabled()) {
            return;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("synced", stats.totalSynced());
        counts.put("pages", (long) stats.totalPages());
        counts.put("requests", (long) stats.requests());
        counts.put("errors", (long) stats.errors());
        Instant finished = stats.timestamp();
        Instant started = finished.minus(Duration.ofMillis(Math.round(stats.durationSeconds() * 1000)));
        publish(new CompletionEvent(UUID.randomUUID().toString(), CompletionEvent.Kind.SYNC_FINISHED,
                stats.status().name(), stats.runId(), null, ObjectType.CONTACTS.pathName(), false, counts, null, null,
                started, finished, instanceId));
    }

    /**
     * Queues the event for each target, without waiting: a queue that refuses it (full, or stopped) sends it to the
     * dead letters instead. Never throws: an event must not fail what it reports on.
     */
    void publish(CompletionEvent event) {
        String body;
        try {
            body = json.writeValueAsString(event.toMap());
        } catch (JsonProcessingException e) {
            LOG.error("completion event {} of run {} could not be written as JSON: {}", event.kind().wire(),
                    event.runId(), e.getMessage());
            return;
        }
        for (EventTarget target : targets) {
            String refused = offer(target, event, body);
            if (refused != null) {
                deadLetters.write(target, body, refused, 0);
            }
        }
    }

    /**
     * Null when queued, else why not. The exchange goes straight into the queue the target's route consumes: a full
     * queue refuses it at once instead of making the caller wait.
     */
    private String offer(EventTarget target, CompletionEvent event, String body) {
        if (!isStarted()) {
            return "not queued: crm-bridge was stopping";
        }
        SedaEndpoint queue = queues.get(target);
        Exchange exchange = queue.createExchange();
        exchange.getIn().setBody(body);
        exchange.setProperty(TARGET_PROPERTY, target.label());
        if (event.runId() != null) {
            exchange.setProperty(RUN_ID_PROPERTY, event.runId().toString());
        }
        return queue.getQueue().offer(exchange) ? null
                : "not queued: the " + target.label() + " queue was full (crm-bridge.events.queue-size)";
    }

    /** The link to one of a run's files, as the console serves it (routes/console.yaml). */
    private String runFileUrl(long runId, RunFile file) {
        return baseUrl + "/console/imports/" + runId + "/files/" + file.urlName();
    }

    /** The report's own outcome counts ({@code outcomes} of its JSON: created, updated, unchanged, ...). */
    @SuppressWarnings("unchecked")
    private static Map<String, Long> outcomes(ImportReport report) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Object> outcomes = (Map<String, Object>) report.toMap().get("outcomes");
        outcomes.forEach((name, n) -> counts.put(name, ((Number) n).longValue()));
        return counts;
    }

    @Override
    protected void doStart() {
        for (EventTarget target : targets) {
            // the same queue the route consumes (routes/events.yaml): one queue per name, of this size
            queues.put(target, context.getEndpoint(target.queue() + "?size=" + queueSize, SedaEndpoint.class));
        }
    }

    /**
     * After the routes stopped (they finish what they hold, redelivering no more): what is still queued goes to the
     * dead letters.
     */
    @Override
    protected void doStop() throws Exception {
        for (Map.Entry<EventTarget, SedaEndpoint> e : queues.entrySet()) {
            List<Exchange> left = new ArrayList<>();
            e.getValue().getQueue().drainTo(left);
            for (Exchange exchange : left) {
                deadLetters.write(e.getKey(), exchange.getIn().getBody(String.class),
                        "not sent: crm-bridge stopped before the event's turn", 0);
            }
        }
    }
}
