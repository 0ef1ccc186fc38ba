package io.crmbridge.sales.scoring;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Rebuy suggestions (PRODUCT.md W2): for each product a client bought on at least two distinct dates,
 * its usual repurchase interval is the mean gap between those dates, {@code (last - first) / (dates -
 * 1)} days, rounded. The client is past it when the days from the last purchase to the reference
 * date exceed {@code interval * tolerance}; the suggestion says by how many days it is past the
 * interval. Most overdue first (ties by label), at most {@code maxPerClient}.
 */
public final class RebuyAdvisor {

    private final double tolerance;
    private final int maxPerClient;

    /**
     * @param tolerance    multiple of the usual interval after which the client is overdue (1.0: as soon as past it)
     * @param maxPerClient suggestions kept per client
     */
    public RebuyAdvisor(double tolerance, int maxPerClient) {
        this.tolerance = tolerance;
        this.maxPerClient = maxPerClient;
    }

    /** Suggestions per client code (clients with none are absent), most overdue first. */
    public Map<String, List<RebuySuggestion>> suggest(List<Purchase> purchases, LocalDate referenceDate) {
        Map<String, Map<String, TreeSet<LocalDate>>> dates = new TreeMap<>();
        Map<String, String> labels = new TreeMap<>();
        for (Purchase p : purchases) {
            if (p.isSale()) {
                dates.computeIfAbsent(p.clientCode(), c -> new TreeMap<>())
                        .computeIfAbsent(p.productKey(), k -> new TreeSet<>()).add(p.date());
                labels.putIfAbsent(p.productKey(), p.productLabel());
            }
        }
        Map<String, List<RebuySuggestion>> result = new TreeMap<>();
        dates.forEach((client, byProduct) -> {
            List<RebuySuggestion> due = new ArrayList<>();
            byProduct.forEach((product, bought) -> {
                if (bought.size() < 2) {
                    return;
                }
                long span = ChronoUnit.DAYS.between(bought.first(), bought.last());
                int interval = (int) Math.round((double) span / (bought.size() - 1));
                long since = ChronoUnit.DAYS.between(bought.last(), referenceDate);
                if (interval > 0 && since > interval * tolerance) {
                    due.add(new RebuySuggestion(product, labels.get(product), bought.last(), interval,
                            (int) (since - interval)));
                }
            });
            due.sort(Comparator.comparingInt(RebuySuggestion::overdueDays).reversed()
                    .thenComparing(RebuySuggestion::productLabel));
            if (!due.isEmpty()) {
                result.put(client, List.copyOf(due.subList(0, Math.min(maxPerClient, due.size()))));
            }
        });
        return result;
    }
}
