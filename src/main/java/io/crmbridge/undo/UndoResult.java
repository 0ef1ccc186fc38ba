package io.crmbridge.undo;

import io.crmbridge.ledger.RunChanges.UndoState;
import io.crmbridge.model.ObjectType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What undoing a run did, or would do in a dry run (docs/undo.md "The report").
 *
 * @param runId            the undone run
 * @param dryRun           true when nothing was written, to HubSpot or to the ledger
 * @param records          one decision per record the run wrote, by object type then HubSpot id
 * @param counts           the counts per object type; {@code reversed + kept + failed} of a type is its records
 * @param associations     the associations the run's file completion made that were archived (would be, in a dry
 *                         run) by this undo
 * @param requests         HubSpot requests sent (reads included; redeliveries not counted)
 * @param retries          redeliveries of those requests
 * @param nothingSent      true when every record had its outcome from an earlier undo and no request was sent
 * @param startedAt        when this undo began
 * @param finishedAt       when it ended
 * @param reportFiles      the report's files ({@code json}, {@code html}, {@code csv}); empty until written
 */
public record UndoResult(long runId, boolean dryRun, List<Decision> records, Map<ObjectType, Counts> counts,
                         long associations, long requests, long retries, boolean nothingSent, Instant startedAt,
                         Instant finishedAt, Map<String, Path> reportFiles) {

    /** What happens to a record: what is (or would be) sent for it, or why nothing is. */
    public enum Action {
        /** archived through {@code batch/archive} (a record the run created) */
        ARCHIVE,
        /** its prior values written back through {@code batch/update} */
        RESTORE,
        /** reversed already: archived in HubSpot, or holding its prior values (an undo that stopped after writing) */
        NONE,
        /** kept as HubSpot holds it */
        KEEP,
        /** HubSpot refused the write */
        FAIL,
        /** decided by an earlier undo of the run; nothing is sent again */
        EARLIER
    }

    /**
     * One record's outcome.
     *
     * @param created   true when the run created the record
     * @param reason    why it was kept or failed; null when reversed
     * @param changedBy the later run that wrote it again, when that is why it is kept
     */
    public record Decision(ObjectType type, String hubspotId, String naturalKey, boolean created, UndoState state,
                           Action action, String reason, Long changedBy) {
    }

    /**
     * The counts of one object type.
     *
     * @param archived reversed records the run created: archived by this undo (would be, in a dry run), by an
     *                 earlier one or in HubSpot
     * @param restored reversed records the run updated: holding their prior values again
     * @param earlier  records whose outcome an earlier undo stored
     */
    public record Counts(long records, long reversed, long kept, long failed, long archived, long restored,
                         long earlier) {
    }

    /** The records this undo sends (would send, in a dry run) {@code action} for, or leaves as they are. */
    public long count(Action action) {
        return records.stream().filter(d -> d.action() == action).count();
    }

    /** The records HubSpot refused to write back: 0 is a clean undo ({@code --undo} exits 0). */
    public long failed() {
        return counts.values().stream().mapToLong(Counts::failed).sum();
    }

    /** The sum of one count over the object types. */
    public long total(java.util.function.ToLongFunction<Counts> count) {
        return counts.values().stream().mapToLong(count).sum();
    }

    /** This result with its report's files. */
    public UndoResult withReportFiles(Map<String, Path> files) {
        return new UndoResult(runId, dryRun, records, counts, associations, requests, retries, nothingSent, startedAt,
                finishedAt, files);
    }
}
