package io.crmbridge.sales.scoring;

import io.crmbridge.sales.CustomerProfile;
import java.util.List;
import java.util.Map;

/**
 * Everything one scoring run produced.
 *
 * @param profiles        one per scored client, by client code (what the push of W3 consumes)
 * @param recommendations co-purchase recommendations per client, best first
 * @param rebuy           rebuy suggestions per client, most overdue first
 * @param summary         the report's figures
 */
public record ScoringResult(List<CustomerProfile> profiles, Map<String, List<Recommendation>> recommendations,
                            Map<String, List<RebuySuggestion>> rebuy, ScoringSummary summary) {
}
