package io.crmbridge.sales.scoring;

import static io.crmbridge.sales.scoring.Purchases.credit;
import static io.crmbridge.sales.scoring.Purchases.sale;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebuyAdvisorTest {

    private static final LocalDate REFERENCE = LocalDate.of(2025, 12, 31);

    /*
     * A bought X on 01/01, 31/01 and 02/03/2025: span 60 days over 2 gaps, usual interval 30 days;
     * 304 days since 02/03, past 30 * 1.25: overdue by 274 days. Y on 01/10 and 01/12: interval 61,
     * 30 days since: not overdue. Z bought once: no interval. W on 01/06 and 01/07 (interval 30,
     * 183 days since, overdue 153) comes after X.
     */
    @Test
    void suggestsProductsPastTheirUsualIntervalMostOverdueFirst() {
        List<Purchase> purchases = List.of(
                sale("A", "1", "2025-01-01", "X", "10"), sale("A", "2", "2025-01-31", "X", "10"),
                sale("A", "3", "2025-03-02", "X", "10"),
                sale("A", "4", "2025-10-01", "Y", "10"), sale("A", "5", "2025-12-01", "Y", "10"),
                sale("A", "6", "2025-02-01", "Z", "10"),
                sale("A", "7", "2025-06-01", "W", "10"), sale("A", "8", "2025-07-01", "W", "10"),
                credit("A", "9", "2025-07-08", "W", "-10"));

        Map<String, List<RebuySuggestion>> due = new RebuyAdvisor(1.25, 3).suggest(purchases, REFERENCE);

        assertThat(due.get("A")).extracting(RebuySuggestion::productLabel).containsExactly("X", "W");
        RebuySuggestion x = due.get("A").get(0);
        assertThat(x.usualIntervalDays()).isEqualTo(30);
        assertThat(x.lastBought()).isEqualTo(LocalDate.of(2025, 3, 2));
        assertThat(x.overdueDays()).isEqualTo(274);
        assertThat(due.get("A").get(1).overdueDays()).isEqualTo(153);
    }

    @Test
    void aClientWithinItsIntervalGetsNoSuggestion() {
        List<Purchase> purchases = List.of(sale("B", "1", "2025-11-01", "X", "10"), sale("B", "2", "2025-12-01", "X", "10"));

        assertThat(new RebuyAdvisor(1.25, 3).suggest(purchases, REFERENCE)).isEmpty();
    }
}
