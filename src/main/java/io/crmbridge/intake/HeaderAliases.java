package io.crmbridge.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.crmbridge.model.ObjectType;

/**
 * Which CSV header names feed which canonical source field, per object type (feature I4).
 *
 * <p>Loaded from a properties file read as UTF-8 with lines
 * {@code <object>.<field> = Alias 1, Alias 2, ...} where object is {@code contacts},
 * {@code companies} or {@code tickets} (the default is {@code mapping/header-aliases.properties}
 * on the classpath). The field name itself is always an alias too. Headers match aliases after
 * {@link #normalise normalisation}, so "E-mail", "e mail" and "EMAIL" all match "Email".
 *
 * <p>Immutable and thread-safe.
 */
public final class HeaderAliases {

    /** Classpath location of the default alias file. */
    public static final String DEFAULT_RESOURCE = "mapping/header-aliases.properties";

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Per type: field -> its aliases as written in the file, fields in name order. */
    private final Map<ObjectType, Map<String, List<String>>> aliasesByField;
    /** Per type: normalised alias -> field. */
    private final Map<ObjectType, Map<String, String>> fieldByAlias;

    private HeaderAliases(Map<ObjectType, Map<String, List<String>>> aliasesByField) {
        Map<ObjectType, Map<String, List<String>>> byField = new EnumMap<>(ObjectType.class);
        Map<ObjectType, Map<String, String>> byAlias = new EnumMap<>(ObjectType.class);
        for (ObjectType type : ObjectType.values()) {
            Map<String, List<String>> fields = new TreeMap<>(aliasesByField.getOrDefault(type, Map.of()));
            Map<String, String> index = new LinkedHashMap<>();
            fields.forEach((field, aliases) -> {
                register(index, type, field, field);
                aliases.forEach(alias -> register(index, type, alias, field));
            });
            byField.put(type, Collections.unmodifiableMap(fields));
            byAlias.put(type, Collections.unmodifiableMap(index));
        }
        this.aliasesByField = Collections.unmodifiableMap(byField);
        this.fieldByAlias = Collections.unmodifiableMap(byAlias);
    }

    private static void register(Map<String, String> index, ObjectType type, String alias, String field) {
        String key = normalise(alias);
        if (key.isEmpty()) {
            return;
        }
        String previous = index.putIfAbsent(key, field);
        if (previous != null && !previous.equals(field)) {
            // an ambiguous alias would silently feed the wrong field: refuse the configuration
            throw new IllegalArgumentException("header alias '" + alias + "' of " + type.pathName()
                    + " matches both fields " + previous + " and " + field);
        }
    }

    /**
     * The aliases shipped with crm-bridge ({@value #DEFAULT_RESOURCE}, UTF-8).
     *
     * @throws IllegalStateException when the resource is missing or unreadable
     * @throws IllegalArgumentException when it is malformed (see {@link #load(Path)})
     */
    public static HeaderAliases loadDefault() {
        InputStream in = HeaderAliases.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("classpath resource " + DEFAULT_RESOURCE + " is missing");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /**
     * Aliases from a user file in the same format (UTF-8). Only the fields it lists are known;
     * combine with the defaults through {@link #overriddenBy(HeaderAliases)}.
     *
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when a key is not {@code <object>.<field>} with a known
     *                                  object, or one alias matches two fields of one object
     */
    public static HeaderAliases load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read header alias file " + file, e);
        }
    }

    private static HeaderAliases parse(Reader reader, String source) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<ObjectType, Map<String, List<String>>> aliases = new EnumMap<>(ObjectType.class);
        for (String key : properties.stringPropertyNames()) {
            int dot = key.indexOf('.');
            Optional<ObjectType> type = dot > 0 ? ObjectType.fromPathSegment(key.substring(0, dot)) : Optional.empty();
            String field = dot > 0 ? key.substring(dot + 1).trim() : "";
            if (type.isEmpty() || field.isEmpty()) {
                throw new IllegalArgumentException(source + ": key '" + key
                        + "' is not <contacts|companies|tickets>.<field>");
            }
            List<String> list = Arrays.stream(properties.getProperty(key).split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
            aliases.computeIfAbsent(type.get(), t -> new TreeMap<>()).put(field, list);
        }
        return new HeaderAliases(aliases);
    }

    /**
     * These aliases with {@code overrides} applied: every field the override lists takes the
     * override's aliases instead of these; the other fields keep theirs.
     *
     * @throws IllegalArgumentException when the combination makes one alias match two fields
     */
    public HeaderAliases overriddenBy(HeaderAliases overrides) {
        Map<ObjectType, Map<String, List<String>>> merged = new EnumMap<>(ObjectType.class);
        for (ObjectType type : ObjectType.values()) {
            Map<String, List<String>> fields = new TreeMap<>(aliasesByField.get(type));
            fields.putAll(overrides.aliasesByField.get(type));
            merged.put(type, fields);
        }
        return new HeaderAliases(merged);
    }

    /**
     * The canonical field a header feeds for {@code type}, e.g. "E-mail" -> {@code email};
     * empty when no alias matches (the column is then reported as unmapped).
     */
    public Optional<String> fieldFor(ObjectType type, String header) {
        if (header == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(fieldByAlias.get(type).get(normalise(header)));
    }

    /** The aliases of {@code field} for {@code type} as written in the alias file; empty for an unknown field. */
    public List<String> aliasesOf(ObjectType type, String field) {
        return aliasesByField.get(type).getOrDefault(field, List.of());
    }

    /** The canonical fields configured for {@code type}, in name order. */
    public List<String> fields(ObjectType type) {
        return List.copyOf(aliasesByField.get(type).keySet());
    }

    /**
     * The matching key of a header or alias: accents removed (NFD, combining marks dropped),
     * lower-cased, everything but letters and digits removed ("Téléphone" -> "telephone",
     * "E-mail" -> "email").
     */
    static String normalise(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String unaccented = MARKS.matcher(decomposed).replaceAll("");
        return NOT_LETTER_OR_DIGIT.matcher(unaccented.toLowerCase(Locale.ROOT)).replaceAll("");
    }
}
