package io.crmbridge.report;

import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportReportTest {

    @Test
    void accountingPassesWhenOutcomesAddUpToRowsRead() {
        ImportReport r = ReportFixtures.contactsReport("contacts.csv", "x");

        assertThatCode(r::checkAccounting).doesNotThrowAnyException();
    }

    @Test
    void interruptedRunsTakenOverAreListedInTheDocument() {
        ImportReport r = ReportFixtures.contactsReport("contacts.csv", "x");

        r.interruptedRuns(List.of(3L, 4L));

        assertThat(r.toMap().get("interruptedRuns")).isEqualTo(List.of(3L, 4L));
        assertThat(ReportFixtures.contactsReport("contacts.csv", "x").toMap().get("interruptedRuns")).isEqualTo(List.of());
    }

    @Test
    void accountingThrowsNamingEveryNumberWhenOutcomesDoNotAddUp() {
        ImportReport r = ReportFixtures.contactsReport("contacts.csv", "x");
        r.rowRead(); // an 11th row that never got an outcome

        assertThatThrownBy(r::checkAccounting)
                .isInstanceOf(AccountingMismatchException.class)
                .hasMessage("accounting mismatch for contacts.csv: rows read 11 != created 5 + updated 1"
                        + " + unchanged 1 + rejected 2 + failed 1 = 10");
    }

    @Test
    void accountingThrowsWhenALineOfTheFileIsInNoRowBlankOrHeader() {
        ImportReport r = ReportFixtures.contactsReport("contacts.csv", "x");
        r.lines(new io.crmbridge.model.LineCounts(14, 1, 1, 11, 10)); // one line read went nowhere

        assertThatThrownBy(r::checkAccounting)
                .isInstanceOf(AccountingMismatchException.class)
                .hasMessage("line accounting mismatch for contacts.csv: lines read 14 vs header 1 + blank 1 + in rows 11"
                        + " = 13; rows handed out 10 vs rows read 10");
    }

    @Test
    void accountingThrowsWhenTheReaderHandedOutMoreRowsThanTheReportCounted() {
        ImportReport r = ReportFixtures.contactsReport("contacts.csv", "x");
        r.lines(new io.crmbridge.model.LineCounts(14, 1, 1, 12, 11));

        assertThatThrownBy(r::checkAccounting).isInstanceOf(AccountingMismatchException.class)
                .hasMessageContaining("rows handed out 11 vs rows read 10");
    }

    @Test
    void secondaryOutcomesDoNotTakePartInAccounting() {
        ImportReport r = new ImportReport("tickets.csv", ObjectType.TICKETS, "UTF-8", ",", false, Instant.EPOCH);
        r.rowRead();
        r.outcome(Outcome.CREATED);
        r.secondaryOutcome(ObjectType.CONTACTS, Outcome.CREATED);

        assertThatCode(r::checkAccounting).doesNotThrowAnyException();
        assertThat(r.secondaryOutcomes().get(ObjectType.CONTACTS)).containsEntry(Outcome.CREATED, 1L);
    }

    @Test
    void qualityScoreIsShareOfRowsNeitherRejectedNorWarned() {
        ImportReport r = ReportFixtures.contactsReport("contacts.csv", "x");

        // 10 rows, 2 rejected, 1 with warnings -> 7 clean rows
        assertThat(r.dataQualityScore()).hasValue(70.0);
    }

    @Test
    void qualityScoreIsUndefinedForAFileWithoutRows() {
        ImportReport r = new ImportReport("empty.csv", ObjectType.CONTACTS, "UTF-8", ",", false, Instant.EPOCH);

        assertThat(r.dataQualityScore()).isEmpty();
    }

    @Test
    void topErrorsListsMostFrequentCodeFirstWithItsFirstMessage() {
        ImportReport r = new ImportReport("c.csv", ObjectType.CONTACTS, "UTF-8", ",", false, Instant.EPOCH);
        r.error(ErrorCode.MISSING_REQUIRED);
        r.error(ErrorCode.INVALID_EMAIL);
        r.error(ErrorCode.INVALID_EMAIL);
        r.errorSample(ErrorCode.INVALID_EMAIL, "first");
        r.errorSample(ErrorCode.INVALID_EMAIL, "second");

        assertThat(r.topErrors()).containsExactly(
                new ImportReport.TopError(ErrorCode.INVALID_EMAIL, 2, "first"),
                new ImportReport.TopError(ErrorCode.MISSING_REQUIRED, 1, null));
    }

    @Test
    void countsFromManyThreadsAreNotLost() throws Exception {
        ImportReport r = new ImportReport("c.csv", ObjectType.CONTACTS, "UTF-8", ",", false, Instant.EPOCH);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        r.rowRead();
                        r.outcome(Outcome.CREATED);
                        r.warning(ErrorCode.INVALID_DATE);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(r.rowsRead()).isEqualTo(80_000);
        assertThat(r.count(Outcome.CREATED)).isEqualTo(80_000);
        assertThat(r.warningsByCode()).containsEntry(ErrorCode.INVALID_DATE, 80_000L);
    }
}
