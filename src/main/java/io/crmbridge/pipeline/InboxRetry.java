package io.crmbridge.pipeline;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a file whose import could not finish for a reason outside the file (a resource unavailable, the
 * application stopping) back into the inbox, instead of leaving it in {@code inbox/.failed/} where the file
 * consumer's {@code moveFailed} puts every failed file: {@link #watch} gives each file exchange a completion step
 * that runs after Camel's own (which moved the file) and moves a file {@link #returnToInbox marked} for return
 * back. As the inbox consumer's {@code filter} it then keeps the file back until its retry time, so that an
 * unavailable resource is retried every {@code delay}, not on every poll, and a file waiting for the daily budget
 * is taken when the budget resets. Bound as {@value #BEAN_NAME}.
 */
public final class InboxRetry implements GenericFileFilter<File> {

    /** Registry name, used by routes/intake.yaml ({@code inboxRetry.watch}; its filter runs inside {@link InboxFilter}). */
    public static final String BEAN_NAME = "inboxRetry";
    private static final Logger LOG = LoggerFactory.getLogger(InboxRetry.class);

    private final Path inbox;
    private final Duration delay;
    private final Clock clock;
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();
    private final Set<String> toReturn = ConcurrentHashMap.newKeySet();

    /**
     * @param inbox the watched folder
     * @param delay how long a file that met an unavailable resource waits before it is taken again
     */
    public InboxRetry(Path inbox, Duration delay, Clock clock) {
        this.inbox = inbox;
        this.delay = delay;
        this.clock = clock;
    }

    /** The retry delay. */
    public Duration delay() {
        return delay;
    }

    /** File consumer filter: false for a file waiting for its retry time (directories and other files pass). */
    @Override
    public boolean accept(GenericFile<File> file) {
        Instant due = file.isDirectory() ? null : notBefore.get(file.getRelativeFilePath());
        if (due == null) {
            return true;
        }
        if (clock.instant().isBefore(due)) {
            return false;
        }
        notBefore.remove(file.getRelativeFilePath(), due);
        return true;
    }

    /**
     * Route step at the start of a file's exchange (the file consumer's, not a split part): once the exchange is
     * done, a file marked by {@link #returnToInbox} is moved back from {@code inbox/.failed/}.
     */
    public void watch(Exchange exchange) {
        exchange.getExchangeExtension().addOnCompletion(
                new MoveBack(exchange.getIn().getHeader(Exchange.FILE_NAME, String.class)));
    }

    /**
     * Marks the file of {@code exchange} (the file's or one of its split parts) to go back to the inbox when its
     * exchange is done; with {@code later}, it is taken again after the retry delay, else at the next poll (or
     * the next start).
     */
    public void returnToInbox(Exchange exchange, boolean later) {
        if (later) {
            returnToInbox(exchange, clock.instant().plus(delay));
        } else {
            toReturn.add(exchange.getIn().getHeader(Exchange.FILE_NAME, String.class));
        }
    }

    /**
     * Marks the file of {@code exchange} to go back to the inbox when its exchange is done, to be taken again at
     * {@code due} and not before (a file waiting for the account's daily budget to reset: {@link DailyBudgetCheck}).
     */
    public void returnToInbox(Exchange exchange, Instant due) {
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        notBefore.put(name, due);
        toReturn.add(name);
    }

    /** Runs after the file consumer's own completion (which moved the file), whatever the exchange's outcome. */
    private final class MoveBack extends SynchronizationAdapter implements Ordered {
        private final String name;

        MoveBack(String name) {
            this.name = name;
        }

        @Override
        public void onDone(Exchange exchange) {
            if (!toReturn.remove(name)) {
                return;
            }
            Path failed = inbox.resolve(".failed").resolve(name).normalize();
            Path back = inbox.resolve(name).normalize();
            if (!failed.startsWith(inbox.resolve(".failed").normalize()) || !back.startsWith(inbox.normalize())) {
                return;
            }
            try {
                if (Files.exists(failed) && !Files.exists(back)) {
                    Files.move(failed, back, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                LOG.error("{}: could not be moved back from {} to the inbox ({}); drop it again to retry", name,
                        failed, e.toString());
            }
        }

        @Override
        public int getOrder() {
            // the lowest precedence: after the file consumer's completion, which moves the file to .failed/
            return Ordered.LOWEST;
        }
    }
}
