package io.crmbridge.sandbox;

/**
 * Settings of the embedded HubSpot sandbox.
 *
 * @param host                   interface to bind, normally {@code 127.0.0.1}
 * @param port                   TCP port; 0 picks a free port
 * @param accessToken            the only Bearer token accepted (hubspot-api.md §5)
 * @param maxBatchInputs         most inputs per batch call; HubSpot's limit is 100 (hubspot-api.md §1.5)
 * @param requestsPerTenSeconds  rolling 10-second budget (hubspot-api.md §4.1, Professional = 190);
 *                               0 or less disables both the burst and the search per-second limits
 */
public record SandboxConfig(String host, int port, String accessToken, int maxBatchInputs, int requestsPerTenSeconds) {

    /** HubSpot's documented per-second search limit (hubspot-api.md §3.2). */
    static final int SEARCH_REQUESTS_PER_SECOND = 5;

    public SandboxConfig {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("accessToken must not be blank");
        }
        if (maxBatchInputs < 1) {
            throw new IllegalArgumentException("maxBatchInputs must be positive");
        }
        if (port < 0) {
            throw new IllegalArgumentException("port must be 0 or positive");
        }
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
    }

    /** 127.0.0.1, a free port, 100 inputs per batch, 190 requests per 10 seconds. */
    public static SandboxConfig defaults(String accessToken) {
        return new SandboxConfig("127.0.0.1", 0, accessToken, 100, 190);
    }

    /** Whether the rolling-window limits are enforced. */
    boolean rateLimited() {
        return requestsPerTenSeconds > 0;
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "SandboxConfig[host=" + host + ", port=" + port + ", accessToken=***, maxBatchInputs=" + maxBatchInputs
                + ", requestsPerTenSeconds=" + requestsPerTenSeconds + "]";
    }
}
