package io.crmbridge.config;

import io.crmbridge.hubspot.AccessToken;
import io.crmbridge.hubspot.HubSpotPaths;
import io.crmbridge.hubspot.HubSpotSettings;
import io.crmbridge.sandbox.HubSpotSandbox;
import io.crmbridge.sandbox.PortalRules;
import io.crmbridge.sandbox.SandboxConfig;
import io.crmbridge.sandbox.SandboxFaults;
import io.crmbridge.sandbox.SandboxSeeder;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where HubSpot requests go (O1, O2): to the portal of {@code HUBSPOT_ACCESS_TOKEN} (or
 * {@code hubspot.access-token-file}), or, when no token is configured or {@code hubspot.sandbox=true},
 * to the embedded HubSpot sandbox started on loopback and bound as {@value #SANDBOX_BEAN}.
 */
public final class HubSpotConnection {

    /** Registry name of the running sandbox, when there is one. */
    public static final String SANDBOX_BEAN = "hubspotSandbox";
    private static final Logger LOG = LoggerFactory.getLogger(HubSpotConnection.class);

    private HubSpotConnection() {
    }

    /**
     * Builds the client settings, starting the sandbox when needed.
     *
     * @throws IOException when the sandbox cannot bind its port (or Camel refuses its stop hook)
     */
    public static HubSpotSettings settings(CamelContext context) throws Exception {
        PropertiesComponent p = context.getPropertiesComponent();
        String mode = BridgeSettings.get(p, "hubspot.sandbox", "auto");
        Optional<AccessToken> token = "true".equalsIgnoreCase(mode) ? Optional.empty()
                : AccessToken.resolve(System.getenv(), BridgeSettings.get(p, "hubspot.access-token-file", ""));
        int budget = Integer.parseInt(BridgeSettings.get(p, "hubspot.requests-per-ten-seconds", "190"));
        int attempts = Integer.parseInt(BridgeSettings.get(p, "hubspot.max-attempts", "6"));
        long initial = Long.parseLong(BridgeSettings.get(p, "hubspot.backoff-initial-ms", "500"));
        long max = Long.parseLong(BridgeSettings.get(p, "hubspot.backoff-max-ms", "30000"));
        HubSpotPaths paths = new HubSpotPaths(BridgeSettings.get(p, "hubspot.api-version", HubSpotPaths.DEFAULT_VERSION));
        if (token.isPresent()) {
            if ("false".equalsIgnoreCase(mode) || "auto".equalsIgnoreCase(mode)) {
                String base = BridgeSettings.get(p, "hubspot.base-url", "https://api.hubapi.com");
                LOG.info("HubSpot: {} with the configured access token", base);
                return new HubSpotSettings(base, paths, token.get(), false, budget, attempts, initial, max);
            }
        } else if ("false".equalsIgnoreCase(mode)) {
            throw new IllegalStateException("hubspot.sandbox=false but no token: set " + AccessToken.ENV
                    + " or hubspot.access-token-file");
        }
        // the sandbox's token is made up here: it guards the loopback port, it is not a user secret
        String sandboxToken = "sandbox-" + UUID.randomUUID();
        SandboxConfig config = sandboxConfig(p, sandboxToken);
        HubSpotSandbox sandbox = HubSpotSandbox.start(config);
        context.getRegistry().bind(SANDBOX_BEAN, sandbox);
        String seedSpec = BridgeSettings.get(p, "sandbox.seed-contacts", "").trim();
        if (!seedSpec.isEmpty()) {
            int lists = Integer.parseInt(BridgeSettings.get(p, "sandbox.seed-lists", "0").trim());
            int seeded = new SandboxSeeder(Long.parseLong(BridgeSettings.get(p, "sandbox.seed-random", "42").trim()),
                    java.time.Instant.now()).withLists(lists).seed(sandbox.state(), seedSpec);
            LOG.info("Sandbox seeded with {} contacts from {} ({} contact lists)", seeded, seedSpec, lists);
        }
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                sandbox.close();
            }
        }, true, true);
        LOG.info("No HubSpot access token configured: using the embedded HubSpot sandbox at {}", sandbox.baseUrl());
        return new HubSpotSettings(sandbox.baseUrl(), paths, AccessToken.of(sandboxToken), true, budget,
                attempts, initial, max);
    }

    /**
     * The sandbox's settings from the {@code sandbox.*} properties (docs/configuration.md): port, batch
     * limit, 10-second and daily budgets, the portal's time zone (its daily count resets at midnight there),
     * granted scopes ({@code sandbox.scopes}, comma-separated, empty = every scope the flows need), injected faults
     * ({@code sandbox.faults.*}) and the portal's admin rules ({@code sandbox.portal-rules.*}, {@link PortalRules#parse}).
     *
     * @throws IllegalArgumentException when a number is malformed, a fault rate is out of range or a portal rule
     *                                  cannot be read
     */
    static SandboxConfig sandboxConfig(PropertiesComponent p, String sandboxToken) {
        String scopeList = BridgeSettings.get(p, "sandbox.scopes", "").trim();
        Set<String> scopes = scopeList.isEmpty() ? null : Arrays.stream(scopeList.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        return new SandboxConfig("127.0.0.1",
                Integer.parseInt(BridgeSettings.get(p, "sandbox.port", "0").trim()), sandboxToken,
                Integer.parseInt(BridgeSettings.get(p, "sandbox.max-batch-inputs", "100").trim()),
                Integer.parseInt(BridgeSettings.get(p, "sandbox.requests-per-ten-seconds", "190").trim()),
                scopes,
                Long.parseLong(BridgeSettings.get(p, "sandbox.daily-limit",
                        Long.toString(SandboxConfig.DEFAULT_DAILY_LIMIT)).trim()),
                sandboxFaults(p),
                PortalRules.parse(BridgeSettings.get(p, "sandbox.portal-rules.required-on-create", ""),
                        BridgeSettings.get(p, "sandbox.portal-rules.conditional-required", ""),
                        BridgeSettings.get(p, "sandbox.portal-rules.property-validations", "")),
                java.time.ZoneId.of(BridgeSettings.get(p, "sandbox.time-zone", "UTC").trim()));
    }

    /**
     * The injected faults of the {@code sandbox.faults.*} properties, shared by the HubSpot and the Brevo
     * sandboxes.
     *
     * @throws IllegalArgumentException when a number is malformed or a rate is out of range
     */
    static SandboxFaults sandboxFaults(PropertiesComponent p) {
        return SandboxFaults.none()
                .withSeed(Long.parseLong(BridgeSettings.get(p, "sandbox.faults.seed", "1").trim()))
                .withServerErrorRate(rate(p, "sandbox.faults.server-error-rate"))
                .withLockedRate(rate(p, "sandbox.faults.locked-rate"))
                .withRateLimitedRate(rate(p, "sandbox.faults.rate-limited-rate"))
                .withRetryAfter(rate(p, "sandbox.faults.retry-after-rate"), Integer.parseInt(BridgeSettings.get(p,
                        "sandbox.faults.retry-after-seconds", Integer.toString(SandboxFaults.DEFAULT_RETRY_AFTER_SECONDS)).trim()))
                .withLatency(BridgeSettings.get(p, "sandbox.faults.latency-ms", "0"))
                .withDropRate(rate(p, "sandbox.faults.drop-rate"));
    }

    private static double rate(PropertiesComponent p, String key) {
        return Double.parseDouble(BridgeSettings.get(p, key, "0").trim());
    }
}
