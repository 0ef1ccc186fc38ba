package io.crmbridge.sandbox;

/**
 * Hears every exchange the sandbox answers, after the response is written: for tooling such as
 * the contract tests, which check each exchange against HubSpot's OpenAPI documents.
 * Implementations are found with {@link java.util.ServiceLoader} when a sandbox starts
 * ({@code META-INF/services/io.crmbridge.sandbox.SandboxTrafficListener}); the application ships
 * none. Called on the sandbox's worker threads, so implementations must be thread-safe; an
 * exception thrown here is logged and never reaches the HTTP client.
 */
public interface SandboxTrafficListener {

    /** One request and the answer written for it. */
    void exchanged(SandboxExchange exchange);
}
