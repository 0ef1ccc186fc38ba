package io.crmbridge.sandbox;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The JDK HttpServer a sandbox (HubSpot's or Brevo's) answers on: one handler for every path, a fixed pool of
 * daemon worker threads, stopped with {@link #close()}.
 */
public final class LoopbackServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;

    private LoopbackServer(HttpServer server, ExecutorService executor, String host) {
        this.server = server;
        this.executor = executor;
        this.host = host;
    }

    /**
     * Binds and starts a server.
     *
     * @param port       TCP port; 0 picks a free one
     * @param backlog    pending connections the socket queues
     * @param threads    worker threads, named {@code threadName}
     * @throws IOException when the address cannot be bound
     */
    public static LoopbackServer start(String host, int port, int backlog, int threads, String threadName,
                                       HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), backlog);
        server.createContext("/", handler);
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread t = new Thread(runnable, threadName);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new LoopbackServer(server, executor, host);
    }

    /** e.g. {@code http://127.0.0.1:54321}. */
    public String baseUrl() {
        return "http://" + host + ":" + port();
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting requests and the worker threads (waiting at most 2 s for them). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
