package io.crmbridge.sales.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Diversity score (PRODUCT.md W2): the share of the catalogue's families ({@code famille_crm}: the
 * wine regions and grape families) a client has bought from, {@code distinct families bought /
 * families in the catalogue}, 0.0 to 1.0 with three decimals. Sale lines of products without a
 * family do not count.
 */
public final class DiversityScorer {

    /**
     * @param catalogueFamilies distinct families in the product catalogue; 0 gives every client 0.0
     * @return score per client code of every client with a sale line
     */
    public Map<String, Double> score(Iterable<Purchase> purchases, int catalogueFamilies) {
        Map<String, Set<String>> families = new TreeMap<>();
        for (Purchase p : purchases) {
            if (p.isSale()) {
                Set<String> f = families.computeIfAbsent(p.clientCode(), c -> new HashSet<>());
                if (p.family() != null) {
                    f.add(p.family());
                }
            }
        }
        Map<String, Double> scores = new TreeMap<>();
        families.forEach((client, f) -> scores.put(client, catalogueFamilies == 0 ? 0.0
                : BigDecimal.valueOf(Math.min(1.0, (double) f.size() / catalogueFamilies))
                        .setScale(3, RoundingMode.HALF_UP).doubleValue()));
        return scores;
    }
}
