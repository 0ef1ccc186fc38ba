package io.crmbridge.config;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The type of a {@link Setting}: its name in the configuration reference, the sentence that says which values are
 * allowed (the end of the error a malformed value gets) and the parse from the property's trimmed text to the value
 * the code uses. A parse throws any {@link RuntimeException} for a value it refuses; {@link Setting#parse} turns it
 * into an {@link InvalidSettingException} naming the property.
 *
 * <p>The common types are a kind and its bounds, read by one switch, and their sentence is made only when asked
 * (an error, the reference page): the registry is built at every start, before anything else.
 *
 * @param <T> the type of the parsed value
 */
public final class SettingType<T> {

    private enum Kind { TEXT, PRINTABLE, PATH, INTEGER, LONG, DECIMAL, BOOLEAN, ONE_OF, ZONE, REGION, URL, DATE, LIST,
        RULE }

    private final Kind kind;
    private final String name;
    private final String allowed;
    private final double min;
    private final double max;
    private final List<String> values;
    private final Function<String, T> rule;

    private SettingType(Kind kind, String name, String allowed, double min, double max, List<String> values,
                        Function<String, T> rule) {
        this.kind = kind;
        this.name = name;
        this.allowed = allowed;
        this.min = min;
        this.max = max;
        this.values = values;
        this.rule = rule;
    }

    private static <T> SettingType<T> of(Kind kind, String name, String allowed) {
        return new SettingType<>(kind, name, allowed, 0, 0, List.of(), null);
    }

    private static <T> SettingType<T> bounded(Kind kind, double min, double max) {
        return new SettingType<>(kind, kind == Kind.DECIMAL ? "number" : "integer", null, min, max, List.of(), null);
    }

    /** The type's name in the reference, e.g. {@code integer}. */
    public String name() {
        return name;
    }

    /** What a value may be, e.g. {@code an integer from 1 to 100}. */
    public String allowed() {
        return switch (kind) {
            case INTEGER, LONG -> max == (kind == Kind.INTEGER ? Integer.MAX_VALUE : Long.MAX_VALUE)
                    ? "an integer of " + (long) min + " or more" : "an integer from " + (long) min + " to " + (long) max;
            case DECIMAL -> max == Double.MAX_VALUE ? "a number of " + plain(min) + " or more"
                    : "a number from " + plain(min) + " to " + plain(max);
            case ONE_OF -> "one of " + String.join(", ", values);
            default -> allowed;
        };
    }

    /** True when the parse's own message says what is wrong (a rule of the class that reads the value). */
    boolean explains() {
        return kind == Kind.RULE;
    }

    @SuppressWarnings("unchecked")
    T parse(String s) {
        return (T) switch (kind) {
            case TEXT -> s;
            case PRINTABLE -> {
                for (int i = 0; i < s.length(); i++) {
                    if (Character.isISOControl(s.charAt(i))) {
                        throw new IllegalArgumentException();
                    }
                }
                yield s;
            }
            case PATH -> {
                if (s.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException();
                }
                yield s;
            }
            case INTEGER -> (int) inRange(Long.parseLong(s));
            case LONG -> inRange(Long.parseLong(s));
            case DECIMAL -> {
                double v = Double.parseDouble(s);
                // Java's own suffixes and hexadecimal forms are no number a user writes
                if (!(v >= min && v <= max) || !s.matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
                    throw new IllegalArgumentException();
                }
                yield v;
            }
            case BOOLEAN -> {
                if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException();
                }
                yield Boolean.parseBoolean(s);
            }
            case ONE_OF -> {
                for (String v : values) {
                    if (v.equalsIgnoreCase(s)) {
                        yield v;
                    }
                }
                throw new IllegalArgumentException();
            }
            case ZONE -> ZoneId.of(s);
            case REGION -> {
                String r = s.toUpperCase(Locale.ROOT);
                for (String country : Locale.getISOCountries()) {
                    if (country.equals(r)) {
                        yield r;
                    }
                }
                throw new IllegalArgumentException();
            }
            case URL -> {
                URI uri = URI.create(s);
                if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme())
                        || "https".equalsIgnoreCase(uri.getScheme()))) {
                    throw new IllegalArgumentException();
                }
                yield s;
            }
            case DATE -> s.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(s));
            case LIST -> Arrays.stream(s.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
            case RULE -> rule.apply(s);
        };
    }

    private long inRange(long v) {
        if (v < min || v > max) {
            throw new IllegalArgumentException();
        }
        return v;
    }

    /**
     * A type whose rule belongs to the class that reads the value: {@code rule} throws an
     * {@link IllegalArgumentException} whose message, when it has one, is shown after {@link #allowed()}.
     */
    public static <T> SettingType<T> of(String name, String allowed, Function<String, T> rule) {
        return new SettingType<>(Kind.RULE, name, allowed, 0, 0, List.of(), rule);
    }

    /** Any text, the empty text included. */
    public static SettingType<String> text(String allowed) {
        return of(Kind.TEXT, "text", allowed);
    }

    /**
     * Text without control characters: a secret pasted with a line break or a tab inside it would be sent as written
     * and refused far from its cause.
     */
    public static SettingType<String> printable() {
        return of(Kind.PRINTABLE, "text", "text without control characters");
    }

    /** A file path; empty means none. Whether the file exists is checked by the code that reads it. */
    public static SettingType<String> optionalPath(String allowed) {
        return of(Kind.PATH, "path", allowed);
    }

    /** A whole number from {@code min} to {@code max}, both included ({@link Integer#MAX_VALUE}: no bound). */
    public static SettingType<Integer> integer(int min, int max) {
        return bounded(Kind.INTEGER, min, max);
    }

    /** A whole number from {@code min} to {@code max} as a {@code long} ({@link Long#MAX_VALUE}: no bound). */
    public static SettingType<Long> longInteger(long min, long max) {
        return bounded(Kind.LONG, min, max);
    }

    /** A decimal number, a point for the decimal separator, from {@code min} to {@code max}, both included. */
    public static SettingType<Double> decimal(double min, double max) {
        return bounded(Kind.DECIMAL, min, max);
    }

    /** {@code true} or {@code false}, any case. */
    public static SettingType<Boolean> bool() {
        return of(Kind.BOOLEAN, "boolean", "true or false");
    }

    /** One of {@code values}, any case; the value is returned as listed. */
    public static SettingType<String> oneOf(String... values) {
        return new SettingType<>(Kind.ONE_OF, "one of", null, 0, 0, List.of(values), null);
    }

    /** A time-zone id such as {@code Europe/Paris} or {@code UTC}. */
    public static SettingType<ZoneId> zoneId() {
        return of(Kind.ZONE, "zone id", "a time-zone id such as UTC or Europe/Paris");
    }

    /** An ISO 3166-1 alpha-2 region code such as {@code FR}, any case; returned in upper case. */
    public static SettingType<String> region() {
        return of(Kind.REGION, "region", "an ISO 3166-1 alpha-2 code such as US or FR");
    }

    /** An {@code http} or {@code https} URL with a host. */
    public static SettingType<String> httpUrl() {
        return of(Kind.URL, "URL", "an http or https URL such as https://api.hubapi.com");
    }

    /** A date {@code yyyy-MM-dd}, or empty for none. */
    public static SettingType<Optional<LocalDate>> optionalDate() {
        return of(Kind.DATE, "date", "a date yyyy-MM-dd, or empty");
    }

    /** Comma-separated items, each trimmed, empty ones dropped. */
    public static SettingType<List<String>> list(String allowed) {
        return of(Kind.LIST, "list", allowed);
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
