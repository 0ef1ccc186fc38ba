package io.crmbridge.model;

import java.util.List;

/**
 * What the row pipeline made of one {@link SourceRow}.
 *
 * @param row       the original row
 * @param record    the record to upsert, or null when the row is rejected
 * @param secondary further records the row implies (a ticket row's contact), upserted before
 *                  {@code record}; never null
 * @param links     associations this row asks for; never null
 * @param rejection why the row is rejected, or null
 * @param warnings  optional values that were dropped, never null
 */
public record RowResult(SourceRow row, CrmRecord record, List<CrmRecord> secondary, List<Link> links,
                        Issue rejection, List<Issue> warnings) {

    /** A rejected row: no record, the given reason and any warnings collected so far. */
    public static RowResult rejected(SourceRow row, Issue rejection, List<Issue> warnings) {
        return new RowResult(row, null, List.of(), List.of(), rejection, warnings);
    }

    public boolean isRejected() {
        return rejection != null;
    }
}
