package io.crmbridge.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SandboxTrafficListener}s found by {@link ServiceLoader} when a sandbox starts, and the
 * hand-over of each written exchange to them. Costs nothing when there are none (the application).
 */
final class SandboxTraffic {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxTraffic.class);

    private final List<SandboxTrafficListener> listeners;

    private SandboxTraffic(List<SandboxTrafficListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /**
     * The listeners registered on the class path (through the thread's context class loader); called
     * once per sandbox, when {@link HubSpotSandbox#start} builds its exchange handler.
     */
    static SandboxTraffic discover() {
        List<SandboxTrafficListener> found = ServiceLoader.load(SandboxTrafficListener.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        if (!found.isEmpty()) {
            LOG.info("Sandbox traffic listeners: {}", found);
        }
        return new SandboxTraffic(found);
    }

    /**
     * Tells every listener about an exchange whose response has been written. A listener's
     * exception is logged and swallowed: listeners observe, they never change an answer.
     */
    void exchanged(HttpExchange exchange, String method, byte[] requestBody, ApiResponse response,
                   ObjectMapper mapper) {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            SandboxExchange seen = new SandboxExchange(method, exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), copy(exchange.getRequestHeaders()),
                    new String(requestBody, StandardCharsets.UTF_8), response.status(),
                    copy(exchange.getResponseHeaders()),
                    response.body() == null ? "" : mapper.writeValueAsString(response.body()));
            for (SandboxTrafficListener listener : listeners) {
                try {
                    listener.exchanged(seen);
                } catch (RuntimeException e) {
                    LOG.warn("Sandbox traffic listener {} failed on {} {}", listener, method, seen.path(), e);
                }
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("Could not hand {} {} to the sandbox traffic listeners", method, exchange.getRequestURI(), e);
        }
    }

    private static Map<String, List<String>> copy(Headers headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
