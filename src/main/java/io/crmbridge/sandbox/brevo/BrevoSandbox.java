package io.crmbridge.sandbox.brevo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Brevo-compatible HTTP server (the contacts part of Brevo's API v3, see {@link BrevoRouter}) on
 * the JDK's HttpServer, on a loopback port of its own, keeping its account in memory ({@link BrevoAccount}).
 * Used when no Brevo API key is configured (README "Brevo").
 */
public final class BrevoSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrevoSandbox.class);
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final BrevoAccount account;
    private final String host;

    private BrevoSandbox(HttpServer server, ExecutorService executor, BrevoAccount account, String host) {
        this.server = server;
        this.executor = executor;
        this.account = account;
        this.host = host;
    }

    /**
     * Binds and starts the server.
     *
     * @throws IOException when the address cannot be bound
     */
    public static BrevoSandbox start(BrevoSandboxConfig config) throws IOException {
        BrevoAccount account = new BrevoAccount();
        HttpServer server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        server.createContext("/", new BrevoExchangeHandler(account, config, new ObjectMapper()));
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread t = new Thread(runnable, "brevo-sandbox");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        BrevoSandbox sandbox = new BrevoSandbox(server, executor, account, config.host());
        LOG.info("Brevo sandbox listening on {}", sandbox.baseUrl());
        return sandbox;
    }

    /** e.g. {@code http://127.0.0.1:54321}: the base URL the client adds {@code /v3/...} to. */
    public String baseUrl() {
        return "http://" + host + ":" + server.getAddress().getPort();
    }

    /** The account's state, for assertions and resets. */
    public BrevoAccount account() {
        return account;
    }

    /** Stops accepting requests and the worker threads. */
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
