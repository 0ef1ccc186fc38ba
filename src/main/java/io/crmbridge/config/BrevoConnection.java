package io.crmbridge.config;

import io.crmbridge.brevo.BrevoApiKey;
import io.crmbridge.brevo.BrevoSettings;
import io.crmbridge.sandbox.brevo.BrevoSandbox;
import io.crmbridge.sandbox.brevo.BrevoSandboxConfig;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where Brevo requests go, as {@link HubSpotConnection} does for HubSpot: to the account of
 * {@code brevo.api-key} (else the environment variable {@code BREVO_API_KEY}) at {@code brevo.base-url}, or,
 * when no key is configured or {@code brevo.sandbox=true}, to the embedded Brevo sandbox started on a
 * loopback port of its own and bound as {@value #SANDBOX_BEAN}. The sandbox takes the faults of
 * {@code sandbox.faults.*}.
 */
public final class BrevoConnection {

    /** Registry name of the running Brevo sandbox, when there is one. */
    public static final String SANDBOX_BEAN = "brevoSandbox";
    private static final Logger LOG = LoggerFactory.getLogger(BrevoConnection.class);

    private BrevoConnection() {
    }

    /**
     * Builds the client settings, starting the sandbox when needed.
     *
     * @throws IllegalStateException when {@code brevo.sandbox=false} and no key is configured
     * @throws java.io.IOException   when the sandbox cannot bind its port
     */
    public static BrevoSettings settings(CamelContext context) throws Exception {
        PropertiesComponent p = context.getPropertiesComponent();
        String mode = BridgeSettings.get(p, "brevo.sandbox", "auto");
        Optional<BrevoApiKey> key = "true".equalsIgnoreCase(mode) ? Optional.empty()
                : BrevoApiKey.resolve(BridgeSettings.get(p, "brevo.api-key", ""), System.getenv());
        int perSecond = Integer.parseInt(BridgeSettings.get(p, "brevo.requests-per-second", "10"));
        int attempts = Integer.parseInt(BridgeSettings.get(p, "brevo.max-attempts", "6"));
        long initial = Long.parseLong(BridgeSettings.get(p, "brevo.backoff-initial-ms", "500"));
        long max = Long.parseLong(BridgeSettings.get(p, "brevo.backoff-max-ms", "30000"));
        String folder = BridgeSettings.get(p, "brevo.folder-name", "crm-bridge");
        String prefix = BridgeSettings.get(p, "brevo.list-prefix", "rfm-");
        if (key.isPresent()) {
            String base = BridgeSettings.get(p, "brevo.base-url", "https://api.brevo.com");
            LOG.info("Brevo: {} with the configured API key", base);
            return new BrevoSettings(base, key.get(), false, perSecond, attempts, initial, max, folder, prefix);
        }
        if ("false".equalsIgnoreCase(mode)) {
            throw new IllegalStateException("brevo.sandbox=false but no Brevo API key: set brevo.api-key or "
                    + BrevoApiKey.ENV);
        }
        // made up here: it guards the loopback port, it is not a user secret
        String sandboxKey = "xkeysib-sandbox-" + UUID.randomUUID();
        BrevoSandbox sandbox = BrevoSandbox.start(new BrevoSandboxConfig("127.0.0.1",
                Integer.parseInt(BridgeSettings.get(p, "brevo.sandbox.port", "0").trim()), sandboxKey,
                Integer.parseInt(BridgeSettings.get(p, "brevo.sandbox.requests-per-second",
                        Integer.toString(BrevoSandboxConfig.DEFAULT_REQUESTS_PER_SECOND)).trim()),
                HubSpotConnection.sandboxFaults(p)));
        context.getRegistry().bind(SANDBOX_BEAN, sandbox);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                sandbox.close();
            }
        }, true, true);
        LOG.info("No Brevo API key configured: using the embedded Brevo sandbox at {}", sandbox.baseUrl());
        return new BrevoSettings(sandbox.baseUrl(), BrevoApiKey.of(sandboxKey), true, perSecond, attempts, initial,
                max, folder, prefix);
    }
}
