package io.crmbridge.sales.scoring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * RFM per client (PRODUCT.md W2). Clients with at least one sale line are scored.
 *
 * <ul>
 *   <li>recency: days from the client's last sale line to the reference date;</li>
 *   <li>frequency: distinct sales documents ({@code document_no} of VENTE lines);</li>
 *   <li>monetary: net sales, the sum of {@code mt_ht} over sales and credit notes.</li>
 * </ul>
 *
 * <p>Quintile scores by rank among the n scored clients, ties sharing a score: a value's score is
 * {@code 1 + floor(5 * w / n)}, where w counts the clients it beats (F and M: clients with a
 * strictly smaller value; R: clients with strictly more days since their last purchase). So the
 * best fifth scores 5 and the worst fifth 1 when values are distinct.
 */
public final class RfmScorer {

    /** Scores every client with a sale line, ordered by client code. */
    public List<RfmScore> score(List<Purchase> purchases, LocalDate referenceDate) {
        Map<String, List<Purchase>> byClient = new TreeMap<>();
        for (Purchase p : purchases) {
            byClient.computeIfAbsent(p.clientCode(), c -> new ArrayList<>()).add(p);
        }
        List<RfmValues> values = new ArrayList<>();
        byClient.forEach((client, lines) -> {
            LocalDate last = null;
            Set<String> documents = new HashSet<>();
            BigDecimal monetary = BigDecimal.ZERO;
            for (Purchase p : lines) {
                monetary = monetary.add(p.amountHt());
                if (p.isSale()) {
                    documents.add(p.documentNo());
                    if (last == null || p.date().isAfter(last)) {
                        last = p.date();
                    }
                }
            }
            if (last != null) {
                values.add(new RfmValues(client, last, ChronoUnit.DAYS.between(last, referenceDate), documents.size(),
                        monetary));
            }
        });
        long[] recency = values.stream().mapToLong(RfmValues::recencyDays).sorted().toArray();
        long[] frequency = values.stream().mapToLong(RfmValues::frequency).sorted().toArray();
        BigDecimal[] monetary = values.stream().map(RfmValues::monetary).sorted().toArray(BigDecimal[]::new);
        int n = values.size();
        List<RfmScore> scores = new ArrayList<>(n);
        for (RfmValues v : values) {
            int r = quintile(n - upperBound(recency, v.recencyDays()), n);
            int f = quintile(lowerBound(frequency, v.frequency()), n);
            int m = quintile(lowerBound(monetary, v.monetary()), n);
            scores.add(new RfmScore(v, r, f, m, RfmSegments.of(r, f, m)));
        }
        return scores;
    }

    private static int quintile(int beaten, int n) {
        return 1 + (int) (5L * beaten / n);
    }

    /** How many sorted values are strictly smaller than {@code v}. */
    private static int lowerBound(long[] sorted, long v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How many sorted values are smaller than or equal to {@code v}. */
    private static int upperBound(long[] sorted, long v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int lowerBound(BigDecimal[] sorted, BigDecimal v) {
        int i = Arrays.binarySearch(sorted, v, Comparator.naturalOrder());
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sorted[i - 1].compareTo(v) == 0) {
            i--;
        }
        return i;
    }
}
