package io.crmbridge.events;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One completion event (PRODUCT.md X2, docs/events.md "The event"): what ended, its run, its counts and where its
 * report is, never a row's values nor a secret.
 *
 * @param eventId       a UUID, new per event: a receiver that gets an event twice (a redelivery whose first answer
 *                      was lost) tells it by this id
 * @param kind          {@link Kind}
 * @param status        how the run ended, as the ledger says it ({@code COMPLETED}, {@code FAILED},
 *                      {@code DEAD_LETTERED}, {@code UNDONE}; a sync's {@code COMPLETED}, {@code PARTIAL},
 *                      {@code FAILED})
 * @param runId         the import run's id (an undo's: the undone run's; a sync's: its sync run's), null for a file
 *                      refused before a run was opened
 * @param file          the file's name as it arrived, null for a sync
 * @param objectType    {@code contacts}, {@code companies} or {@code tickets}; null when not known yet
 * @param dryRun        true for a run that sent nothing to HubSpot
 * @param counts        the counts by outcome, with the report's names ({@code created}, {@code updated}, ...)
 * @param reportUrl     the run's JSON report as the console serves it, null when there is none
 * @param deadLetterUrl the run's dead-letter CSV as the console serves it, null when no row was dead-lettered
 * @param startedAt     when the run (the undo, the sync) began; null when unknown
 * @param finishedAt    when it ended
 * @param instanceId    the instance that ran it, in cluster mode only (docs/cluster.md), else null and left out
 */
public record CompletionEvent(String eventId, Kind kind, String status, Long runId, String file, String objectType,
                              boolean dryRun, Map<String, Long> counts, String reportUrl, String deadLetterUrl,
                              Instant startedAt, Instant finishedAt, String instanceId) {

    /** What ended: the event's {@code kind}. */
    public enum Kind {
        /** an import run wrote its report */
        IMPORT_FINISHED("import.finished"),
        /** an import run failed, or its file was dead-lettered whole */
        IMPORT_FAILED("import.failed"),
        /** an import run was undone (not a dry run of the undo) */
        IMPORT_UNDONE("import.undone"),
        /** a contact sync ended, whatever its status */
        SYNC_FINISHED("sync.finished");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        /** The name the event carries, e.g. {@code import.finished}. */
        public String wire() {
            return wire;
        }
    }

    public CompletionEvent {
        // in the order given (the report's), read-only
        counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** The run's duration in ms, 0 when its start is unknown. */
    public long durationMs() {
        return startedAt == null || finishedAt == null ? 0
                : Math.max(0, Duration.between(startedAt, finishedAt).toMillis());
    }

    /**
     * The event as its JSON document: {@code eventId, kind, status, runId, file, objectType, dryRun, counts,
     * reportUrl, deadLetterUrl, startedAt, finishedAt, durationMs}, then {@code instanceId} in cluster mode.
     * Instants are ISO-8601 strings; the counts keep their order.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("eventId", eventId);
        doc.put("kind", kind.wire());
        doc.put("status", status);
        doc.put("runId", runId);
        doc.put("file", file);
        doc.put("objectType", objectType);
        doc.put("dryRun", dryRun);
        doc.put("counts", counts);
        doc.put("reportUrl", reportUrl);
        doc.put("deadLetterUrl", deadLetterUrl);
        doc.put("startedAt", startedAt == null ? null : startedAt.toString());
        doc.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
        doc.put("durationMs", durationMs());
        if (instanceId != null) {
            doc.put("instanceId", instanceId);
        }
        return doc;
    }
}
