package io.crmbridge.sales.scoring;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one scoring run shown in the ledger import's report.
 *
 * @param referenceDate            the date recency is measured to
 * @param clientsScored            clients with a sale line
 * @param segments                 clients per segment, every segment of {@link RfmSegments#ALL} in its order
 * @param coPurchaseRecommendations recommendations made, all clients together
 * @param rebuySuggestions         rebuy suggestions made, all clients together
 * @param averageDiversity         mean diversity score of the scored clients (0 when none)
 */
public record ScoringSummary(LocalDate referenceDate, int clientsScored, Map<String, Integer> segments,
                             int coPurchaseRecommendations, int rebuySuggestions, double averageDiversity) {

    /** The report's {@code scoring} object; {@code referenceDate} as ISO text, null when nothing was scored. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("referenceDate", referenceDate == null ? null : referenceDate.toString());
        m.put("clientsScored", clientsScored);
        m.put("segments", new LinkedHashMap<>(segments));
        m.put("coPurchaseRecommendations", coPurchaseRecommendations);
        m.put("rebuySuggestions", rebuySuggestions);
        m.put("averageDiversity", averageDiversity);
        return m;
    }
}
