package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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

    private final HttpServer server;
    private final ExecutorService executor;
    private final SandboxState state;
    private final String host;
    private final List<HeldAnswer> holds;

    private HubSpotSandbox(HttpServer server, ExecutorService executor, SandboxState state, String host,
                           List<HeldAnswer> holds) {
        this.server = server;
        this.executor = executor;
        this.state = state;
        this.host = host;
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
        HttpServer server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 256);
        List<HeldAnswer> holds = new CopyOnWriteArrayList<>();
        server.createContext("/", new SandboxExchangeHandler(state, config, new ObjectMapper(), holds));
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread t = new Thread(runnable, "hubspot-sandbox");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        HubSpotSandbox sandbox = new HubSpotSandbox(server, executor, state, config.host(), holds);
        LOG.info("HubSpot sandbox listening on {}", sandbox.baseUrl());
        return sandbox;
    }

    /** e.g. {@code http://127.0.0.1:54321}. */
    public String baseUrl() {
        return "http://" + host + ":" + port();
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
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
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
