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
        String mode = Settings.BREVO_SANDBOX.read(p);
        Optional<BrevoApiKey> key = "true".equals(mode) ? Optional.empty()
                : BrevoApiKey.resolve(Settings.BREVO_API_KEY.read(p), System.getenv());
        int perSecond = Settings.BREVO_REQUESTS_PER_SECOND.read(p);
        int attempts = Settings.BREVO_MAX_ATTEMPTS.read(p);
        long initial = Settings.BREVO_BACKOFF_INITIAL_MS.read(p);
        long max = Settings.BREVO_BACKOFF_MAX_MS.read(p);
        String folder = Settings.BREVO_FOLDER_NAME.read(p);
        String prefix = Settings.BREVO_LIST_PREFIX.read(p);
        if (key.isPresent()) {
            String base = Settings.BREVO_BASE_URL.read(p);
            LOG.info("Brevo: {} with the configured API key", base);
            return new BrevoSettings(base, key.get(), false, perSecond, attempts, initial, max, folder, prefix);
        }
        if ("false".equals(mode)) {
            throw new IllegalStateException(Settings.BREVO_SANDBOX.name() + "=false but no Brevo API key: set " + Settings.BREVO_API_KEY.name() + " or "
                    + BrevoApiKey.ENV);
        }
        // made up here: it guards the loopback port, it is not a user secret
        String sandboxKey = "xkeysib-sandbox-" + UUID.randomUUID();
        BrevoSandbox sandbox = BrevoSandbox.start(new BrevoSandboxConfig("127.0.0.1",
                Settings.BREVO_SANDBOX_PORT.read(p), sandboxKey, Settings.BREVO_SANDBOX_REQUESTS_PER_SECOND.read(p),
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
