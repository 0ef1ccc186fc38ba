package io.crmbridge.ops;

import io.crmbridge.hubspot.HubSpotSettings;
import io.crmbridge.hubspot.HubSpotTraffic;
import io.crmbridge.model.ObjectType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness check "HubSpot reachable": UP while the configured HubSpot (a real portal's base URL, or the
 * embedded sandbox) answers crm-bridge with its token accepted. Its evidence is the latest answer seen within
 * the time to live ({@code crm-bridge.health.hubspot-ttl-seconds}): an answer to the imports' own requests,
 * told through {@link HubSpotTraffic}, or else the answer to a probe it sends itself, {@code GET} of one
 * contact ({@code <objects>/contacts?limit=1}, scope {@code crm.objects.contacts.read}) with a short time-out
 * and no retry. So a busy process sends no probe, an idle one at most one per time to live, and only when
 * health is asked for: the probe does not take a permit of the client-side rate budget.
 *
 * <p>DOWN when the evidence is: no answer (network failure, time-out), 401 or 403 (HubSpot is reachable but
 * refuses the token or its scopes) or a 5xx. Any other answer (2xx, a 429, a 4xx about a record) shows a
 * reachable HubSpot that takes the token: UP. Messages name the status and what was answered, never the token.
 * Not a liveness check: restarting crm-bridge cures neither a network nor a token problem.
 */
public final class HubSpotHealthCheck extends ReadinessCheck implements HubSpotTraffic {

    /** The id under which the check appears in the health JSON. */
    public static final String ID = "hubspot";

    private final HubSpotSettings settings;
    private final Duration ttl;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private HttpClient http;
    private volatile Evidence latest;

    /**
     * @param settings where HubSpot is and the token
     * @param ttl      how long an answer stands as evidence
     * @param timeout  connect and answer time-out of the probe
     * @param nanoTime a monotonic clock in ns (tests pass their own)
     */
    public HubSpotHealthCheck(HubSpotSettings settings, Duration ttl, Duration timeout, LongSupplier nanoTime) {
        super(ID);
        this.settings = settings;
        this.ttl = ttl;
        this.timeout = timeout;
        this.nanoTime = nanoTime;
    }

    /**
     * The probe's client, made at the first probe: a JDK HttpClient keeps a selector thread waiting in native code,
     * which holds the JVM's exit back by 300 ms, so a process that is never asked for its health (a --once run)
     * never makes one.
     */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    /** One answer, or its absence (status 0), at a time of the monotonic clock. */
    private record Evidence(int status, String what, long atNanos) {
    }

    @Override
    public void answered(String kind, int status) {
        latest = new Evidence(status, "crm-bridge's own traffic (" + kind + ")", nanoTime.getAsLong());
    }

    @Override
    public void retried(String kind, int status) {
        answered(kind, status);
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Evidence evidence = current();
        builder.detail("hubspot.status", evidence.status());
        String where = settings.sandbox() ? "The embedded HubSpot sandbox" : "HubSpot";
        int s = evidence.status();
        if (s == 401) {
            builder.message(where + " refused the access token (401 to " + evidence.what()
                    + "): set a valid HUBSPOT_ACCESS_TOKEN").down();
        } else if (s == 403) {
            builder.message(where + " refused the access token's scopes (403 to " + evidence.what()
                    + "): grant the app the scopes README.md lists").down();
        } else if (s >= 500) {
            builder.message(where + " answered " + s + " to " + evidence.what()).down();
        } else if (s == 0) {
            builder.message(where + " unreachable: " + evidence.what()).down();
        } else {
            builder.message(where + " answered " + s + " to " + evidence.what()).up();
        }
    }

    /** The latest evidence within the time to live, probing for a new one when there is none. */
    private synchronized Evidence current() {
        Evidence e = latest;
        if (e != null && nanoTime.getAsLong() - e.atNanos() < ttl.toNanos()) {
            return e;
        }
        e = probe();
        latest = e;
        return e;
    }

    private Evidence probe() {
        String path = settings.paths().objects(ObjectType.CONTACTS) + "?limit=1";
        // no path in the message: Camel's health JSON escapes its slashes twice (\\/crm\\/v3 ...)
        String what = "the probe (a read of one contact)";
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path)).timeout(timeout)
                .header("Authorization", settings.token().bearerHeader()).GET().build();
        try {
            int status = http().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Evidence(status, what, nanoTime.getAsLong());
        } catch (HttpTimeoutException e) {
            return new Evidence(0, "no answer to " + what + " within " + timeout.toMillis() + " ms",
                    nanoTime.getAsLong());
        } catch (IOException e) {
            return new Evidence(0, settings.token().scrub(e.getClass().getSimpleName() + " on " + what
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())), nanoTime.getAsLong());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Evidence(0, "interrupted during " + what, nanoTime.getAsLong());
        }
    }
}
