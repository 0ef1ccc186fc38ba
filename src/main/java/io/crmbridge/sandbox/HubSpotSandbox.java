package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
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
    private final List<HeldAnswer> holds;

    private HubSpotSandbox(LoopbackServer server, SandboxState state, List<HeldAnswer> holds) {
        this.server = server;
        this.state = state;
        this.holds = holds;
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
        List<HeldAnswer> holds = new CopyOnWriteArrayList<>();
        LoopbackServer server = LoopbackServer.start(config.host(), config.port(), 256, THREADS, "hubspot-sandbox",
                new SandboxExchangeHandler(state, config, new ObjectMapper(), holds));
        HubSpotSandbox sandbox = new HubSpotSandbox(server, state, holds);
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

    /**
     * Arms a {@link HeldAnswer}: the answer to the first request from now on that matches {@code rule}
     * (method, path, status, batch size) is held after the request was applied, until released.
     * Released holds stay armed but take nothing more.
     */
    public HeldAnswer holdAnswer(Predicate<RecordedRequest> rule) {
        HeldAnswer hold = new HeldAnswer(rule);
        holds.add(hold);
        return hold;
    }

    /** Stops accepting requests and the worker threads. */
    @Override
    public void close() {
        holds.forEach(HeldAnswer::release);
        server.close();
    }
}
