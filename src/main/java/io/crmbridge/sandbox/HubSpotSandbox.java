package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process HubSpot-compatible HTTP server (DESIGN.md "The sandbox"; hubspot-api.md §8) on the JDK's
 * HttpServer with 8 worker threads, keeping its portal in memory ({@link SandboxState}).
 */
public final class HubSpotSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubSpotSandbox.class);
    private static final int THREADS = 8;
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final LoopbackServer server;
    private final SandboxState state;

    private HubSpotSandbox(LoopbackServer server, SandboxState state) {
        this.server = server;
        this.state = state;
    }

    /**
     * Binds and starts the server.
     *
     * @throws IOException when the address cannot be bound
     */
    public static HubSpotSandbox start(SandboxConfig config) throws IOException {
        SandboxState state = new SandboxState();
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK,
        // costing ~40 ms a request. The JDK reads this property once, when its first HttpServer is created.
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
        LoopbackServer server = LoopbackServer.start(config.host(), config.port(), 256, THREADS, "hubspot-sandbox",
                new SandboxExchangeHandler(state, config, new ObjectMapper()));
        HubSpotSandbox sandbox = new HubSpotSandbox(server, state);
        LOG.info("HubSpot sandbox listening on {}", sandbox.baseUrl());
        return sandbox;
    }

    /** e.g. {@code http://127.0.0.1:54321}. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    /** The portal's state, for assertions and resets. */
    public SandboxState state() {
        return state;
    }

    /** Stops accepting requests and the worker threads. */
    @Override
    public void close() {
        server.close();
    }
}
