package io.crmbridge.sync;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one sync run did: the shape {@code GET /api/integrations/hubspot/sync/stats} returns (PRODUCT.md
 * S3), plus the run's id, mode, status, request count and error messages.
 *
 * @param runId           sync_run id
 * @param mode            FULL or INCREMENTAL
 * @param status          COMPLETED, PARTIAL (ended early or skipped pages; what it stored stays) or FAILED
 * @param totalSynced     contacts stored by this run (a contact fetched twice counts twice)
 * @param totalPages      pages fetched
 * @param requests        HubSpot requests sent for pages (redeliveries not counted)
 * @param bySegment       segment -> stored, non-archived contacts in it after the run
 * @param errors          number of pages or steps that failed
 * @param errorMessages   their messages, in order
 * @param durationSeconds wall time of the run
 * @param timestamp       when the run finished (also the instant segments were evaluated at)
 */
public record SyncStats(
        @JsonProperty("run_id") long runId,
        @JsonProperty("mode") SyncRun.Mode mode,
        @JsonProperty("status") SyncRun.Status status,
        @JsonProperty("total_synced") long totalSynced,
        @JsonProperty("total_pages") int totalPages,
        @JsonProperty("requests") int requests,
        @JsonProperty("by_segment") Map<String, Long> bySegment,
        @JsonProperty("errors") int errors,
        @JsonProperty("error_messages") List<String> errorMessages,
        @JsonProperty("duration_seconds") double durationSeconds,
        @JsonProperty("timestamp") Instant timestamp) {

    public SyncStats {
        bySegment = Map.copyOf(bySegment);
        errorMessages = List.copyOf(errorMessages);
    }
}
