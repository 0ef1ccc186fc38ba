package io.crmbridge.sales.scoring;

import java.util.List;

/**
 * Names a client's RFM scores (R, F, M from 1 to 5). The first matching rule wins:
 *
 * <table>
 * <caption>RFM segment rules</caption>
 * <tr><th>segment</th><th>rule</th><th>meaning</th></tr>
 * <tr><td>champions</td><td>R &ge; 4, F &ge; 4, M &ge; 4</td><td>bought lately, often, and much</td></tr>
 * <tr><td>loyal</td><td>R &ge; 3, F &ge; 4</td><td>buys often and not long ago</td></tr>
 * <tr><td>potential</td><td>R &ge; 4</td><td>bought lately, not yet often</td></tr>
 * <tr><td>at_risk</td><td>R &le; 2, F &ge; 3</td><td>used to buy often, not lately</td></tr>
 * <tr><td>lost</td><td>R = 1</td><td>bought rarely, long ago</td></tr>
 * <tr><td>needs_attention</td><td>otherwise</td><td>middling recency and frequency</td></tr>
 * </table>
 *
 * The names follow the common RFM segment vocabulary (champions, loyal, potential, at risk, lost);
 * the thresholds are this project's (W2) and docs/sales-ledger.md repeats them.
 */
public final class RfmSegments {

    /** Every segment, in the order of the rules (the order of the report's distribution). */
    public static final List<String> ALL = List.of("champions", "loyal", "potential", "at_risk", "lost",
            "needs_attention");

    private RfmSegments() {
    }

    /** The segment of scores R, F, M (each 1 to 5). */
    public static String of(int r, int f, int m) {
        if (r >= 4 && f >= 4 && m >= 4) {
            return "champions";
        }
        if (r >= 3 && f >= 4) {
            return "loyal";
        }
        if (r >= 4) {
            return "potential";
        }
        if (r <= 2 && f >= 3) {
            return "at_risk";
        }
        if (r == 1) {
            return "lost";
        }
        return "needs_attention";
    }
}
