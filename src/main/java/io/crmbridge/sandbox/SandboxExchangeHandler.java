package io.crmbridge.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.crmbridge.hubspot.HubSpotRateLimitExemptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front of every request: Bearer authentication and scopes (hubspot-api.md §5), the daily budget, the
 * rolling 10-second limit with their headers and the search per-second limit (§4), injected faults and
 * latency ({@link SandboxFaults}), correlation ids and JSON content type (§0), JSON parsing, routing and the
 * request log. Checks run in that order: a 401 or 403 spends no budget and draws no fault; a fault is drawn
 * after the limits admitted the call (so it counts against them, as any call HubSpot received) and before
 * the call is handled (so a faulted call changes nothing). The latency sleep holds no lock. After the call is
 * handled and logged, an armed {@link HeldAnswer} may hold its answer back (a crash test's window between a write
 * HubSpot applied and the client learning of it). The operations HubSpot exempts from the 10-second window
 * ({@link HubSpotRateLimitExemptions}: association batches, search) spend the daily budget only, search its
 * per-second limit too, and carry no 10-second headers: HubSpot sends none on search (§4.2), the one exempt
 * operation whose answers were recorded.
 */
final class SandboxExchangeHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxExchangeHandler.class);
    private static final String JSON_TYPE = "application/json;charset=utf-8";

    private final SandboxState state;
    private final SandboxRouter router;
    private final ObjectMapper mapper;
    private final byte[] expectedAuthorization;
    private final RollingWindowLimiter burst;
    private final RollingWindowLimiter searchLimit;
    private final Set<String> grantedScopes;
    private final DailyBudget daily;
    private final FaultInjector faults;
    private final SandboxTraffic traffic = SandboxTraffic.discover();

    private final List<HeldAnswer> holds;

    SandboxExchangeHandler(SandboxState state, SandboxConfig config, ObjectMapper mapper, List<HeldAnswer> holds) {
        this.holds = holds;
        this.state = state;
        this.daily = config.dailyLimit() > 0 ? new DailyBudget(config.dailyLimit(), Clock.system(config.zone())) : null;
        this.router = new SandboxRouter(state, config, daily);
        this.mapper = mapper;
        this.expectedAuthorization = ("Bearer " + config.accessToken()).getBytes(StandardCharsets.UTF_8);
        this.burst = config.rateLimited() ? new RollingWindowLimiter(config.requestsPerTenSeconds(), 10_000) : null;
        this.searchLimit = config.rateLimited()
                ? new RollingWindowLimiter(SandboxConfig.SEARCH_REQUESTS_PER_SECOND, 1_000) : null;
        this.grantedScopes = config.scopes();
        this.faults = new FaultInjector(config.faults());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
        String path = exchange.getRequestURI().getPath();
        String correlationId = UUID.randomUUID().toString();
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", JSON_TYPE);
        headers.set("X-HubSpot-Correlation-Id", correlationId);
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        RequestBody body = new RequestBody(raw, mapper);
        ApiResponse response;
        try {
            response = answer(exchange, method, path, body, headers);
        } catch (ApiException e) {
            response = new ApiResponse(e.status(), e.body().deepCopy());
        } catch (RuntimeException e) {
            LOG.error("Sandbox failed on {} {}", method, path, e);
            response = new ApiResponse(500, ErrorBodies.error("INTERNAL_ERROR", "Internal error"));
        }
        if (response.body() instanceof ObjectNode && response.status() >= 400) {
            ((ObjectNode) response.body()).put("correlationId", correlationId);
        }
        RecordedRequest recorded = new RecordedRequest(method, path, response.status(), body.inputCount());
        state.log(recorded, arrived);
        for (HeldAnswer hold : holds) {
            if (hold.holdIfMatching(recorded)) {
                break;
            }
        }
        if (response.isDropped()) {
            // closing before sendResponseHeaders closes the TCP connection: the client reads EOF, no status
            exchange.close();
            return;
        }
        send(exchange, response);
        traffic.exchanged(exchange, method, raw, response, mapper);
    }

    private ApiResponse answer(HttpExchange exchange, String method, String path, RequestBody body, Headers headers) {
        if (state.accessTokenRevoked() || !authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            headers.set("X-HubSpot-Auth-Failure", "401 Unauthorized");
            return new ApiResponse(401, ErrorBodies.error("INVALID_AUTHENTICATION", ErrorBodies.AUTH_MESSAGE));
        }
        List<String> missingScopes = RequiredScopes.missing(method, path, grantedScopes);
        if (!missingScopes.isEmpty()) {
            return new ApiResponse(403, ErrorBodies.missingScopes(missingScopes));
        }
        if (daily != null) {
            long remainingToday = daily.tryAcquire();
            headers.set("X-HubSpot-RateLimit-Daily", Long.toString(daily.limit()));
            headers.set("X-HubSpot-RateLimit-Daily-Remaining", Long.toString(Math.max(remainingToday, 0)));
            if (remainingToday < 0) {
                return new ApiResponse(429, ErrorBodies.dailyLimit(UUID.randomUUID().toString()));
            }
        }
        Optional<HubSpotRateLimitExemptions.Operation> exempt = HubSpotRateLimitExemptions.tenSecondly(method, path);
        if (exempt.isPresent()) {
            // outside the 10-second window and without its headers (search's, §4.2); search has its own limit
            if (exempt.get().search() && searchLimit != null && searchLimit.tryAcquire() < 0) {
                return new ApiResponse(429, ErrorBodies.secondlySearchLimit());
            }
        } else if (burst != null) {
            int remaining = burst.tryAcquire();
            headers.set("X-HubSpot-RateLimit-Max", Integer.toString(burst.max()));
            headers.set("X-HubSpot-RateLimit-Remaining", Integer.toString(Math.max(remaining, 0)));
            headers.set("X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
            if (remaining < 0) {
                return new ApiResponse(429, ErrorBodies.tenSecondlyLimit());
            }
        }
        ApiResponse injected = injectFault(headers);
        if (injected != null) {
            return injected;
        }
        return router.route(method, path, new QueryParameters(exchange.getRequestURI().getRawQuery()), body);
    }

    /** Waits the drawn latency (no lock held), then returns the injected answer, or null to handle the call. */
    private ApiResponse injectFault(Headers headers) {
        InjectedFault fault = faults.next();
        fault.awaitLatency();
        switch (fault.kind()) {
            case NONE:
                return null;
            case DROP:
                return ApiResponse.dropped();
            case RATE_LIMITED_RETRY_AFTER:
                headers.set("Retry-After", Integer.toString(faults.retryAfterSeconds()));
                return rateLimited(headers);
            case RATE_LIMITED:
                return rateLimited(headers);
            default:
                return new ApiResponse(fault.status(), ErrorBodies.injectedFault(fault.status()));
        }
    }

    /** An injected burst 429, consistent with its headers: nothing remains in the window. */
    private static ApiResponse rateLimited(Headers headers) {
        if (headers.containsKey("X-HubSpot-RateLimit-Remaining")) {
            headers.set("X-HubSpot-RateLimit-Remaining", "0");
        }
        return new ApiResponse(429, ErrorBodies.tenSecondlyLimit());
    }

    /** Constant-time comparison, so the token cannot be guessed from timings; the token is never logged. */
    private boolean authorized(String authorization) {
        return authorization != null
                && MessageDigest.isEqual(expectedAuthorization, authorization.trim().getBytes(StandardCharsets.UTF_8));
    }

    private void send(HttpExchange exchange, ApiResponse response) throws IOException {
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            exchange.close();
            return;
        }
        byte[] bytes = mapper.writeValueAsBytes(response.body());
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The request body, parsed on first use; malformed JSON → 400 "Invalid input JSON" (§8). */
    private static final class RequestBody implements Supplier<JsonNode> {
        private final byte[] raw;
        private final ObjectMapper mapper;
        private JsonNode parsed;

        RequestBody(byte[] raw, ObjectMapper mapper) {
            this.raw = raw;
            this.mapper = mapper;
        }

        @Override
        public JsonNode get() {
            if (parsed == null) {
                try {
                    parsed = raw.length == 0 ? mapper.createObjectNode() : mapper.readTree(raw);
                } catch (JsonProcessingException e) {
                    throw ErrorBodies.validation("Invalid input JSON on line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
                } catch (IOException e) {
                    throw ErrorBodies.validation("Invalid input JSON: unreadable body");
                }
                // an object, or an array: the body of a v4 PUT of one association is a list of association types
                if (parsed == null || !parsed.isContainerNode()) {
                    throw ErrorBodies.validation("Invalid input JSON: expected an object or an array");
                }
            }
            return parsed;
        }

        int inputCount() {
            if (parsed == null && raw.length > 0) {
                try {
                    get();
                } catch (ApiException e) {
                    return 0;
                }
            }
            JsonNode inputs = parsed == null ? null : parsed.get("inputs");
            return inputs != null && inputs.isArray() ? inputs.size() : 0;
        }
    }
}
