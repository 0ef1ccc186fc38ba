package io.crmbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.config.HubSpotConnection;
import io.crmbridge.hubspot.DailyUsage;
import io.crmbridge.hubspot.DailyUsageReader;
import io.crmbridge.hubspot.HubSpotGateway;
import io.crmbridge.hubspot.HubSpotSettings;
import io.crmbridge.hubspot.PortalScopes;
import io.crmbridge.http.HttpFailures;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * {@code --check-portal}: tells, before any import, what the configured HubSpot portal lacks for crm-bridge, one line
 * a check, and answers 0 when every check passes, 1 otherwise (docs/command-line.md, docs/hubspot.md). The
 * checks: the token is accepted (a 401 is not), the configured {@code hubspot.api-version} answers (a 404 is not),
 * each scope of {@link PortalScopes} is granted (its probe, a read or a batch with no inputs, is not refused with
 * 403; HubSpot's documents offer no token introspection), and the account has daily requests left (hubspot-api.md
 * §10.4). Without a token it checks the embedded sandbox and says so. No route starts: the settings are read from
 * application.properties and the command line, and each probe is one request of the JDK's HTTP client, without
 * retry. The token is never printed: HubSpot's messages are scrubbed of it.
 */
public final class PortalCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HubSpotSettings settings;
    private final PropertiesComponent properties;
    private final PrintStream out;
    private final HttpClient http;
    private int failures;

    private PortalCheck(HubSpotSettings settings, PropertiesComponent properties, PrintStream out) {
        this.settings = settings;
        this.properties = properties;
        this.out = out;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Runs the checks with the settings of application.properties, the system properties and {@code overrides} (the
     * command line's), printing one line a check to {@code out}.
     *
     * @return 0 when every check passed, 1 otherwise
     * @throws Exception when the settings are wrong (an unreadable token file, a malformed version) or the sandbox
     *                   cannot start
     */
    public static int run(java.util.Map<String, String> overrides, PrintStream out) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext(false)) {
            PropertiesComponent p = context.getPropertiesComponent();
            p.setLocation("classpath:application.properties");
            Properties given = new Properties();
            given.putAll(overrides);
            p.setOverrideProperties(given);
            context.build();
            HubSpotSettings settings = HubSpotConnection.settings(context);
            try {
                return new PortalCheck(settings, p, out).checkAll();
            } finally {
                // the sandbox, when one was started, is a service of this context: closing the context stops it
                context.stop();
            }
        }
    }

    private int checkAll() {
        String version = settings.paths().version();
        out.println(settings.sandbox()
                ? "No HubSpot access token configured: checking the embedded HubSpot sandbox (API " + version
                + "); set HUBSPOT_ACCESS_TOKEN or hubspot.access-token-file to check your portal"
                : "Checking HubSpot at " + settings.baseUrl() + " (API " + version + ") with the configured token");
        List<PortalScopes.Scope> scopes = PortalScopes.standard().scopes();
        Answer first = send(scopes.get(0).probeRequest(settings.paths()));
        if (first.status() == 0) {
            fail("HubSpot reachable: no answer from " + settings.baseUrl() + " (" + first.message() + ")");
            return 1;
        }
        pass("HubSpot reachable at " + (settings.sandbox() ? "the embedded sandbox" : settings.baseUrl()));
        if (first.status() == 401) {
            fail("token accepted: HubSpot answered 401 (" + first.message() + "); set a valid HUBSPOT_ACCESS_TOKEN"
                    + " (a service key: docs/hubspot.md)");
            out.println("[skip] API version, scopes and daily budget: not checked without an accepted token");
            return 1;
        }
        pass("token accepted");
        if (first.status() == 404) {
            fail("API version " + version + " answers: HubSpot answered 404 to " + first.probe().method() + " "
                    + first.probe().path() + "; set hubspot.api-version to v3, 2026-03 or 2026-09");
        } else {
            pass("API version " + version + " answers");
        }
        Answer usage = null;
        for (PortalScopes.Scope scope : scopes) {
            PortalScopes.Probe probe = scope.probeRequest(settings.paths());
            Answer a = scope == scopes.get(0) ? first : send(probe);
            checkScope(scope, a);
            if (probe.path().equals(settings.paths().dailyUsage())) {
                usage = a;
            }
        }
        checkDailyBudget(usage == null ? send(new PortalScopes.Probe("GET", settings.paths().dailyUsage(), null)) : usage);
        out.println(failures == 0 ? "All checks passed." : failures + " check(s) failed.");
        return failures == 0 ? 0 : 1;
    }

    private void checkScope(PortalScopes.Scope scope, Answer a) {
        String what = "scope " + scope.name();
        String forWhat = "needed by " + scope.neededBy();
        boolean needed = PortalScopes.needed(scope, properties::resolveProperty);
        if (a.status() == 403) {
            String line = what + " missing: HubSpot answered 403 " + a.message();
            if (needed) {
                fail(line + "; grant it to the service key (" + forWhat + ")");
            } else {
                out.println("[info] " + line + "; needed only with " + scope.onlyWith() + " = true (" + forWhat + ")");
            }
        } else if (a.status() == 0 || a.status() == 401 || a.status() == 404 || a.status() >= 500) {
            fail(what + " not checked: " + a.probe().method() + " " + a.probe().path() + " answered "
                    + (a.status() == 0 ? "nothing" : Integer.toString(a.status())) + " (" + a.message() + ")");
        } else {
            pass(what + " granted (" + forWhat + ")");
        }
    }

    private void checkDailyBudget(Answer a) {
        DailyUsage usage = a.status() / 100 == 2 ? DailyUsageReader.parse(a.body())
                : DailyUsage.unknown(a.status() == 0 ? a.message() : a.status() + " " + a.message());
        if (!usage.isKnown()) {
            fail("daily budget left: unknown (" + usage.unknownReason() + ")");
        } else if (usage.remaining().orElseThrow() == 0) {
            fail("daily budget left: none of the account's " + usage.usageLimit() + " requests until "
                    + (usage.resetsAt() == null ? "midnight in the account's time zone" : usage.resetsAt()));
        } else {
            pass("daily budget left: " + usage.remaining().orElseThrow() + " of the account's " + usage.usageLimit()
                    + " requests" + (usage.resetsAt() == null ? "" : ", resets at " + usage.resetsAt()));
        }
    }

    private void pass(String line) {
        out.println("[ok]   " + line);
    }

    private void fail(String line) {
        failures++;
        out.println("[FAIL] " + line);
    }

    /** A probe's answer: its status (0: none), HubSpot's message (scrubbed of the token) and body. */
    private record Answer(PortalScopes.Probe probe, int status, String message, JsonNode body) {
    }

    private Answer send(PortalScopes.Probe probe) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + probe.path()))
                .timeout(TIMEOUT).header("Authorization", settings.token().bearerHeader());
        if (probe.body() == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(probe.method(), HttpRequest.BodyPublishers.ofString(probe.body()));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = HttpFailures.json(JSON, response.body());
            // a 403's own message is a paragraph: the scopes it names say it all
            String scopes = HubSpotGateway.missingScopes(body);
            String message = response.statusCode() / 100 == 2 ? "" : body.path("category").asText("")
                    + (!scopes.isEmpty() ? scopes : body.has("message") ? " " + body.path("message").asText() : "");
            return new Answer(probe, response.statusCode(), settings.token().scrub(message.strip()), body);
        } catch (IOException e) {
            return new Answer(probe, 0, settings.token().scrub(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(probe, 0, "interrupted", null);
        }
    }
}
