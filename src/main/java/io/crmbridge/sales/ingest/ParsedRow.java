package io.crmbridge.sales.ingest;

import io.crmbridge.model.Issue;
import java.util.List;

/**
 * What one ledger row became: the normalised value, or the reason it is rejected; and the optional
 * values left out on the way (warnings).
 *
 * @param value     the normalised value, null when rejected
 * @param rejection why the row is rejected, null when it is not
 * @param warnings  optional values dropped (a bad phone, a bad email), never null
 * @param <T>       the value type
 */
public record ParsedRow<T>(T value, Issue rejection, List<Issue> warnings) {

    /** A row that became {@code value}, with the warnings met on the way. */
    public static <T> ParsedRow<T> of(T value, List<Issue> warnings) {
        return new ParsedRow<>(value, null, List.copyOf(warnings));
    }

    /** A rejected row. */
    public static <T> ParsedRow<T> rejected(Issue why) {
        return new ParsedRow<>(null, why, List.of());
    }

    public boolean isRejected() {
        return rejection != null;
    }
}
