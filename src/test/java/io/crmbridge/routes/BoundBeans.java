package io.crmbridge.routes;

import io.crmbridge.config.AppConfiguration;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The names of the beans crm-bridge binds in Camel's registry, found by running the real
 * {@link AppConfiguration} (which also binds the {@code runControl} that the command line binds
 * otherwise) on a Camel context with the application's properties: the embedded HubSpot and Brevo
 * sandboxes, an in-memory ledger and folders of the caller's own.
 */
final class BoundBeans {

    private BoundBeans() {
    }

    /** The bean names, read from the registry after the configuration ran; the context is stopped again. */
    static Set<String> ofTheApplication(Path work) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        Set<String> names;
        try {
            context.getPropertiesComponent().setLocation("classpath:application.properties");
            Properties p = new Properties();
            p.setProperty("crm-bridge.inbox", work.resolve("inbox").toString());
            p.setProperty("crm-bridge.outbox", work.resolve("outbox").toString());
            p.setProperty("crm-bridge.db.url", "jdbc:h2:mem:route-files-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            p.setProperty("hubspot.sandbox", "true");
            p.setProperty("brevo.sandbox", "true");
            context.getPropertiesComponent().setOverrideProperties(p);
            new AppConfiguration().configure(context);
            names = Set.copyOf(context.getRegistry().findByTypeWithName(Object.class).keySet());
        } catch (Exception | Error e) {
            context.close();
            throw e;
        }
        // started, with no routes, and stopped: stopping closes the services the configuration added (ledger
        // database, sandboxes), which a context that never started would leave running
        context.start();
        context.close();
        return names;
    }
}
