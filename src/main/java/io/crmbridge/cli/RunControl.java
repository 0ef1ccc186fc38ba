package io.crmbridge.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks whether any inbox file could not be processed (for the {@code --once} exit status) and
 * stops Camel when the inbox is drained in {@code --once} mode, or when HubSpot refuses the
 * token. Bound as {@value #BEAN_NAME}.
 */
public class RunControl {
    public static final String BEAN_NAME = "runControl";
    private static final Logger LOG = LoggerFactory.getLogger(RunControl.class);

    private final AtomicBoolean fileFailed = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();

    /** Records that a file could not be processed; the process then exits with status 1 in --once mode. */
    public void fileFailed() {
        fileFailed.set(true);
    }

    public boolean anyFileFailed() {
        return fileFailed.get();
    }

    /**
     * Called when the inbox consumer found nothing more to take in {@code --once} mode: stops the
     * Camel context from another thread (a route cannot stop its own context synchronously).
     */
    public void inboxDrained(CamelContext context) {
        stop(context, "Inbox drained (--once): stopping");
    }

    /**
     * HubSpot refused the token or its scopes (401/403): nothing can be written, so the run stops
     * with exit status 1 and the files not yet taken stay in the inbox for the next start.
     */
    public void hubSpotRefusedAccess(CamelContext context, String reason) {
        fileFailed();
        LOG.error("HubSpot refused the access token or its scopes: {}. Fix the token or the app's scopes, then"
                + " drop the file from inbox/.failed/ again", reason);
        stop(context, "Stopping: nothing can be written to HubSpot");
    }

    private void stop(CamelContext context, String why) {
        if (stopping.compareAndSet(false, true)) {
            LOG.info(why);
            Thread t = new Thread(() -> {
                try {
                    context.stop();
                } catch (RuntimeException e) {
                    LOG.warn("Stopping failed: {}", e.getMessage());
                }
            }, "crm-bridge-stop");
            t.setDaemon(false);
            t.start();
        }
    }
}
