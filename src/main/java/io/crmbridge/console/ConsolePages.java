package io.crmbridge.console;

import io.crmbridge.api.ApiErrors;
import io.crmbridge.api.ApiRefusal;
import io.crmbridge.console.health.HubSpotBudgetUse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's pages (routes/console.yaml, docs/console.md), server-rendered with mustache.java from
 * {@code templates/console/}: the login form, the run's files for download (the imports page and a run's page are
 * {@link ImportsPages}),
 * the Health page and the stylesheet. Every value goes through mustache's HTML escaping ({@code {{ }}}, never {@code {{{ }}}}),
 * so a file name or a value from a CSV shows as text. Pages other than the login need an open session
 * ({@link ConsoleSessions}); without one they redirect to the login ({@link ConsoleRedirect}).
 */
public class ConsolePages {

    private static final Logger LOG = LoggerFactory.getLogger(ConsolePages.class);
    private static final String LOGIN = ConsoleView.LOGIN;
    static final String IMPORTS = "/console/imports";
    /** The request header htmx sends with each of its requests. */
    static final String HX_REQUEST = "HX-Request";
    /** The answer header that makes htmx load another page in place of the whole page. */
    static final String HX_REDIRECT = "HX-Redirect";

    /** The files {@link #asset} serves: the name the pages ask for, and the webjar resource (versions in the pom). */
    static final Map<String, String> ASSETS = Map.of(
            "htmx.min.js", "/META-INF/resources/webjars/htmx.org/2.0.4/dist/htmx.min.js",
            "uPlot.min.js", "/META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
            "uPlot.min.css", "/META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.min.css",
            "upload.js", "/console/upload.js");

    private final ConsoleView view;
    private final ConsoleSessions sessions;
    private final RunCatalog catalog;
    private final HealthReport health;
    private final byte[] stylesheet;

    public ConsolePages(ConsoleView view, RunCatalog catalog, HealthReport health) {
        this.view = view;
        this.sessions = view.sessions();
        this.catalog = catalog;
        this.health = health;
        try (InputStream in = ConsolePages.class.getResourceAsStream("/console/console.css")) {
            stylesheet = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("console/console.css is missing from the class path", e);
        }
    }

    /** {@code GET /console}: the imports page (through the login when needed). */
    public void home(Message in) {
        view.requireSession(in);
        throw new ConsoleRedirect(IMPORTS);
    }

    /** {@code GET /console/login}: the form, how to configure a token when none is, or the imports when logged in. */
    public void loginPage(Message in) {
        if (sessions.configured() && sessions.valid(in.getHeader("Cookie", String.class))) {
            throw new ConsoleRedirect(IMPORTS);
        }
        view.html(in, sessions.configured() ? 200 : 503, "login", loginModel(null));
    }

    /**
     * {@code POST /console/login} with form fields {@code token} and, optional, {@code name} (who uploads files): the
     * API token opens a session (HTTP-only, SameSite=Strict cookie) and redirects to the imports page; a wrong one
     * answers 401 with the form and a message. The token is never echoed, logged or kept.
     */
    public void login(Exchange exchange) {
        Message in = exchange.getMessage();
        String presented = ConsoleView.formField(in, "token");
        if (!sessions.configured()) {
            view.html(in, 503, "login", loginModel(null));
            return;
        }
        Optional<String> session = sessions.login(presented, ConsoleView.formField(in, "name"));
        if (session.isEmpty()) {
            LOG.info("console: login refused (wrong token)");
            view.html(in, 401, "login", loginModel("That is not the API token. Try again."));
            return;
        }
        in.setBody("");
        in.setHeader("Set-Cookie", sessions.cookie(session.get()));
        ConsoleView.redirect(in, IMPORTS);
    }

    /** {@code POST /console/logout}: ends the session and goes back to the login. */
    public void logout(Message in) {
        sessions.logout(in.getHeader("Cookie", String.class));
        in.setBody("");
        in.setHeader("Set-Cookie", sessions.expiredCookie());
        ConsoleView.redirect(in, LOGIN);
    }

    /**
     * {@code GET /console/health}: HubSpot (with the use of its rate budget and the last hour's chart), the ledger
     * database, the routes, the versions and the effective configuration, as {@link HealthReport#report()} gives
     * them (secrets only as set or not set).
     */
    public void health(Message in) {
        view.requireSession(in);
        Map<String, Object> model = new HashMap<>(health.report());
        model.put("title", "Health");
        model.put("charts", true);
        Map<String, Object> hubspot = ConsoleView.cast(model.get("hubspot"));
        hubspot.put("stateClass", stateClass(hubspot.get("state")));
        HubSpotBudgetUse.addPageView(hubspot);
        // the page groups big numbers (12,345); GET /api/health keeps them raw. The chart's series stay as they are.
        groupCounts(hubspot);
        for (String part : List.of("rateLimitWindow", "rateLimitDaily", "dailyUsage", "lastHourTotals")) {
            if (hubspot.get(part) instanceof Map<?, ?> figures) {
                groupCounts(ConsoleView.cast(figures));
            }
        }
        Map<String, Object> ledger = ConsoleView.cast(model.get("ledger"));
        ledger.put("stateClass", stateClass(ledger.get("state")));
        Map<String, Object> remote = ConsoleView.cast(model.get("remoteSources"));
        remote.put("stateClass", stateClass(remote.get("state")));
        for (Object r : (List<?>) model.get("routes")) {
            Map<String, Object> route = ConsoleView.cast(r);
            route.put("statusClass", "Started".equals(route.get("status")) ? "completed" : "failed");
        }
        view.html(in, 200, "health", model);
    }

    /** Every whole number among {@code values} as the page shows it ({@link ConsoleView#count}). */
    private static void groupCounts(Map<String, Object> values) {
        values.replaceAll((name, v) -> v instanceof Long || v instanceof Integer ? ConsoleView.count(v) : v);
    }

    private static String stateClass(Object state) {
        return "UP".equals(state) ? "completed" : "failed";
    }

    /** {@code GET /console/imports/{id}/files/{file}}: one of the run's outbox files ({@link RunFile}), as a download. */
    public void download(Message in) {
        view.requireSession(in);
        Path file = catalog.file(in.getHeader("id", String.class), in.getHeader("file", String.class));
        RunFile kind = RunFile.ofUrlName(in.getHeader("file", String.class)).orElseThrow();
        try {
            in.setBody(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        in.setHeader("Content-Type", kind.contentType());
        // the name is crm-bridge's own (RunFiles), made of the inbox name made safe; quotes are dropped all the same
        in.setHeader("Content-Disposition", (kind == RunFile.HTML_REPORT ? "inline" : "attachment")
                + "; filename=\"" + file.getFileName().toString().replace("\"", "") + "\"");
    }

    /**
     * {@code GET /console/assets/{file}}: one of the scripts and stylesheets the pages load, from the webjars in
     * the jar ({@link #ASSETS}: htmx, uPlot, the upload script). Anything else is 404: the request
     * names a file of that list, never a path.
     */
    public void asset(Message in) {
        String name = in.getHeader("file", String.class);
        String resource = ASSETS.get(name);
        if (resource == null) {
            throw new ApiRefusal(404, "no such console asset");
        }
        try (InputStream stream = ConsolePages.class.getResourceAsStream(resource)) {
            if (stream == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            in.setBody(stream.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        in.setHeader("Content-Type", (name.endsWith(".css") ? "text/css" : "text/javascript") + "; charset=UTF-8");
        // the versions are in the resource paths: a new jar brings new files, so a day's caching is safe enough
        in.setHeader("Cache-Control", "max-age=86400");
    }

    /** {@code GET /console/console.css}: the stylesheet, from the jar. */
    public void stylesheet(Message in) {
        in.setBody(stylesheet);
        in.setHeader("Content-Type", "text/css; charset=UTF-8");
        in.setHeader("Cache-Control", "max-age=3600");
    }

    /**
     * Answers a console request that failed: a {@link ConsoleRedirect} as a 303 (to an htmx request, header
     * {@code HX-Request: true}, as {@code HX-Redirect}: 401 to the login, 200 elsewhere), an {@link ApiRefusal}
     * with its status and message on the error page, anything else 500 (the cause logged, only its class shown).
     */
    public void failure(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Message in = exchange.getMessage();
        if (caught instanceof ConsoleRedirect r) {
            in.setBody("");
            if ("true".equals(in.getHeader(HX_REQUEST, String.class))) {
                // an htmx request (a poll, a form sent by htmx) would follow a 303 in its XMLHttpRequest and swap the
                // login form into the element; HX-Redirect makes htmx navigate the whole page instead (htmx 2
                // reference, response headers). 401 when the session is gone, so that nothing is swapped either way.
                in.setHeader(Exchange.HTTP_RESPONSE_CODE, LOGIN.equals(r.location()) ? 401 : 200);
                in.setHeader(HX_REDIRECT, r.location());
                return;
            }
            ConsoleView.redirect(in, r.location());
            return;
        }
        ApiErrors.Answer answer = ApiErrors.answer(caught);
        int status = answer.status();
        String text = answer.message();
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Error " + status);
        model.put("status", status);
        model.put("message", text);
        view.html(in, status, "error", model);
    }

    private Map<String, Object> loginModel(String message) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Log in");
        model.put("anonymous", true);
        model.put("configured", sessions.configured());
        model.put("message", message);
        return model;
    }

    /** A run as {@link RunCatalog#run} gives it, with the figures formatted for the page. */
    static Map<String, Object> runView(Map<String, Object> run) {
        Map<String, Object> v = new HashMap<>(run);
        v.put("href", IMPORTS + "/" + run.get("id"));
        v.put("statusClass", String.valueOf(run.get("status")).toLowerCase(Locale.ROOT));
        v.put("started", ConsoleView.time(run.get("startedAt")));
        v.put("finished", ConsoleView.time(run.get("finishedAt")));
        Object ms = run.get("durationMs");
        v.put("duration", ms == null ? null : String.format(Locale.ROOT, "%.1f s", ((Number) ms).longValue() / 1000.0));
        Object q = run.get("dataQualityScore");
        v.put("quality", q == null ? null : String.format(Locale.ROOT, "%.1f", ((Number) q).doubleValue()));
        List<Map<String, String>> files = new ArrayList<>();
        for (Object f : (List<?>) run.get("files")) {
            files.add(Map.of("name", (String) f, "href", IMPORTS + "/" + run.get("id") + "/files/" + f));
        }
        v.put("links", files);
        return v;
    }
}
