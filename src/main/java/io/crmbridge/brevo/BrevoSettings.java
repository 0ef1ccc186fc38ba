package io.crmbridge.brevo;

/**
 * Where and how fast crm-bridge talks to Brevo ({@code brevo.*} properties, docs/sales-ledger.md).
 *
 * @param baseUrl           {@code https://api.brevo.com}, or the Brevo sandbox's loopback URL
 * @param apiKey            the API key (masked in toString)
 * @param sandbox           true when talking to the embedded Brevo sandbox
 * @param requestsPerSecond client-side budget (Brevo's contacts endpoints: 10 a second, 20 on
 *                          Professional/Enterprise plans, developers.brevo.com/docs/api-limits)
 * @param maxAttempts       attempts per request including the first
 * @param backoffInitialMs  first redelivery delay; doubles per attempt, with jitter
 * @param backoffMaxMs      cap of one redelivery delay
 * @param folderName        the contact folder crm-bridge creates its lists in
 * @param listPrefix        prefix of the list names: list {@code <prefix><segment>} per RFM segment
 */
public record BrevoSettings(String baseUrl, BrevoApiKey apiKey, boolean sandbox, int requestsPerSecond,
                            int maxAttempts, long backoffInitialMs, long backoffMaxMs, String folderName,
                            String listPrefix) {
}
