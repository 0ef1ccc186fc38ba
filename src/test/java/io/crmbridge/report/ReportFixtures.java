package io.crmbridge.report;

import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.LineCounts;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.Outcome;

import java.time.Instant;
import java.util.List;

/** A finished contacts report with known numbers, shared by the report tests. */
final class ReportFixtures {

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant END = START.plusMillis(52_100);

    private ReportFixtures() {
    }

    /**
     * 10 rows: 5 created, 1 updated, 1 unchanged, 2 rejected (INVALID_EMAIL, MISSING_REQUIRED),
     * 1 failed (HUBSPOT_REJECTED); 1 accepted row with a warning; 2 warnings (INVALID_PHONE x2);
     * 13 lines: the header, a blank line and 11 lines in rows (one row spans two lines).
     */
    static ImportReport contactsReport(String file, String example) {
        ImportReport r = new ImportReport(file, ObjectType.CONTACTS, "UTF-8", ",", false, START);
        for (int i = 0; i < 10; i++) {
            r.rowRead();
        }
        for (int i = 0; i < 5; i++) {
            r.outcome(Outcome.CREATED);
        }
        r.outcome(Outcome.UPDATED);
        r.outcome(Outcome.UNCHANGED);
        r.outcome(Outcome.REJECTED);
        r.outcome(Outcome.REJECTED);
        r.outcome(Outcome.FAILED);
        r.error(ErrorCode.INVALID_EMAIL);
        r.errorSample(ErrorCode.INVALID_EMAIL, example);
        r.errorSample(ErrorCode.INVALID_EMAIL, "second message is not kept");
        r.error(ErrorCode.MISSING_REQUIRED);
        r.errorSample(ErrorCode.MISSING_REQUIRED, "missing required field: email");
        r.error(ErrorCode.HUBSPOT_REJECTED);
        r.warning(ErrorCode.INVALID_PHONE);
        r.warning(ErrorCode.INVALID_PHONE);
        r.rowHadWarnings();
        r.secondaryOutcome(ObjectType.COMPANIES, Outcome.CREATED);
        r.secondaryOutcome(ObjectType.COMPANIES, Outcome.UNCHANGED);
        r.associationsCreated(4);
        r.associationsCreated(2);
        r.associationsPending(7);
        r.associationsPending(3);
        for (int i = 0; i < 12; i++) {
            r.request();
        }
        r.retry();
        r.retry();
        r.rateLimited();
        r.unmappedColumns(List.of("Fax", "Notes"));
        r.duplicateColumns(List.of("E-mail"));
        r.detectedDateOrder("DMY");
        r.numberFormat(new NumberFormatUsed(",", ".", "12,5"));
        r.deadLetterFile("dead-letter/contacts.csv.rejected.csv");
        r.lines(new LineCounts(13, 1, 1, 11, 10));
        r.finish(END);
        return r;
    }
}
