package io.crmbridge.push;

import java.util.Map;

/**
 * What a push of scored clients did (PRODUCT.md W3), for the report: counts per target and outcome.
 *
 * @param clients        profiles received
 * @param dryRun         true when nothing was sent ({@code crm-bridge.dry-run})
 * @param segments       segment -> clients, for the segment distribution
 * @param hubspot        outcome -> contacts: {@code created}, {@code updated}, {@code rejected} (refused by
 *                       HubSpot), {@code failed} (not reachable after redelivery), {@code skipped} (no usable
 *                       or a repeated email: never sent)
 * @param brevo          outcome -> contacts: {@code imported}, {@code rejected}, {@code failed}, {@code skipped}
 * @param brevoLists     segment -> id of its Brevo list
 * @param deadLetters    rows written to the dead-letter CSV (a client refused by both targets has two)
 * @param deadLetterFile the dead-letter CSV, relative to the outbox, or null when every client landed
 * @param deliveries     what happened to each client on each target, in the order the outcomes were known (not in
 *                       the report: the console's push history keeps them)
 */
public record PushResult(int clients, boolean dryRun, Map<String, Integer> segments, Map<String, Long> hubspot,
                         Map<String, Long> brevo, Map<String, Long> brevoLists, long deadLetters,
                         String deadLetterFile, java.util.List<Delivery> deliveries) {

    /**
     * One client on one target.
     *
     * @param clientCode the merchant's client code
     * @param target     {@code hubspot} or {@code brevo}
     * @param list       the client's RFM segment for HubSpot (property {@code crm_bridge_rfm_segment}), the Brevo
     *                   list's name for Brevo
     * @param outcome    one of the target's outcomes above
     */
    public record Delivery(String clientCode, String target, String list, String outcome) {
    }

    /** The report's {@code push} section: these components by name, and {@code error} null. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("clients", clients);
        m.put("dryRun", dryRun);
        m.put("hubspot", hubspot);
        m.put("brevo", brevo);
        m.put("brevoLists", brevoLists);
        m.put("deadLetters", deadLetters);
        m.put("deadLetterFile", deadLetterFile);
        m.put("error", null);
        return m;
    }
}
