package io.crmbridge.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks whether any inbox file could not be processed (for the {@code --once} exit status) and
 * stops Camel when the inbox is drained in {@code --once} mode. Bound as {@value #BEAN_NAME}.
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
        if (stopping.compareAndSet(false, true)) {
            LOG.info("Inbox drained (--once): stopping");
            Thread t = new Thread(() -> {
                try {
                    context.stop();
                } catch (RuntimeException e) {
                    LOG.warn("Stopping after --once failed: {}", e.getMessage());
                }
            }, "crm-bridge-once-stop");
            t.setDaemon(false);
            t.start();
        }
    }
}
