package io.crmbridge.sales.scoring;

import static io.crmbridge.sales.scoring.Purchases.credit;
import static io.crmbridge.sales.scoring.Purchases.sale;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiversityScorerTest {

    @Test
    void diversityIsTheShareOfCatalogueFamiliesBought() {
        List<Purchase> purchases = List.of(
                sale("A", "1", "2025-01-01", "Alsace-Riesling", "10"), sale("A", "1", "2025-01-01", "Alsace-Sylvaner", "10"),
                sale("A", "2", "2025-02-01", "Loire-Sancerre", "10"), sale("A", "3", "2025-03-01", "Jura-Savagnin", "10"),
                sale("B", "4", "2025-01-01", "Loire-Vouvray", "10"),
                credit("B", "5", "2025-01-05", "Rhone-Condrieu", "-10"));

        Map<String, Double> scores = new DiversityScorer().score(purchases, 7);

        // A: Alsace, Loire, Jura = 3 of 7 = 0.4286 -> 0.429; B: Loire only (a credit note is not a purchase) = 1/7
        assertThat(scores).containsEntry("A", 0.429).containsEntry("B", 0.143);
        assertThat(new DiversityScorer().score(purchases, 0)).containsEntry("A", 0.0);
    }
}
