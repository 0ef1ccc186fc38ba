package io.crmbridge.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.config.Database;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.ledger.RunChanges;
import io.crmbridge.pipeline.BatchDelivery;
import io.crmbridge.pipeline.PortalPrefetch;
import io.crmbridge.pipeline.Preflight;
import io.crmbridge.pipeline.PropertyMapping;
import io.crmbridge.pipeline.ReadBeforeWrite;
import io.crmbridge.sandbox.HubSpotSandbox;
import io.crmbridge.sandbox.SandboxConfig;
import java.time.Clock;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The embedded HubSpot sandbox (no rate limit) and a plain Camel context running the
 * real {@code routes/hubspot-delivery.yaml} (from the classpath), with the beans that file names
 * bound in the registry: {@code batchDelivery} (route deliver-batch) is a real {@link BatchDelivery}
 * over an in-memory ledger, although the tests only call {@code direct:hubspot-request} through
 * {@link HubSpotGateway}. The {@code file-steps} route configuration (defined in intake.yaml) is
 * declared here.
 */
final class SandboxCamel implements AutoCloseable {

    /** The token the sandbox accepts. */
    static final String SANDBOX_TOKEN = "pat-na1-sandbox-unit-test";

    final HubSpotSandbox sandbox;
    final CamelContext camel;
    final HubSpotGateway gateway;
    final RequestBudget budget;
    // false when the sandbox is another's, shared by several contexts as by several instances
    private final boolean ownsSandbox;

    /** Starts the sandbox and a Camel context that authenticates with {@code clientToken}. */
    SandboxCamel(String clientToken) throws Exception {
        this(new SandboxConfig("127.0.0.1", 0, SANDBOX_TOKEN, 100, 0), "v3", clientToken);
    }

    /**
     * Starts a sandbox of {@code config} (its token: {@link #SANDBOX_TOKEN}) and a Camel context that speaks API
     * version {@code apiVersion} and authenticates with {@code clientToken}.
     */
    SandboxCamel(SandboxConfig config, String apiVersion, String clientToken) throws Exception {
        this(config, apiVersion, clientToken, 1000);
    }

    /**
     * As {@link #SandboxCamel(SandboxConfig, String, String)} with the sandbox's own token and a client budget of
     * {@code requestsPerTenSeconds}.
     */
    SandboxCamel(SandboxConfig config, String apiVersion, int requestsPerTenSeconds) throws Exception {
        this(config, apiVersion, SANDBOX_TOKEN, requestsPerTenSeconds);
    }

    private SandboxCamel(SandboxConfig config, String apiVersion, String clientToken, int requestsPerTenSeconds)
            throws Exception {
        this(HubSpotSandbox.start(config), true, apiVersion, clientToken,
                settings -> HubSpotRequestBudget.withTimer(requestsPerTenSeconds), requestsPerTenSeconds);
    }

    /**
     * A Camel context on {@code sandbox}, started by the caller and left running at {@link #close()} (several
     * contexts on one sandbox are several instances on one portal), taking its permits from the budget
     * {@code budget} makes of the client's settings.
     */
    SandboxCamel(HubSpotSandbox sandbox, String apiVersion, String clientToken,
                 java.util.function.Function<HubSpotSettings, RequestBudget> budget, int requestsPerTenSeconds)
            throws Exception {
        this(sandbox, false, apiVersion, clientToken, budget, requestsPerTenSeconds);
    }

    private SandboxCamel(HubSpotSandbox sandbox, boolean ownsSandbox, String apiVersion, String clientToken,
                         java.util.function.Function<HubSpotSettings, RequestBudget> makeBudget,
                         int requestsPerTenSeconds) throws Exception {
        this.sandbox = sandbox;
        this.ownsSandbox = ownsSandbox;
        try {
            HubSpotSettings settings = new HubSpotSettings(sandbox.baseUrl(), new HubSpotPaths(apiVersion),
                    AccessToken.of(clientToken), true, requestsPerTenSeconds, 3, 5, 20);
            camel = new DefaultCamelContext();
            Properties p = new Properties();
            p.setProperty("crm-bridge.db.url", "jdbc:h2:mem:unit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            camel.getPropertiesComponent().setInitialProperties(p);
            // as application.properties: Camel's redelivery is the only retry
            camel.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
            camel.getRegistry().bind("hubspotRetryPolicy", new HubSpotRetryPolicy(settings));
            camel.getRegistry().bind("hubspotAuthorization", new HubSpotAuthorization(settings.token()));
            camel.getRegistry().bind("hubspotRateSteering", new HubSpotRateSteering());
            budget = makeBudget.apply(settings);
            camel.addService(budget, true, true);
            camel.getRegistry().bind("hubspotRequestBudget", budget);
            Database database = Database.open(camel.getPropertiesComponent(), true);
            camel.addService(database, true, true);
            gateway = new HubSpotGateway(camel.createProducerTemplate(), new ObjectMapper(), settings);
            PropertyMapping mapping = PropertyMapping.loadDefault();
            PropertyEnsurer ensurer = new PropertyEnsurer(gateway, mapping.customProperties());
            Ledger ledger = new Ledger(database.entityManagerFactory(), Clock.systemUTC());
            Preflight preflight = new Preflight(gateway, ensurer, mapping);
            ReadBeforeWrite portal = new ReadBeforeWrite(new PortalReader(gateway), mapping, true);
            camel.getRegistry().bind("batchDelivery", new BatchDelivery(ledger, new RecordUpserter(gateway),
                    ensurer, preflight, portal, new PortalPrefetch(ledger, ensurer, preflight, portal),
                    new RunChanges(database.entityManagerFactory(), Clock.systemUTC())));
            // YAML rather than a RouteConfigurationBuilder subclass: Camel Main's package scan in the flow
            // tests would pick up a builder class from this package
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("file-steps.yaml",
                    "- routeConfiguration:\n    id: file-steps\n    errorHandler:\n      noErrorHandler: {}\n"));
            PluginHelper.getRoutesLoader(camel).loadRoutes(
                    ResourceHelper.resolveResource(camel, "classpath:routes/hubspot-delivery.yaml"));
            camel.start();
        } catch (Exception | Error e) {
            if (ownsSandbox) {
                sandbox.close();
            }
            throw e;
        }
    }

    /** Starts the sandbox and a Camel context using the sandbox's own token. */
    SandboxCamel() throws Exception {
        this(SANDBOX_TOKEN);
    }

    @Override
    public void close() {
        try {
            camel.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (ownsSandbox) {
                sandbox.close();
            }
        }
    }
}
