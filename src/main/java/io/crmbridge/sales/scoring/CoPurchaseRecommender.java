package io.crmbridge.sales.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Co-purchase recommendations (PRODUCT.md W2) by association rules over client baskets: a client's
 * basket is the set of products it bought (sale lines). For products A and B, with n clients that
 * bought anything: {@code support(A,B) = clients who bought both / n} and
 * {@code confidence(A -> B) = clients who bought both / clients who bought A}. A rule counts when
 * its support and confidence reach the configured minimums.
 *
 * <p>For a client, every product B it has never bought is scored by its best rule A -> B over the
 * products A it did buy (highest confidence, then support); the best {@code maxPerClient} are
 * recommended (ties by label). A product the client already bought is never recommended.
 */
public final class CoPurchaseRecommender {

    private final double minSupport;
    private final double minConfidence;
    private final int maxPerClient;

    /**
     * @param minSupport    least support of a rule, 0..1
     * @param minConfidence least confidence of a rule, 0..1
     * @param maxPerClient  recommendations kept per client
     */
    public CoPurchaseRecommender(double minSupport, double minConfidence, int maxPerClient) {
        this.minSupport = minSupport;
        this.minConfidence = minConfidence;
        this.maxPerClient = maxPerClient;
    }

    /** Recommendations per client code (clients with none are absent), best first. */
    public Map<String, List<Recommendation>> recommend(List<Purchase> purchases) {
        Map<String, Set<String>> baskets = new TreeMap<>();
        Map<String, String> labels = new HashMap<>();
        for (Purchase p : purchases) {
            if (p.isSale()) {
                baskets.computeIfAbsent(p.clientCode(), c -> new LinkedHashSet<>()).add(p.productKey());
                labels.putIfAbsent(p.productKey(), p.productLabel());
            }
        }
        List<String> products = new ArrayList<>(new java.util.TreeSet<>(labels.keySet()));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < products.size(); i++) {
            index.put(products.get(i), i);
        }
        int k = products.size();
        int[] buyers = new int[k];
        int[][] both = new int[k][k];
        for (Set<String> basket : baskets.values()) {
            int[] items = basket.stream().mapToInt(index::get).toArray();
            for (int a : items) {
                buyers[a]++;
                for (int b : items) {
                    if (a != b) {
                        both[a][b]++;
                    }
                }
            }
        }
        int n = baskets.size();
        Map<String, List<Recommendation>> result = new TreeMap<>();
        baskets.forEach((client, basket) -> {
            List<Recommendation> candidates = new ArrayList<>();
            int[] owned = basket.stream().mapToInt(index::get).toArray();
            for (int b = 0; b < k; b++) {
                if (basket.contains(products.get(b))) {
                    continue;
                }
                Recommendation best = null;
                for (int a : owned) {
                    if (both[a][b] == 0) {
                        continue;
                    }
                    double support = (double) both[a][b] / n;
                    double confidence = (double) both[a][b] / buyers[a];
                    if (support < minSupport || confidence < minConfidence) {
                        continue;
                    }
                    Recommendation r = new Recommendation(products.get(b), labels.get(products.get(b)), support,
                            confidence, labels.get(products.get(a)));
                    if (best == null || BETTER.compare(r, best) < 0) {
                        best = r;
                    }
                }
                if (best != null) {
                    candidates.add(best);
                }
            }
            candidates.sort(BETTER.thenComparing(Recommendation::productLabel));
            if (!candidates.isEmpty()) {
                result.put(client, List.copyOf(candidates.subList(0, Math.min(maxPerClient, candidates.size()))));
            }
        });
        return result;
    }

    private static final Comparator<Recommendation> BETTER = Comparator
            .comparingDouble(Recommendation::confidence).reversed()
            .thenComparing(Comparator.comparingDouble(Recommendation::support).reversed())
            .thenComparing(Recommendation::becauseOf);
}
