package io.crmbridge.config;

import io.crmbridge.hubspot.AccessToken;
import io.crmbridge.hubspot.HubSpotPaths;
import io.crmbridge.hubspot.HubSpotSettings;
import io.crmbridge.sandbox.HubSpotSandbox;
import io.crmbridge.sandbox.SandboxConfig;
import io.crmbridge.sandbox.SandboxFaults;
import io.crmbridge.sandbox.SandboxSettings;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
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
        String mode = Settings.HUBSPOT_SANDBOX.read(p);
        Optional<AccessToken> token = "true".equals(mode) ? Optional.empty()
                : AccessToken.resolve(System.getenv(), Settings.HUBSPOT_ACCESS_TOKEN_FILE.read(p));
        int budget = Settings.HUBSPOT_REQUESTS_PER_TEN_SECONDS.read(p);
        int attempts = Settings.HUBSPOT_MAX_ATTEMPTS.read(p);
        long initial = Settings.HUBSPOT_BACKOFF_INITIAL_MS.read(p);
        long max = Settings.HUBSPOT_BACKOFF_MAX_MS.read(p);
        HubSpotPaths paths = Settings.HUBSPOT_API_VERSION.read(p);
        if (token.isPresent()) {
            // never with hubspot.sandbox=true: no token is looked for then
            String base = Settings.HUBSPOT_BASE_URL.read(p);
            LOG.info("HubSpot: {} with the configured access token", base);
            return new HubSpotSettings(base, paths, token.get(), false, budget, attempts, initial, max);
        } else if ("false".equals(mode)) {
            throw new IllegalStateException(Settings.HUBSPOT_SANDBOX.name() + "=false but no token: set " + AccessToken.ENV
                    + " or " + Settings.HUBSPOT_ACCESS_TOKEN_FILE.name());
        }
        // the sandbox's token is made up here: it guards the loopback port, it is not a user secret
        String sandboxToken = "sandbox-" + UUID.randomUUID();
        SandboxSettings sandboxSettings = new SandboxSettings(p::resolveProperty);
        HubSpotSandbox sandbox = HubSpotSandbox.start(sandboxSettings.config(sandboxToken));
        context.getRegistry().bind(SANDBOX_BEAN, sandbox);
        sandboxSettings.seed(sandbox.state()).ifPresent(seeded -> LOG.info("Sandbox seeded with {}", seeded));
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
     * The sandbox's settings from the {@code sandbox.*} properties (docs/configuration.md; {@link SandboxSettings}).
     *
     * @throws IllegalArgumentException when a number is malformed, a fault rate is out of range or a portal rule
     *                                  cannot be read
     */
    static SandboxConfig sandboxConfig(PropertiesComponent p, String sandboxToken) {
        return new SandboxSettings(p::resolveProperty).config(sandboxToken);
    }

    /**
     * The injected faults of the {@code sandbox.faults.*} properties, shared by the HubSpot and the Brevo
     * sandboxes.
     *
     * @throws IllegalArgumentException when a number is malformed or a rate is out of range
     */
    static SandboxFaults sandboxFaults(PropertiesComponent p) {
        return new SandboxSettings(p::resolveProperty).faults();
    }
}
