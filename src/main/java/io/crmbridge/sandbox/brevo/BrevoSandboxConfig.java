package io.crmbridge.sandbox.brevo;

import io.crmbridge.sandbox.SandboxFaults;

/**
 * Settings of the embedded Brevo sandbox.
 *
 * @param host              interface to bind, normally {@code 127.0.0.1}
 * @param port              TCP port; 0 picks a free port
 * @param apiKey            the only {@code api-key} header value accepted (others answer 401)
 * @param requestsPerSecond rolling one-second budget of the {@code /v3/contacts} endpoints (Brevo's general
 *                          limit is 10, 20 on Professional/Enterprise: developers.brevo.com/docs/api-limits);
 *                          0 or less disables it and its {@code x-sib-ratelimit-*} headers
 * @param faults            injected faults and latency, drawn as in the HubSpot sandbox; null means none
 */
public record BrevoSandboxConfig(String host, int port, String apiKey, int requestsPerSecond, SandboxFaults faults) {

    /** Brevo's general per-second limit of the contacts endpoints. */
    public static final int DEFAULT_REQUESTS_PER_SECOND = 10;

    public BrevoSandboxConfig {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank");
        }
        if (port < 0) {
            throw new IllegalArgumentException("port must be 0 or positive");
        }
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        faults = faults == null ? SandboxFaults.none() : faults;
    }

    /** 127.0.0.1, a free port, Brevo's general limit, no faults. */
    public static BrevoSandboxConfig defaults(String apiKey) {
        return new BrevoSandboxConfig("127.0.0.1", 0, apiKey, DEFAULT_REQUESTS_PER_SECOND, null);
    }

    /** The same settings with injected faults. */
    public BrevoSandboxConfig withFaults(SandboxFaults injected) {
        return new BrevoSandboxConfig(host, port, apiKey, requestsPerSecond, injected);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "BrevoSandboxConfig[host=" + host + ", port=" + port + ", apiKey=***, requestsPerSecond="
                + requestsPerSecond + ", faults=" + faults + "]";
    }
}
