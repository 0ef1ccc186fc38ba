package io.crmbridge.hubspot;

/**
 * Where and how fast crm-bridge talks to HubSpot ({@code hubspot.*} properties, docs/configuration.md).
 *
 * @param baseUrl               {@code https://api.hubapi.com}, or the sandbox's loopback URL
 * @param paths                 the API paths of the configured API version (hubspot-api.md §0)
 * @param token                 the access token (masked in toString)
 * @param sandbox               true when talking to the embedded sandbox
 * @param requestsPerTenSeconds client-side budget (100/190/250 by tier, hubspot-api.md §4.1)
 * @param maxAttempts           attempts per request including the first (L3)
 * @param backoffInitialMs      first redelivery delay; doubles per attempt, with full jitter
 * @param backoffMaxMs          cap of one redelivery delay
 */
public record HubSpotSettings(String baseUrl, HubSpotPaths paths, AccessToken token,
                              boolean sandbox, int requestsPerTenSeconds, int maxAttempts, long backoffInitialMs,
                              long backoffMaxMs) {
}
