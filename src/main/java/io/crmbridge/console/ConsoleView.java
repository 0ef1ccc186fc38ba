package io.crmbridge.console;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import io.crmbridge.api.ApiRefusal;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * What every console page shares (docs/console.md): the session check, rendering a mustache.java template of
 * {@code templates/console/} into the answer, redirects, page numbers and form fields. Templates escape every
 * value ({@code {{ }}}, never {@code {{{ }}}}), so a file name or a value from a CSV or the portal shows as text.
 * One instance serves every page class; templates are compiled once, on first use.
 */
public class ConsoleView {

    /** The login page, where a request without a session is sent. */
    public static final String LOGIN = "/console/login";
    /** How every console page shows a time: UTC, to the second. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ConsoleSessions sessions;
    private final MustacheFactory factory = new DefaultMustacheFactory("templates/console");
    private final Map<String, Mustache> templates = new ConcurrentHashMap<>();

    public ConsoleView(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    /** The sessions this view checks against. */
    public ConsoleSessions sessions() {
        return sessions;
    }

    /**
     * Lets the request through when it carries an open session.
     *
     * @throws ConsoleRedirect to the login page otherwise (answered 303 by {@code ConsolePages.failure})
     */
    public void requireSession(Message in) {
        if (!sessions.configured() || !sessions.valid(in.getHeader("Cookie", String.class))) {
            throw new ConsoleRedirect(LOGIN);
        }
    }

    /**
     * Renders {@code templates/console/<template>.html.mustache} with {@code model} as the answer: HTML, the given
     * status, never cached (the pages show live figures and sit behind a session).
     */
    public void html(Message in, int status, String template, Map<String, Object> model) {
        in.setBody(render(template, model));
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        in.setHeader("Content-Type", "text/html; charset=UTF-8");
        in.setHeader("Cache-Control", "no-store");
    }

    /** {@code templates/console/<template>.html.mustache} rendered with {@code model}: a page, or a fragment of one. */
    public String render(String template, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        templates.computeIfAbsent(template, t -> factory.compile(t + ".html.mustache")).execute(out, model);
        return out.toString();
    }

    /** Answers 303 See Other to {@code location} (after a form POST, or to the login). */
    public static void redirect(Message in, String location) {
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, 303);
        in.setHeader("Location", location);
    }

    /**
     * Query parameter {@code page}: 1 when absent.
     *
     * @throws ApiRefusal 400 when it is not a whole number from 1 to 1,000,000
     */
    public static int pageNumber(String value) {
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

    /**
     * An ISO-8601 instant ({@code 2026-12-05T07:38:57.123Z}, as the catalogs and the API give times) as the pages show
     * it: {@code 2026-12-05 07:38:57 UTC}; null for null.
     *
     * @throws java.time.format.DateTimeParseException when {@code iso} is not an ISO-8601 instant
     */
    public static String time(Object iso) {
        return iso == null ? null : TIME.format(Instant.parse(String.valueOf(iso)));
    }

    /** A whole number with its thousands grouped, as the pages show counts: {@code 12345} reads {@code 12,345}. */
    public static String count(Object n) {
        return String.format(Locale.ROOT, "%,d", ((Number) n).longValue());
    }

    /**
     * An amount of money as the pages show it: two decimals, thousands grouped ({@code 1697.5100} reads
     * {@code 1,697.51}); null for null. The API answers keep the raw number.
     */
    public static String money(Object amount) {
        // a BigDecimal (the ledger's numeric columns) is rounded as it is, half up; other numbers through double
        return amount == null ? null : String.format(Locale.ROOT, "%,.2f",
                amount instanceof BigDecimal exact ? exact : ((Number) amount).doubleValue());
    }

    /**
     * One page of a table the console pages through: page {@code number} (from 1) of at most {@code size} rows, the
     * rows from {@link #offset()} on.
     */
    public record Page(int number, int size) {

        /**
         * The page a {@code page} query parameter asks for (1 when absent).
         *
         * @throws ApiRefusal 400 as {@link ConsoleView#pageNumber}
         */
        public static Page of(String page, int size) {
            return new Page(pageNumber(page), size);
        }

        /** The API's {@code limit} for this page. */
        public String limit() {
            return String.valueOf(size);
        }

        /** The API's {@code offset} for this page: the rows of the pages before it. */
        public String offset() {
            return String.valueOf(start());
        }

        private long start() {
            return (long) (number - 1) * size;
        }

        /**
         * What a template shows around the page's rows: {@code first} and {@code last}, the positions (from 1) of
         * the first and last row shown (0 and 0 in an empty table), and {@code previous} and {@code next}, the links
         * {@code href} makes of a page number, null at either end.
         *
         * @param total every row of the table
         * @param shown the rows this page holds
         */
        public Map<String, Object> links(long total, int shown, IntFunction<String> href) {
            Map<String, Object> m = new HashMap<>();
            m.put("first", total == 0 ? 0 : start() + 1);
            m.put("last", start() + shown);
            m.put("previous", number > 1 ? href.apply(number - 1) : null);
            m.put("next", (long) number * size < total ? href.apply(number + 1) : null);
            return m;
        }
    }

    /**
     * Form field {@code name} of an {@code application/x-www-form-urlencoded} POST, whichever way Vert.x handed it
     * over (a map body, a header, or the raw body); null when absent.
     */
    public static String formField(Message in, String name) {
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

    /** A JSON-shaped map as the catalogs give it. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
