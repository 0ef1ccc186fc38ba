package io.crmbridge.sandbox.brevo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.crmbridge.sandbox.FaultInjector;
import io.crmbridge.sandbox.InjectedFault;
import io.crmbridge.sandbox.QueryParameters;
import io.crmbridge.sandbox.RecordedRequest;
import io.crmbridge.sandbox.RollingWindowLimiter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front of every Brevo sandbox request, in this order: the {@code api-key} header (401
 * {@code {"code":"unauthorized","message":"Key not found"}} otherwise, spending no budget), the one-second
 * rolling limit with Brevo's {@code x-sib-ratelimit-limit}, {@code -remaining} and {@code -reset} headers
 * (developers.brevo.com/docs/limit-headers; 429 {@code too_many_requests} when spent), the injected faults of
 * {@link io.crmbridge.sandbox.SandboxFaults} (drawn after the limit, before handling, so a faulted call
 * changes nothing; faults a test commanded with {@link BrevoAccount#failNext} first), then routing. The key is never logged.
 */
final class BrevoExchangeHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BrevoExchangeHandler.class);
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private final BrevoAccount account;
    private final BrevoRouter router;
    private final ObjectMapper mapper;
    private final byte[] expectedKey;
    private final RollingWindowLimiter limiter;
    private final FaultInjector faults;

    BrevoExchangeHandler(BrevoAccount account, BrevoSandboxConfig config, ObjectMapper mapper) {
        this.account = account;
        this.router = new BrevoRouter(account);
        this.mapper = mapper;
        this.expectedKey = config.apiKey().getBytes(StandardCharsets.UTF_8);
        this.limiter = config.requestsPerSecond() > 0 ? new RollingWindowLimiter(config.requestsPerSecond(), 1_000) : null;
        this.faults = new FaultInjector(config.faults());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getPath();
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", JSON_TYPE);
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        BrevoAnswer answer;
        try {
            answer = answer(exchange, method, path, raw, headers);
        } catch (BrevoError e) {
            answer = new BrevoAnswer(e.status(), e.body());
        } catch (RuntimeException e) {
            LOG.error("Brevo sandbox failed on {} {}", method, path, e);
            answer = new BrevoAnswer(500, BrevoError.body("internal_error", "Internal server error"));
        }
        account.log(new RecordedRequest(method, path, answer.status(), 0));
        if (answer.isDropped()) {
            exchange.close();
            return;
        }
        if (answer.body() == null) {
            exchange.sendResponseHeaders(answer.status(), -1);
            exchange.close();
            return;
        }
        byte[] bytes = mapper.writeValueAsBytes(answer.body());
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private BrevoAnswer answer(HttpExchange exchange, String method, String path, byte[] raw, Headers headers) {
        String key = exchange.getRequestHeaders().getFirst("api-key");
        if (key == null || !MessageDigest.isEqual(expectedKey, key.trim().getBytes(StandardCharsets.UTF_8))) {
            return new BrevoAnswer(401, BrevoError.body("unauthorized", "Key not found"));
        }
        if (limiter != null) {
            int remaining = limiter.tryAcquire();
            headers.set("x-sib-ratelimit-limit", Integer.toString(limiter.max()));
            headers.set("x-sib-ratelimit-remaining", Integer.toString(Math.max(remaining, 0)));
            headers.set("x-sib-ratelimit-reset", "1");
            if (remaining < 0) {
                return new BrevoAnswer(429, BrevoError.body("too_many_requests", "Too many requests"));
            }
        }
        int commanded = account.takeCommandedFault(method, path);
        if (commanded != 0) {
            return new BrevoAnswer(commanded, BrevoError.body(commanded >= 500 ? "internal_error" : "bad_request",
                    commanded >= 500 ? "Internal server error" : "Refused on command"));
        }
        BrevoAnswer injected = injectFault(headers);
        if (injected != null) {
            return injected;
        }
        return router.route(method, path, new QueryParameters(exchange.getRequestURI().getRawQuery()), body(raw));
    }

    private BrevoAnswer injectFault(Headers headers) {
        InjectedFault fault = faults.next();
        fault.awaitLatency();
        switch (fault.kind()) {
            case NONE:
                return null;
            case DROP:
                return new BrevoAnswer(0, null);
            case RATE_LIMITED_RETRY_AFTER:
                headers.set("Retry-After", Integer.toString(faults.retryAfterSeconds()));
                return rateLimited(headers);
            case RATE_LIMITED:
                return rateLimited(headers);
            case LOCKED:
                return new BrevoAnswer(423, BrevoError.body("locked", "The resource is locked, retry later"));
            default:
                return new BrevoAnswer(fault.status(), BrevoError.body("internal_error", "Internal server error"));
        }
    }

    private static BrevoAnswer rateLimited(Headers headers) {
        if (headers.containsKey("x-sib-ratelimit-remaining")) {
            headers.set("x-sib-ratelimit-remaining", "0");
        }
        return new BrevoAnswer(429, BrevoError.body("too_many_requests", "Too many requests"));
    }

    private Supplier<JsonNode> body(byte[] raw) {
        return () -> {
            try {
                JsonNode node = raw.length == 0 ? mapper.createObjectNode() : mapper.readTree(raw);
                if (node == null || !node.isObject()) {
                    throw BrevoError.invalid("Input must be a JSON object");
                }
                return node;
            } catch (IOException e) {
                throw new BrevoError(400, "bad_request", "Invalid JSON body");
            }
        };
    }
}
