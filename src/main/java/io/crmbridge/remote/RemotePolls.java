package io.crmbridge.remote;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.remote.RemoteFileConfiguration;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll strategy of every remote source ({@code pollStrategy} of routes/remote-sources.yaml, bound as
 * {@value #BEAN_NAME}): remembers each source's last poll (a success, or the failure in words an operator can act on)
 * for the health check and the console's Health page, and logs a failure when it starts or changes (not at every
 * retry). A failed poll is not retried at once: camel-ftp's backoff ({@code backoffErrorThreshold},
 * {@code backoffMultiplier}) skips the next polls. As the sources' {@code exceptionHandler} it keeps the consumer from
 * logging the same failed poll again, with its stack trace, at every retry. Names a source by protocol, host, port and folder; never by its
 * password or key (docs/sources.md).
 */
public final class RemotePolls implements PollingConsumerPollStrategy, ExceptionHandler {

    /** Registry name, used by routes/remote-sources.yaml. */
    public static final String BEAN_NAME = "remotePolls";
    private static final Logger LOG = LoggerFactory.getLogger(RemotePolls.class);

    private final Clock clock;
    private final Map<String, Status> byRoute = new ConcurrentHashMap<>();

    public RemotePolls(Clock clock) {
        this.clock = clock;
    }

    /**
     * One source's state.
     *
     * @param route        the source's route id
     * @param server       protocol, host, port and folder ({@code sftp://host:22/exports}), no user or secret
     * @param lastPoll     when its last poll ended (null before the first)
     * @param failing      the failure of the last poll in words, null when it succeeded
     * @param failedPolls  polls failed in a row
     * @param lastSuccess  when a poll last succeeded (null: never)
     */
    public record Status(String route, String server, Instant lastPoll, String failing, int failedPolls,
                         Instant lastSuccess) {
        /** True when the last poll failed. */
        public boolean down() {
            return failing != null;
        }
    }

    /** Every source polled at least once, by route id. */
    public List<Status> sources() {
        List<Status> all = new ArrayList<>(byRoute.values());
        all.sort(java.util.Comparator.comparing(Status::route));
        return all;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        String route = routeOf(consumer, endpoint);
        Status before = byRoute.get(route);
        if (before != null && before.down()) {
            LOG.info("Remote source {} ({}): reachable again after {} failed poll(s)", route, before.server(),
                    before.failedPolls());
        }
        Instant now = clock.instant();
        byRoute.put(route, new Status(route, server(endpoint), now, null, 0, now));
    }

    /**
     * Records the failure and gives up this poll (false: camel-ftp's backoff decides when to try again). The error is
     * logged when it starts or its words change, as a warning naming the source and what to do.
     */
    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        String route = routeOf(consumer, endpoint);
        String reason = explain(cause, endpoint);
        Status before = byRoute.get(route);
        int failed = before == null ? 1 : before.failedPolls() + 1;
        byRoute.put(route, new Status(route, server(endpoint), clock.instant(), reason, failed,
                before == null ? null : before.lastSuccess()));
        if (before == null || !reason.equals(before.failing())) {
            LOG.warn("Remote source {} ({}): poll failed: {}; retried with backoff, the local inbox and the other"
                    + " sources go on", route, server(endpoint), reason);
        }
        return false;
    }

    /**
     * The consumer's exception handler: a failed poll was recorded and logged by {@link #rollback} (debug level here);
     * any other failure of the consumer (a file that could not be moved on the server) is logged as a warning.
     */
    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (message != null && message.startsWith("Failed polling endpoint")) {
            LOG.debug("{}", message, exception);
            return;
        }
        LOG.warn("Remote source: {}: {}", message == null ? "failure" : message,
                exception == null ? "" : explain(exception, exchange == null ? null : exchange.getFromEndpoint()));
    }

    private static String routeOf(Consumer consumer, Endpoint endpoint) {
        if (consumer instanceof org.apache.camel.spi.RouteIdAware aware && aware.getRouteId() != null) {
            return aware.getRouteId();
        }
        return server(endpoint);
    }

    /** {@code protocol://host:port/folder} of a remote endpoint, without user, password or options. */
    static String server(Endpoint endpoint) {
        if (endpoint instanceof RemoteFileEndpoint<?> remote) {
            RemoteFileConfiguration c = remote.getConfiguration();
            String dir = c.getDirectory() == null ? "" : c.getDirectory();
            return c.getProtocol() + "://" + c.getHost() + ":" + c.getPort() + "/" + (dir.startsWith("/")
                    ? dir.substring(1) : dir);
        }
        return endpoint.getEndpointBaseUri();
    }

    /**
     * The failure in words: a refused host key, a refused login and an unreachable server each say what to check;
     * anything else gives the innermost cause's message. The messages of JSch and commons-net name the host and the
     * user at most, never a password.
     */
    static String explain(Throwable cause, Endpoint endpoint) {
        StringBuilder all = new StringBuilder();
        Throwable innermost = cause;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            all.append(' ').append(t.getMessage());
            innermost = t;
        }
        String text = all.toString().toLowerCase(Locale.ROOT);
        String knownHosts = endpoint != null && endpoint instanceof RemoteFileEndpoint<?> remote
                && remote.getConfiguration() instanceof org.apache.camel.component.file.remote.SftpConfiguration sftp
                ? sftp.getKnownHostsFile() : null;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return "TLS refused: " + t.getMessage()
                        + " (the server's certificate must be trusted by the source's trust store)";
            }
        }
        if (text.contains("hostkey has been changed") || text.contains("host key has been changed")) {
            return "host key refused: the server's key differs from the one in the known-hosts file " + knownHosts
                    + " (a server impersonated, or a key changed on purpose: check with the server's owner, then"
                    + " update the file)";
        }
        if (text.contains("reject hostkey") || text.contains("unknownhostkey")) {
            return "host key refused: the server is not in the known-hosts file " + knownHosts
                    + " (add its key, checked with the server's owner: ssh-keyscan -p PORT HOST)";
        }
        if (text.contains("auth fail") || text.contains("auth cancel") || text.contains("530")
                || text.contains("login failed") || text.contains("cannot login")) {
            return "login refused: the server did not accept the user name with its password or private key";
        }
        if (innermost instanceof java.net.ConnectException || text.contains("connection refused")) {
            return "server unreachable: connection refused";
        }
        if (innermost instanceof java.net.UnknownHostException) {
            return "server unreachable: unknown host " + innermost.getMessage();
        }
        return innermost.getClass().getSimpleName() + ": " + innermost.getMessage();
    }
}
