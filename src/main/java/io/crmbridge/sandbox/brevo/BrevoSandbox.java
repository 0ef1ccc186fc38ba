package io.crmbridge.sandbox.brevo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.sandbox.LoopbackServer;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Brevo-compatible HTTP server (the contacts part of Brevo's API v3, see {@link BrevoRouter}) on
 * the JDK's HttpServer, on a loopback port of its own, keeping its account in memory ({@link BrevoAccount}).
 * Used when no Brevo API key is configured (docs/sales-ledger.md).
 */
public final class BrevoSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrevoSandbox.class);
    private static final int THREADS = 4;

    private final LoopbackServer server;
    private final BrevoAccount account;

    private BrevoSandbox(LoopbackServer server, BrevoAccount account) {
        this.server = server;
        this.account = account;
    }

    /**
     * Binds and starts the server.
     *
     * @throws IOException when the address cannot be bound
     */
    public static BrevoSandbox start(BrevoSandboxConfig config) throws IOException {
        BrevoAccount account = new BrevoAccount();
        LoopbackServer server = LoopbackServer.start(config.host(), config.port(), 64, THREADS, "brevo-sandbox",
                new BrevoExchangeHandler(account, config, new ObjectMapper()));
        BrevoSandbox sandbox = new BrevoSandbox(server, account);
        LOG.info("Brevo sandbox listening on {}", sandbox.baseUrl());
        return sandbox;
    }

    /** e.g. {@code http://127.0.0.1:54321}: the base URL the client adds {@code /v3/...} to. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** The account's state, for assertions and resets. */
    public BrevoAccount account() {
        return account;
    }

    /** Stops accepting requests and the worker threads. */
    @Override
    public void close() {
        server.close();
    }
}
