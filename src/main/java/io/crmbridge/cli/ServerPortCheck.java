package io.crmbridge.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.main.MainListenerSupport;

/**
 * Stops the start-up before Camel starts its HTTP servers when one of their ports cannot be bound: the
 * application's server ({@code camel.server.port}, the REST API) and the management server
 * ({@code camel.management.port}, health and metrics).
 *
 * <p>Why a check of our own: in Camel 4.17, {@code VertxPlatformHttpServer} handles a failed bind inside a
 * Vert.x callback; it logs a WARN and a stack trace, and the context starts anyway with nothing listening
 * (fixed upstream by CAMEL-26606, Camel 4.22.3 and 4.24: the start then fails). This check binds each
 * configured port the way Vert.x does (address reuse on, so a port in TIME_WAIT still counts as free) and
 * closes it again at once. Disabled servers and port 0 (any free port) are not checked.
 */
public final class ServerPortCheck extends MainListenerSupport {

    @Override
    public void beforeStart(BaseMainSupport main) {
        MainConfigurationProperties config = main.configure();
        if (config.httpServer().isEnabled()) {
            check(config.httpServer().getHost(), config.httpServer().getPort(), "camel.server.port");
        }
        if (config.httpManagementServer().isEnabled()) {
            check(config.httpManagementServer().getHost(), config.httpManagementServer().getPort(),
                    "camel.management.port");
        }
    }

    /**
     * @throws ServerPortUnavailableException when {@code host:port} cannot be bound
     */
    static void check(String host, int port, String property) {
        if (port <= 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host == null || host.isBlank() ? "0.0.0.0" : host, port));
        } catch (IOException e) {
            throw new ServerPortUnavailableException(property, host, port, e);
        }
    }

    /** A server port that cannot be bound; the message is the one line the user reads. */
    public static final class ServerPortUnavailableException extends IllegalStateException {

        ServerPortUnavailableException(String property, String host, int port, IOException cause) {
            super("port " + port + " (" + property + ") on " + host + " "
                    + (cause instanceof java.net.BindException && String.valueOf(cause.getMessage()).contains("in use")
                    ? "is already in use" : "cannot be bound: " + cause.getMessage())
                    + "; free it or set --" + property + "=<another port>", cause);
        }
    }
}
