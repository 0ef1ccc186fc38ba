package io.crmbridge.console;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import io.crmbridge.api.ApiErrors;
import io.crmbridge.api.ApiRefusal;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * {@code templates/console/}: the login form, the imports page and a run's page, the run's files for download,
 * the Health page and the stylesheet. Every value goes through mustache's HTML escaping ({@code {{ }}}, never {@code {{{ }}}}),
 * so a file name or a value from a CSV shows as text. Pages other than the login need an open session
 * ({@link ConsoleSessions}); without one they redirect to the login ({@link ConsoleRedirect}).
 */
public class ConsolePages {

    private static final Logger LOG = LoggerFactory.getLogger(ConsolePages.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    /** Runs on one page of the imports page. */
    static final int PAGE_SIZE = 50;
    private static final String LOGIN = "/console/login";
    private static final String IMPORTS = "/console/imports";

    private final ConsoleSessions sessions;
    private final RunCatalog catalog;
    private final HealthReport health;
    private final Map<String, Mustache> templates = new HashMap<>();
    private final byte[] stylesheet;

    public ConsolePages(ConsoleSessions sessions, RunCatalog catalog, HealthReport health) {
        this.sessions = sessions;
        this.catalog = catalog;
        this.health = health;
        MustacheFactory factory = new DefaultMustacheFactory("templates/console");
        for (String name : List.of("login", "imports", "run", "health", "error")) {
            templates.put(name, factory.compile(name + ".html.mustache"));
        }
        try (InputStream in = ConsolePages.class.getResourceAsStream("/console/console.css")) {
            stylesheet = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("console/console.css is missing from the class path", e);
        }
    }

    /** Lets the request through when it carries an open session, else redirects to the login. */
    public void requireSession(Message in) {
        if (!sessions.configured() || !sessions.valid(in.getHeader("Cookie", String.class))) {
            throw new ConsoleRedirect(LOGIN);
        }
    }

    /** {@code GET /console}: the imports page (through the login when needed). */
    public void home(Message in) {
        requireSession(in);
        throw new ConsoleRedirect(IMPORTS);
    }

    /** {@code GET /console/login}: the form, how to configure a token when none is, or the imports when logged in. */
    public void loginPage(Message in) {
        if (sessions.configured() && sessions.valid(in.getHeader("Cookie", String.class))) {
            throw new ConsoleRedirect(IMPORTS);
        }
        html(in, sessions.configured() ? 200 : 503, "login", loginModel(null));
    }

    /**
     * {@code POST /console/login} with form field {@code token}: the API token opens a session (HTTP-only,
     * SameSite=Strict cookie) and redirects to the imports page; a wrong one answers 401 with the form and a
     * message. The token is never echoed, logged or kept.
     */
    public void login(Exchange exchange) {
        Message in = exchange.getMessage();
        String presented = formField(in, "token");
        if (!sessions.configured()) {
            html(in, 503, "login", loginModel(null));
            return;
        }
        Optional<String> session = sessions.login(presented);
        if (session.isEmpty()) {
            LOG.info("console: login refused (wrong token)");
            html(in, 401, "login", loginModel("That is not the API token. Try again."));
            return;
        }
        in.setBody("");
        in.setHeader("Set-Cookie", sessions.cookie(session.get()));
        redirect(in, IMPORTS);
    }

    /** {@code POST /console/logout}: ends the session and goes back to the login. */
    public void logout(Message in) {
        sessions.logout(in.getHeader("Cookie", String.class));
        in.setBody("");
        in.setHeader("Set-Cookie", sessions.expiredCookie());
        redirect(in, LOGIN);
    }

    /** {@code GET /console/imports?page=N}: every run the ledger knows, newest first, {@value #PAGE_SIZE} a page. */
    public void imports(Message in) {
        requireSession(in);
        int page = pageNumber(in.getHeader("page", String.class));
        Map<String, Object> runs = catalog.runs(String.valueOf(PAGE_SIZE), String.valueOf((page - 1) * PAGE_SIZE));
        long total = ((Number) runs.get("total")).longValue();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object r : (List<?>) runs.get("runs")) {
            rows.add(view(cast(r)));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Imports");
        model.put("runs", rows);
        model.put("empty", total == 0);
        model.put("total", total);
        model.put("first", total == 0 ? 0 : (page - 1) * PAGE_SIZE + 1);
        model.put("last", (page - 1) * PAGE_SIZE + rows.size());
        model.put("previous", page > 1 ? IMPORTS + "?page=" + (page - 1) : null);
        model.put("next", (long) page * PAGE_SIZE < total ? IMPORTS + "?page=" + (page + 1) : null);
        html(in, 200, "imports", model);
    }

    /** {@code GET /console/imports/{id}}: the run's counts and quality, and links to its files. */
    public void runPage(Message in) {
        requireSession(in);
        Map<String, Object> run = view(catalog.run(in.getHeader("id", String.class)));
        Map<String, Object> model = new HashMap<>(run);
        model.put("title", "Import run " + run.get("id"));
        html(in, 200, "run", model);
    }

    /**
     * {@code GET /console/health}: HubSpot, the ledger database, the routes, the versions and the effective
     * configuration, as {@link HealthReport#report()} gives them (secrets only as set or not set).
     */
    public void health(Message in) {
        requireSession(in);
        Map<String, Object> model = new HashMap<>(health.report());
        model.put("title", "Health");
        Map<String, Object> hubspot = cast(model.get("hubspot"));
        hubspot.put("stateClass", stateClass(hubspot.get("state")));
        Map<String, Object> ledger = cast(model.get("ledger"));
        ledger.put("stateClass", stateClass(ledger.get("state")));
        for (Object r : (List<?>) model.get("routes")) {
            Map<String, Object> route = cast(r);
            route.put("statusClass", "Started".equals(route.get("status")) ? "completed" : "failed");
        }
        html(in, 200, "health", model);
    }

    private static String stateClass(Object state) {
        return "UP".equals(state) ? "completed" : "failed";
    }

    /** {@code GET /console/imports/{id}/files/{file}}: one of the run's outbox files ({@link RunFile}), as a download. */
    public void download(Message in) {
        requireSession(in);
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

    /** {@code GET /console/console.css}: the stylesheet, from the jar. */
    public void stylesheet(Message in) {
        in.setBody(stylesheet);
        in.setHeader("Content-Type", "text/css; charset=UTF-8");
        in.setHeader("Cache-Control", "max-age=3600");
    }

    /**
     * Answers a console request that failed: a {@link ConsoleRedirect} as a 303, an {@link ApiRefusal} with its
     * status and message on the error page, anything else 500 (the cause logged, only its class shown).
     */
    public void failure(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Message in = exchange.getMessage();
        if (caught instanceof ConsoleRedirect r) {
            in.setBody("");
            redirect(in, r.location());
            return;
        }
        ApiErrors.Answer answer = ApiErrors.answer(caught);
        int status = answer.status();
        String text = answer.message();
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Error " + status);
        model.put("status", status);
        model.put("message", text);
        html(in, status, "error", model);
    }

    private Map<String, Object> loginModel(String message) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Log in");
        model.put("configured", sessions.configured());
        model.put("message", message);
        return model;
    }

    /** A run as {@link RunCatalog#run} gives it, with the figures formatted for the page. */
    private static Map<String, Object> view(Map<String, Object> run) {
        Map<String, Object> v = new HashMap<>(run);
        v.put("href", IMPORTS + "/" + run.get("id"));
        v.put("statusClass", String.valueOf(run.get("status")).toLowerCase(Locale.ROOT));
        v.put("started", TIME.format(Instant.parse((String) run.get("startedAt"))));
        Object finished = run.get("finishedAt");
        v.put("finished", finished == null ? null : TIME.format(Instant.parse((String) finished)));
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

    private void html(Message in, int status, String template, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        templates.get(template).execute(out, model);
        in.setBody(out.toString());
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        in.setHeader("Content-Type", "text/html; charset=UTF-8");
        in.setHeader("Cache-Control", "no-store");
    }

    private static void redirect(Message in, String location) {
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, 303);
        in.setHeader("Location", location);
    }

    private static int pageNumber(String value) {
        try {
            int n = value == null || value.isBlank() ? 1 : Integer.parseInt(value.trim());
            if (n >= 1 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ApiRefusal(400, "page must be a whole number from 1");
    }

    /** Form field {@code name} of a {@code application/x-www-form-urlencoded} POST, whichever way Vert.x handed it over. */
    private static String formField(Message in, String name) {
        Object body = in.getBody();
        if (body instanceof Map<?, ?> map && map.get(name) != null) {
            return String.valueOf(map.get(name));
        }
        String header = in.getHeader(name, String.class);
        if (header != null) {
            return header;
        }
        String text = in.getBody(String.class);
        if (text != null) {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
