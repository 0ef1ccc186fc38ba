package io.crmbridge.sandbox;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * Settings of the embedded HubSpot sandbox.
 *
 * @param host                   interface to bind, normally {@code 127.0.0.1}
 * @param port                   TCP port; 0 picks a free port
 * @param accessToken            the only Bearer token accepted (hubspot-api.md §5)
 * @param maxBatchInputs         most inputs per batch call; HubSpot's limit is 100 (hubspot-api.md §1.5)
 * @param requestsPerTenSeconds  rolling 10-second budget by tier: 100 Free/Starter, 190 Professional/Enterprise,
 *                               250 with the API limit increase (hubspot-api.md §4.1); 0 or less disables both
 *                               the burst and the search per-second limits
 * @param scopes                 the scopes the token was granted; a call needing another answers 403
 *                               MISSING_SCOPES (hubspot-api.md §5); null means {@link #FLOW_SCOPES}
 * @param dailyLimit             requests per day (hubspot-api.md §4.1: 250,000 Free/Starter, 625,000
 *                               Professional, 1,000,000 Enterprise); 0 or less disables the daily budget and
 *                               its headers
 * @param faults                 injected faults and latency; null means {@link SandboxFaults#none()}
 * @param portalRules            the admin rules of the portal (hubspot-api.md §10.3); null means
 *                               {@link PortalRules#none()}
 * @param zone                   the portal's time zone: its daily count resets at midnight there (hubspot-api.md
 *                               §10.4); null means UTC
 */
public record SandboxConfig(String host, int port, String accessToken, int maxBatchInputs, int requestsPerTenSeconds,
                            Set<String> scopes, long dailyLimit, SandboxFaults faults, PortalRules portalRules,
                            ZoneId zone) {

    /** HubSpot's documented per-second search limit (hubspot-api.md §3.2). */
    static final int SEARCH_REQUESTS_PER_SECOND = 5;

    /** The Enterprise daily allowance (hubspot-api.md §4.1), the default. */
    public static final long DEFAULT_DAILY_LIMIT = 1_000_000L;

    /**
     * Every scope crm-bridge's flows need, exactly the scopes a user grants crm-bridge
     * ({@link io.crmbridge.hubspot.PortalScopes}, derived from the {@code security} of HubSpot's documents): the
     * contacts read and write scopes, the companies write scope, the legacy {@code tickets} scope, the schema write
     * scopes of contacts and companies, {@code crm.lists.read} and {@code oauth}. So the sandbox refuses what HubSpot
     * would refuse such a token.
     */
    public static final Set<String> FLOW_SCOPES = io.crmbridge.hubspot.PortalScopes.standard().names();

    /**
     * Every scope the sandbox checks ({@link RequiredScopes}): the read, write and schema scopes of each object type,
     * {@code tickets}, {@code crm.lists.read} and {@code oauth}; what the emulator's token has unless
     * {@code sandbox.scopes} says otherwise, since other clients call more than crm-bridge does.
     */
    public static final Set<String> EVERY_SCOPE = everyScope();

    private static Set<String> everyScope() {
        Set<String> all = new java.util.TreeSet<>(FLOW_SCOPES);
        for (io.crmbridge.model.ObjectType type : io.crmbridge.model.ObjectType.values()) {
            for (String access : new String[] {"read", "write"}) {
                all.add("crm.schemas." + type.pathName() + "." + access);
                if (type != io.crmbridge.model.ObjectType.TICKETS) {
                    all.add("crm.objects." + type.pathName() + "." + access);
                }
            }
        }
        all.addAll(List.of("tickets", "crm.lists.read", "oauth"));
        return Set.copyOf(all);
    }

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
        scopes = scopes == null ? FLOW_SCOPES : Set.copyOf(scopes);
        faults = faults == null ? SandboxFaults.none() : faults;
        portalRules = portalRules == null ? PortalRules.none() : portalRules;
        zone = zone == null ? java.time.ZoneOffset.UTC : zone;
    }

    /** A portal without admin rules, in UTC. */
    public SandboxConfig(String host, int port, String accessToken, int maxBatchInputs, int requestsPerTenSeconds,
                         Set<String> scopes, long dailyLimit, SandboxFaults faults) {
        this(host, port, accessToken, maxBatchInputs, requestsPerTenSeconds, scopes, dailyLimit, faults, null, null);
    }

    /** Every flow scope, the Enterprise daily limit, no faults. */
    public SandboxConfig(String host, int port, String accessToken, int maxBatchInputs, int requestsPerTenSeconds) {
        this(host, port, accessToken, maxBatchInputs, requestsPerTenSeconds, null, DEFAULT_DAILY_LIMIT, null);
    }

    /** 127.0.0.1, a free port, 100 inputs per batch, 190 requests per 10 seconds, 1,000,000 per day, no faults. */
    public static SandboxConfig defaults(String accessToken) {
        return new SandboxConfig("127.0.0.1", 0, accessToken, 100, 190);
    }

    /** The same settings with the token granted exactly {@code granted} (null: {@link #FLOW_SCOPES}). */
    public SandboxConfig withScopes(Set<String> granted) {
        return new SandboxConfig(host, port, accessToken, maxBatchInputs, requestsPerTenSeconds, granted, dailyLimit, faults,
                portalRules, zone);
    }

    /** The same settings with another daily budget (0 or less: none). */
    public SandboxConfig withDailyLimit(long perDay) {
        return new SandboxConfig(host, port, accessToken, maxBatchInputs, requestsPerTenSeconds, scopes, perDay, faults,
                portalRules, zone);
    }

    /** The same settings with injected faults. */
    public SandboxConfig withFaults(SandboxFaults injected) {
        return new SandboxConfig(host, port, accessToken, maxBatchInputs, requestsPerTenSeconds, scopes, dailyLimit, injected,
                portalRules, zone);
    }

    /** The same settings with the portal's admin rules. */
    public SandboxConfig withPortalRules(PortalRules rules) {
        return new SandboxConfig(host, port, accessToken, maxBatchInputs, requestsPerTenSeconds, scopes, dailyLimit, faults,
                rules, zone);
    }

    /** The same settings in another time zone. */
    public SandboxConfig withZone(ZoneId portalZone) {
        return new SandboxConfig(host, port, accessToken, maxBatchInputs, requestsPerTenSeconds, scopes, dailyLimit,
                faults, portalRules, portalZone);
    }

    /** Whether the rolling-window limits are enforced. */
    boolean rateLimited() {
        return requestsPerTenSeconds > 0;
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "SandboxConfig[host=" + host + ", port=" + port + ", accessToken=***, maxBatchInputs=" + maxBatchInputs
                + ", requestsPerTenSeconds=" + requestsPerTenSeconds + ", scopes=" + scopes.size()
                + ", dailyLimit=" + dailyLimit + ", faults=" + faults + ", portalRules=" + portalRules + ", zone=" + zone + "]";
    }
}
