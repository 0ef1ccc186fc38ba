package io.crmbridge.sales.scoring;

import static io.crmbridge.sales.scoring.Purchases.credit;
import static io.crmbridge.sales.scoring.Purchases.sale;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RfmScorerTest {

    private static final LocalDate REFERENCE = LocalDate.of(2025, 12, 31);

    /*
     * Five clients, reference 2025-12-31. Hand computation (n = 5, score = 1 + floor(5 * beaten / 5)):
     *   client  last sale    recency  documents  net sales         R beats  F beats  M beats  R F M  segment
     *   A       2025-12-30   1        3          100+50+70 = 220   4 -> 5   4 -> 5   3 -> 4   5 5 4  champions
     *   B       2025-12-01   30       2 (+AVOIR) 200+100-40 = 260  3 -> 4   1 -> 2   4 -> 5   4 2 5  potential
     *   C       2025-06-01   213      2          30+30 = 60        2 -> 3   1 -> 2   1 -> 2   3 2 2  needs_attention
     *   D       2024-06-01   578      2          20+25 = 45        0 -> 1   1 -> 2   0 -> 1   1 2 1  lost
     *   E       2025-01-15   350      1          40+40 = 80        1 -> 2   0 -> 1   2 -> 3   2 1 3  needs_attention
     * B's credit note is not a document (frequency 2) but lowers its net sales. B, C and D tie on two
     * documents: each beats only E, so all three score 2. E's two lines share one document.
     */
    @Test
    void scoresMatchTheHandComputation() {
        List<Purchase> purchases = List.of(
                sale("A", "V1", "2025-10-01", "Alsace-Riesling", "100"),
                sale("A", "V2", "2025-11-15", "Alsace-Riesling", "50"),
                sale("A", "V3", "2025-12-30", "Loire-Sancerre", "70"),
                sale("B", "V4", "2025-11-01", "Bordeaux-Medoc", "200"),
                sale("B", "V5", "2025-12-01", "Bordeaux-Medoc", "100"),
                credit("B", "A1", "2025-12-10", "Bordeaux-Medoc", "-40"),
                sale("C", "V6", "2025-05-01", "Loire-Sancerre", "30"),
                sale("C", "V7", "2025-06-01", "Loire-Vouvray", "30"),
                sale("D", "V8", "2024-05-01", "Jura-Savagnin", "20"),
                sale("D", "V9", "2024-06-01", "Jura-Savagnin", "25"),
                sale("E", "V10", "2025-01-15", "Rhone-Gigondas", "40"),
                sale("E", "V10", "2025-01-15", "Rhone-Condrieu", "40"));

        Map<String, RfmScore> scores = new RfmScorer().score(purchases, REFERENCE).stream()
                .collect(Collectors.toMap(s -> s.values().clientCode(), Function.identity()));

        assertScore(scores.get("A"), 1, 3, "220", 5, 5, 4, "champions");
        assertScore(scores.get("B"), 30, 2, "260", 4, 2, 5, "potential");
        assertScore(scores.get("C"), 213, 2, "60", 3, 2, 2, "needs_attention");
        assertScore(scores.get("D"), 578, 2, "45", 1, 2, 1, "lost");
        assertScore(scores.get("E"), 350, 1, "80", 2, 1, 3, "needs_attention");
        assertThat(scores.get("B").values().lastPurchase()).isEqualTo(LocalDate.of(2025, 12, 1));
    }

    @Test
    void aClientWithOnlyCreditNotesIsNotScored() {
        List<RfmScore> scores = new RfmScorer().score(List.of(
                sale("A", "V1", "2025-10-01", "Alsace-Riesling", "100"),
                credit("Z", "A1", "2025-10-02", "Alsace-Riesling", "-10")), REFERENCE);

        assertThat(scores).extracting(s -> s.values().clientCode()).containsExactly("A");
    }

    @Test
    void segmentRulesFollowTheTableInOrder() {
        assertThat(RfmSegments.of(4, 4, 4)).isEqualTo("champions");
        assertThat(RfmSegments.of(5, 5, 3)).isEqualTo("loyal");
        assertThat(RfmSegments.of(3, 4, 1)).isEqualTo("loyal");
        assertThat(RfmSegments.of(4, 1, 5)).isEqualTo("potential");
        assertThat(RfmSegments.of(2, 3, 5)).isEqualTo("at_risk");
        assertThat(RfmSegments.of(1, 5, 5)).isEqualTo("at_risk");
        assertThat(RfmSegments.of(1, 2, 5)).isEqualTo("lost");
        assertThat(RfmSegments.of(2, 2, 2)).isEqualTo("needs_attention");
        assertThat(RfmSegments.of(3, 3, 3)).isEqualTo("needs_attention");
    }

    private static void assertScore(RfmScore s, long recencyDays, int frequency, String monetary, int r, int f, int m,
                                    String segment) {
        assertThat(s.values().recencyDays()).as("recency days").isEqualTo(recencyDays);
        assertThat(s.values().frequency()).as("frequency").isEqualTo(frequency);
        assertThat(s.values().monetary()).as("monetary").isEqualByComparingTo(new BigDecimal(monetary));
        assertThat(List.of(s.recencyScore(), s.frequencyScore(), s.monetaryScore())).as("R F M").containsExactly(r, f, m);
        assertThat(s.segment()).isEqualTo(segment);
    }
}
