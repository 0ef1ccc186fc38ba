package io.crmbridge.report;

import io.crmbridge.model.ObjectType;
import io.crmbridge.model.Outcome;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one-line summary of an import logged at the end of a file (R1), e.g.
 * {@code contacts.csv: 10000 rows in 52.1 s (192 rows/s) created 9990 updated 0 unchanged 0
 * rejected 10 failed 0 | associations 120 created 3 pending | 101 requests 0 retries 0x429 |
 * quality 97.5% | top errors INVALID_EMAIL 8, MISSING_REQUIRED 2}. A dry run is marked
 * {@code [dry run, nothing sent]} after the file name and speaks in the conditional
 * ({@code would create 9990 would update 0 ... | associations none made, 3 pending}); implied records (a ticket row's contacts) follow the
 * outcomes as {@code | contacts created 5 updated 1 ...}. Control characters in the file name are
 * replaced so that the summary stays one line.
 */
public final class SummaryLine {

    private SummaryLine() {
    }

    /**
     * An outcome's name; in a dry run, nothing was created or updated: those rows are what an upsert would do
     * (BatchDelivery), so they read {@code would create} and {@code would update}.
     */
    private static String outcome(Outcome o, boolean dryRun) {
        if (dryRun && o == Outcome.CREATED) {
            return "would create";
        }
        if (dryRun && o == Outcome.UPDATED) {
            return "would update";
        }
        return ImportReport.name(o);
    }

    /** Renders the summary of {@code r}; never contains a line break. */
    public static String of(ImportReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(ReportFormat.singleLine(r.file()));
        if (r.dryRun()) {
            sb.append(" [dry run, nothing sent]");
        }
        sb.append(": ").append(r.rowsRead()).append(" rows in ").append(ReportFormat.seconds(r.durationMs()))
                .append(" (").append(ReportFormat.wholeNumber(r.rowsPerSecond())).append(" rows/s)");
        for (Outcome o : Outcome.values()) {
            sb.append(' ').append(outcome(o, r.dryRun())).append(' ').append(r.count(o));
        }
        for (Map.Entry<ObjectType, Map<Outcome, Long>> e : r.secondaryOutcomes().entrySet()) {
            sb.append(" | ").append(e.getKey().pathName());
            for (Outcome o : Outcome.values()) {
                sb.append(' ').append(outcome(o, r.dryRun())).append(' ').append(e.getValue().get(o));
            }
        }
        if (r.dryRun()) {
            sb.append(" | associations none made, ").append(r.associationsPending()).append(" pending");
        } else {
            sb.append(" | associations ").append(r.associationsCreated()).append(" created ")
                    .append(r.associationsPending()).append(" pending");
        }
        sb.append(" | ").append(r.requests()).append(" requests ").append(r.retries()).append(" retries ")
                .append(r.rateLimitedCount()).append("x429");
        sb.append(" | quality ").append(ReportFormat.percent(r.dataQualityScore()));
        List<ImportReport.TopError> top = r.topErrors();
        sb.append(" | top errors ").append(top.isEmpty() ? "none"
                : top.stream().map(e -> e.code().name() + " " + e.count()).collect(Collectors.joining(", ")));
        return sb.toString();
    }
}
