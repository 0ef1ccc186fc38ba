package io.crmbridge.ops;

/**
 * How an inbox file ended, as counted by {@code crm_bridge_files_total{status}} ({@link BridgeMetrics}).
 * Each file taken ends in one status per attempt; a file that waits for a resource and is taken again
 * counts once for each attempt.
 */
public enum FileStatus {
    /** Its report was written and its run recorded complete; archived to {@code inbox/.done/} (dry runs too). */
    DONE("done"),
    /** Same content as a completed import: archived without a report. */
    SKIPPED("skipped"),
    /** Its content or name cannot be imported: copied or moved to {@code outbox/dead-letter/} with the reason. */
    DEAD_LETTERED("dead_lettered"),
    /** Failed for another reason (HubSpot refused the token, a bug): moved to {@code inbox/.failed/}. */
    FAILED("failed"),
    /** The ledger database or the outbox was unavailable: back in the inbox, taken again after the retry delay. */
    RETRY_LATER("retry_later"),
    /** The application stopped between two batches: back in the inbox, taken again at the next start. */
    INTERRUPTED("interrupted");

    private final String label;

    FileStatus(String label) {
        this.label = label;
    }

    /** The value of the {@code status} tag. */
    public String label() {
        return label;
    }
}
