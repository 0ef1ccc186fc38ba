package io.crmbridge.model;

import java.util.Optional;

/**
 * What a row read from a dead-letter file dropped back into the inbox carried in crm-bridge's
 * added columns (R2): why it was dead-lettered, and whether the user changed it since.
 *
 * @param rowNumber    the row's number in the file it was dead-lettered from
 * @param errorCode    the code it was dead-lettered with ({@code DUPLICATE_IN_FILE} ...), as written
 * @param errorMessage the message it was dead-lettered with
 * @param untouched    true when its cells are exactly those crm-bridge wrote (the row's checksum matches);
 *                     false when they were edited, or when the file predates checksums
 */
public record DeadLetterEntry(long rowNumber, String errorCode, String errorMessage, boolean untouched) {

    /**
     * The rejection an untouched row keeps: a row rejected by crm-bridge's own rules comes back exactly
     * as it was, so it is rejected again ({@link ErrorCode#UNCHANGED_SINCE_DEAD_LETTER}) instead of
     * being read anew in a file where its reason may no longer hold (a duplicate without the row that
     * won would otherwise overwrite it). A row that failed in HubSpot is not kept: sending it again is
     * what re-dropping it asks for. Empty for edited rows.
     */
    public Optional<Issue> keptRejection() {
        if (!untouched) {
            return Optional.empty();
        }
        if (ErrorCode.UNCHANGED_SINCE_DEAD_LETTER.name().equals(errorCode)) {
            return Optional.of(new Issue(ErrorCode.UNCHANGED_SINCE_DEAD_LETTER, errorMessage));
        }
        ErrorCode code;
        try {
            code = ErrorCode.valueOf(errorCode);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (code.severity() != Severity.REJECT) {
            return Optional.empty();
        }
        return Optional.of(ErrorCode.UNCHANGED_SINCE_DEAD_LETTER.issue(code.name(), errorMessage));
    }
}
