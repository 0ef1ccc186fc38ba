package io.crmbridge.sales.scoring;

import static io.crmbridge.sales.scoring.Purchases.sale;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoPurchaseRecommenderTest {

    /*
     * Baskets: A {X, Y}, B {X, Y, Z}, C {X, Z}, D {X}. n = 4.
     * D bought only X: X -> Y has both = 2 (A, B), support 2/4 = 0.5, confidence 2/4 = 0.5;
     * X -> Z has both = 2 (B, C), support 0.5, confidence 0.5: a tie broken by label, Y first.
     * C {X, Z} lacks Y: X -> Y (0.5, 0.5), Z -> Y (both = 1 (B), support 0.25, confidence 1/2 = 0.5):
     * the best rule keeps the higher support, X -> Y.
     */
    @Test
    void recommendsByConfidenceThenSupportWithTheirValues() {
        List<Purchase> purchases = List.of(
                sale("A", "1", "2025-01-01", "X", "10"), sale("A", "1", "2025-01-01", "Y", "10"),
                sale("B", "2", "2025-01-02", "X", "10"), sale("B", "2", "2025-01-02", "Y", "10"),
                sale("B", "3", "2025-02-02", "Z", "10"),
                sale("C", "4", "2025-01-03", "X", "10"), sale("C", "4", "2025-01-03", "Z", "10"),
                sale("D", "5", "2025-01-04", "X", "10"));

        Map<String, List<Recommendation>> recs = new CoPurchaseRecommender(0.0, 0.0, 3).recommend(purchases);

        assertThat(recs.get("D")).extracting(Recommendation::productLabel).containsExactly("Y", "Z");
        assertThat(recs.get("D").get(0).support()).isEqualTo(0.5);
        assertThat(recs.get("D").get(0).confidence()).isEqualTo(0.5);
        assertThat(recs.get("D").get(0).becauseOf()).isEqualTo("X");
        assertThat(recs.get("C")).extracting(Recommendation::productLabel).containsExactly("Y");
        assertThat(recs.get("C").get(0).becauseOf()).isEqualTo("X");
        assertThat(recs).doesNotContainKey("B");
    }

    @Test
    void rulesBelowTheMinimumsAreNotUsed() {
        List<Purchase> purchases = List.of(
                sale("A", "1", "2025-01-01", "X", "10"), sale("A", "1", "2025-01-01", "Y", "10"),
                sale("B", "2", "2025-01-02", "X", "10"), sale("C", "3", "2025-01-02", "X", "10"),
                sale("D", "4", "2025-01-02", "X", "10"));

        // X -> Y: support 1/4 = 0.25, confidence 1/4 = 0.25
        assertThat(new CoPurchaseRecommender(0.3, 0.0, 3).recommend(purchases)).isEmpty();
        assertThat(new CoPurchaseRecommender(0.0, 0.3, 3).recommend(purchases)).isEmpty();
        assertThat(new CoPurchaseRecommender(0.25, 0.25, 3).recommend(purchases)).containsOnlyKeys("B", "C", "D");
    }

    @Test
    void neverRecommendsAProductTheClientAlreadyBought() {
        Random random = new Random(3);
        List<Purchase> purchases = new ArrayList<>();
        for (int c = 0; c < 200; c++) {
            int lines = 1 + random.nextInt(8);
            for (int l = 0; l < lines; l++) {
                purchases.add(sale("C" + c, "D" + c + "-" + l, "2025-01-01", "P" + random.nextInt(25), "10"));
            }
        }

        Map<String, List<Recommendation>> recs = new CoPurchaseRecommender(0.0, 0.0, 5).recommend(purchases);

        assertThat(recs).isNotEmpty();
        recs.forEach((client, list) -> {
            Set<String> bought = new HashSet<>();
            purchases.stream().filter(p -> p.clientCode().equals(client)).forEach(p -> bought.add(p.productKey()));
            assertThat(list).as(client).hasSizeLessThanOrEqualTo(5)
                    .extracting(Recommendation::productKey).doesNotContainAnyElementsOf(bought);
        });
    }
}
