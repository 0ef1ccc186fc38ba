package io.crmbridge.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key figures of the process, logged when Camel stops: a {@code --once} run ends with them, and so
 * does a service stopped by SIGTERM. Read from {@link BridgeMetrics}, so they are the values
 * {@code /observe/metrics} served, e.g.
 * <pre>
 * Totals: files 2 (done 1, skipped 1) | rows 10 (created 8, rejected 2) | HubSpot requests 7 (200 6, 429 1), retries 1, 429 answers 1, rate waits 0 (0.0 s)
 * Rows by object type: contacts created 8, rejected 2
 * </pre>
 * Added as a context service after the routes, it stops after them: every file in flight has ended.
 */
public final class RunTotals extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RunTotals.class);

    private final BridgeMetrics metrics;

    public RunTotals(BridgeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doStop() {
        lines().forEach(LOG::info);
    }

    /** The lines logged at stop: the totals, then the rows by object type when any row was read. */
    public List<String> lines() {
        Map<String, Long> files = new java.util.LinkedHashMap<>();
        metrics.files().forEach((status, n) -> files.put(status.label(), n));
        Map<String, Long> outcomes = new TreeMap<>();
        metrics.rowsByType().values().forEach(byOutcome -> byOutcome.forEach((o, n) -> outcomes.merge(o, n, Long::sum)));
        Map<String, Long> requests = metrics.requestsByStatus();
        String totals = "Totals: files " + sum(files) + parts(files)
                + " | rows " + sum(outcomes) + parts(outcomes)
                + " | HubSpot requests " + sum(requests) + parts(requests)
                + ", retries " + metrics.retries()
                + ", 429 answers " + metrics.rateLimited()
                + ", rate waits " + metrics.rateWaits()
                + String.format(Locale.ROOT, " (%.1f s)", metrics.rateWaitTime().toMillis() / 1000.0);
        List<String> lines = new ArrayList<>(List.of(totals));
        Map<String, Map<String, Long>> byType = metrics.rowsByType();
        if (!byType.isEmpty()) {
            StringJoiner types = new StringJoiner("; ", "Rows by object type: ", "");
            byType.forEach((type, byOutcome) -> {
                StringJoiner counts = new StringJoiner(", ", type + " ", "");
                byOutcome.forEach((o, n) -> counts.add(o + " " + n));
                types.add(counts.toString());
            });
            lines.add(types.toString());
        }
        return lines;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** " (a 1, b 2)" for the non-zero counts, nothing when all are zero. */
    private static String parts(Map<String, Long> counts) {
        StringJoiner j = new StringJoiner(", ", " (", ")").setEmptyValue("");
        counts.forEach((k, n) -> {
            if (n > 0) {
                j.add(k + " " + n);
            }
        });
        return j.toString();
    }
}
