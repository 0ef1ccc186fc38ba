package io.crmbridge.sales.scoring;

import io.crmbridge.sales.CustomerProfile;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One scoring run over the loaded sales lines (PRODUCT.md W2): RFM and segments ({@link RfmScorer},
 * {@link RfmSegments}), co-purchase recommendations, rebuy suggestions and diversity, put together
 * as one {@link CustomerProfile} per scored client. Pure: no database, no Camel.
 *
 * <p>Reference date: the configured one, else the latest delivery date among the lines.
 */
public final class LedgerScoring {

    private final RfmScorer rfm = new RfmScorer();
    private final CoPurchaseRecommender coPurchase;
    private final RebuyAdvisor rebuy;
    private final DiversityScorer diversity = new DiversityScorer();
    private final Optional<LocalDate> configuredReference;

    /**
     * @param coPurchase          the recommender
     * @param rebuy               the rebuy advisor
     * @param configuredReference a fixed reference date, or empty for the latest delivery date
     */
    public LedgerScoring(CoPurchaseRecommender coPurchase, RebuyAdvisor rebuy, Optional<LocalDate> configuredReference) {
        this.coPurchase = coPurchase;
        this.rebuy = rebuy;
        this.configuredReference = configuredReference;
    }

    /**
     * @param purchases         the loaded sales lines
     * @param details           contact details by client code (never null; {@link ClientDetails#NONE} when unknown)
     * @param catalogueFamilies distinct families in the product catalogue
     */
    public ScoringResult score(List<Purchase> purchases, Function<String, ClientDetails> details,
                               int catalogueFamilies) {
        Optional<LocalDate> latest = purchases.stream().map(Purchase::date).max(LocalDate::compareTo);
        LocalDate reference = configuredReference.or(() -> latest).orElse(null);
        Map<String, Integer> segments = new LinkedHashMap<>();
        RfmSegments.ALL.forEach(s -> segments.put(s, 0));
        if (reference == null) {
            return new ScoringResult(List.of(), Map.of(), Map.of(),
                    new ScoringSummary(null, 0, segments, 0, 0, 0.0));
        }
        List<RfmScore> scores = rfm.score(purchases, reference);
        Map<String, List<Recommendation>> recommendations = coPurchase.recommend(purchases);
        Map<String, List<RebuySuggestion>> rebuys = rebuy.suggest(purchases, reference);
        Map<String, Double> diversities = diversity.score(purchases, catalogueFamilies);
        List<CustomerProfile> profiles = new ArrayList<>(scores.size());
        double diversitySum = 0;
        int recommendationCount = 0;
        int rebuyCount = 0;
        for (RfmScore s : scores) {
            RfmValues v = s.values();
            ClientDetails d = details.apply(v.clientCode());
            List<String> recs = recommendations.getOrDefault(v.clientCode(), List.of()).stream()
                    .map(Recommendation::productLabel).toList();
            List<String> due = rebuys.getOrDefault(v.clientCode(), List.of()).stream()
                    .map(RebuySuggestion::productLabel).toList();
            double div = diversities.getOrDefault(v.clientCode(), 0.0);
            profiles.add(new CustomerProfile(v.clientCode(), d.email(), d.firstName(), d.lastName(), d.phone(),
                    d.postalCode(), d.city(), d.country(), s.segment(), s.recencyScore(), s.frequencyScore(),
                    s.monetaryScore(), v.lastPurchase(), v.recencyDays(), v.frequency(),
                    v.monetary().setScale(2, RoundingMode.HALF_UP), div, recs, due));
            segments.merge(s.segment(), 1, Integer::sum);
            diversitySum += div;
            recommendationCount += recs.size();
            rebuyCount += due.size();
        }
        double averageDiversity = scores.isEmpty() ? 0.0
                : BigDecimal.valueOf(diversitySum / scores.size()).setScale(3, RoundingMode.HALF_UP).doubleValue();
        return new ScoringResult(List.copyOf(profiles), recommendations, rebuys, new ScoringSummary(reference,
                scores.size(), segments, recommendationCount, rebuyCount, averageDiversity));
    }
}
