package io.crmbridge.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The type of a {@link Setting}: its name in the configuration reference, the sentence that says which values are
 * allowed (the end of the error a malformed value gets) and the parser from the property's trimmed text to the value
 * the code uses. A parser throws any {@link RuntimeException} for a value it refuses; {@link Setting#parse} turns it
 * into an {@link InvalidSettingException} naming the property.
 *
 * @param <T> the type of the parsed value
 */
public final class SettingType<T> {

    private final String name;
    private final String allowed;
    private final Function<String, T> parser;
    private final boolean explains;

    private SettingType(String name, String allowed, Function<String, T> parser) {
        this(name, allowed, parser, false);
    }

    private SettingType(String name, String allowed, Function<String, T> parser, boolean explains) {
        this.name = name;
        this.allowed = allowed;
        this.parser = parser;
        this.explains = explains;
    }

    /** The type's name in the reference, e.g. {@code integer}. */
    public String name() {
        return name;
    }

    /** What a value may be, e.g. {@code an integer from 1 to 100}. */
    public String allowed() {
        return allowed;
    }

    T parse(String trimmed) {
        return parser.apply(trimmed);
    }

    /** True when the parser's own message says what is wrong (a rule of the class that reads the value). */
    boolean explains() {
        return explains;
    }

    /**
     * A type whose rule belongs to the class that reads the value: its parser throws an
     * {@link IllegalArgumentException} whose message says what is wrong, shown after {@link #allowed()}.
     */
    public static <T> SettingType<T> of(String name, String allowed, Function<String, T> parser) {
        return new SettingType<>(name, allowed, parser, true);
    }

    /** Any text, the empty text included. */
    public static SettingType<String> text(String allowed) {
        return new SettingType<>("text", allowed, s -> s);
    }

    /**
     * Text without control characters: a secret pasted with a line break or a tab inside it would be sent as written
     * and refused far from its cause.
     */
    public static SettingType<String> printable() {
        return new SettingType<>("text", "text without control characters", s -> {
            if (s.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("control character");
            }
            return s;
        });
    }

    /** A file path; empty means none. Whether the file exists is checked by the code that reads it. */
    public static SettingType<String> optionalPath(String allowed) {
        return new SettingType<>("path", allowed, s -> {
            if (s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("NUL in a path");
            }
            return s;
        });
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    public static SettingType<Integer> integer(int min, int max) {
        return new SettingType<>("integer", range("an integer", min, max, Integer.MAX_VALUE), s -> {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw new IllegalArgumentException("out of range");
            }
            return v;
        });
    }

    /** A whole number from {@code min} to {@code max} as a {@code long}. */
    public static SettingType<Long> longInteger(long min, long max) {
        return new SettingType<>("integer", range("an integer", min, max, Long.MAX_VALUE), s -> {
            long v = Long.parseLong(s);
            if (v < min || v > max) {
                throw new IllegalArgumentException("out of range");
            }
            return v;
        });
    }

    /** A decimal number (a point for the decimal separator) from {@code min} to {@code max}, both included. */
    public static SettingType<Double> decimal(double min, double max) {
        String allowed = max == Double.MAX_VALUE ? "a number of " + plain(min) + " or more"
                : "a number from " + plain(min) + " to " + plain(max);
        return new SettingType<>("number", allowed, s -> {
            double v = Double.parseDouble(s);
            if (!(v >= min && v <= max) || s.endsWith("d") || s.endsWith("f") || s.endsWith("D") || s.endsWith("F")) {
                throw new IllegalArgumentException("out of range");
            }
            return v;
        });
    }

    /** {@code true} or {@code false}, any case. */
    public static SettingType<Boolean> bool() {
        return new SettingType<>("boolean", "true or false", s -> {
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(s);
            }
            throw new IllegalArgumentException("not a boolean");
        });
    }

    /** One of {@code values}, any case; the value is returned as listed. */
    public static SettingType<String> oneOf(String... values) {
        List<String> list = List.of(values);
        return new SettingType<>("one of", "one of " + String.join(", ", list), s -> list.stream()
                .filter(v -> v.equalsIgnoreCase(s)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not allowed")));
    }

    /** A time-zone id such as {@code Europe/Paris} or {@code UTC}. */
    public static SettingType<ZoneId> zoneId() {
        return new SettingType<>("zone id", "a time-zone id such as UTC or Europe/Paris", s -> {
            try {
                return ZoneId.of(s);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(e);
            }
        });
    }

    /** An ISO 3166-1 alpha-2 region code such as {@code FR}, any case; returned in upper case. */
    public static SettingType<String> region() {
        Set<String> regions = Set.of(Locale.getISOCountries());
        return new SettingType<>("region", "an ISO 3166-1 alpha-2 code such as US or FR", s -> {
            String r = s.toUpperCase(Locale.ROOT);
            if (!regions.contains(r)) {
                throw new IllegalArgumentException("unknown region");
            }
            return r;
        });
    }

    /** An {@code http} or {@code https} URL with a host. */
    public static SettingType<String> httpUrl() {
        return new SettingType<>("URL", "an http or https URL such as https://api.hubapi.com", s -> {
            try {
                URI uri = new URI(s);
                if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme())
                        || "https".equalsIgnoreCase(uri.getScheme()))) {
                    throw new IllegalArgumentException("not an http URL");
                }
                return s;
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        });
    }

    /** A date {@code yyyy-MM-dd}, or empty for none. */
    public static SettingType<Optional<LocalDate>> optionalDate() {
        return new SettingType<>("date", "a date yyyy-MM-dd, or empty", s -> {
            try {
                return s.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(s));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(e);
            }
        });
    }

    /** Comma-separated items, each trimmed, empty ones dropped. */
    public static SettingType<List<String>> list(String allowed) {
        return new SettingType<>("list", allowed, s -> Arrays.stream(s.split(","))
                .map(String::trim).filter(item -> !item.isEmpty()).toList());
    }

    private static String range(String what, long min, long max, long unbounded) {
        if (max == unbounded) {
            return what + " of " + min + " or more";
        }
        return what + " from " + min + " to " + max;
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
