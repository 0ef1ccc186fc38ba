package io.crmbridge.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Country names (English and French) and ISO 3166-1 alpha-2 codes to the alpha-2 region code that
 * libphonenumber and HubSpot use. Codes and names come from the project's own table, the classpath
 * resource {@value #NAMES} (taken once from the JDK 17 display names, then kept by hand), never from
 * the running JDK's locale data: JDK 25 renamed TR "Türkiye", and a name that resolved on one JDK must
 * resolve alike on every other. The aliases in {@value #ALIASES} add older UN/ISO spellings used by CRM
 * exports, such as "Korea" or "Libyan Arab Jamahiriya". Matching ignores case, accents, punctuation,
 * "&amp;" versus "and" and "St." versus "Saint"; a name with a parenthesised tail
 * ("Slovakia (Slovak Republic)") is retried without it. Immutable and thread-safe.
 */
public final class CountryRegions {

    /** Classpath resource with every known code and its names: {@code CODE=name|name|...}. */
    public static final String NAMES = "validation/country-names.properties";

    /** Classpath resource with the aliases: {@code CODE=name|name|...}. */
    public static final String ALIASES = "validation/country-aliases.properties";

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SAINT = Pattern.compile("\\bst\\b\\.?");
    private static final Pattern NON_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern PARENTHESISED = Pattern.compile("\\s*\\(.*\\)\\s*$");

    private final Map<String, String> regionByName;
    private final Set<String> codes;

    private CountryRegions(Map<String, String> regionByName, Set<String> codes) {
        this.regionByName = Map.copyOf(regionByName);
        this.codes = Set.copyOf(codes);
    }

    /**
     * Builds the table from the name and alias resources.
     *
     * @throws UncheckedIOException when a resource is missing or unreadable
     */
    public static CountryRegions load() {
        Map<String, String> byName = new HashMap<>();
        Map<String, List<String>> names = namesByCode(NAMES);
        // Whole names first, then names without their parenthesised tail where no whole name took the key:
        // "Saint-Martin" is MF's name, not SX's "Saint-Martin (partie néerlandaise)" cut short.
        names.forEach((code, list) -> list.forEach(name -> byName.putIfAbsent(key(name), code)));
        names.forEach((code, list) -> list.forEach(
                name -> byName.putIfAbsent(key(PARENTHESISED.matcher(name).replaceAll("")), code)));
        // Aliases win over names: they are the deliberate choice for a contested name.
        namesByCode(ALIASES).forEach((code, list) -> list.forEach(name -> byName.put(key(name), code)));
        return new CountryRegions(byName, names.keySet());
    }

    /** The lines of a {@code CODE=name|name|...} resource, in code order so that the table never depends on hashing. */
    private static Map<String, List<String>> namesByCode(String resource) {
        Properties lines = read(resource);
        Map<String, List<String>> byCode = new TreeMap<>();
        for (String code : lines.stringPropertyNames()) {
            List<String> list = new ArrayList<>();
            for (String name : lines.getProperty(code).split("\\|")) {
                if (!name.isBlank()) {
                    list.add(name.trim());
                }
            }
            byCode.put(code.trim().toUpperCase(Locale.ROOT), List.copyOf(list));
        }
        return byCode;
    }

    private static Properties read(String resource) {
        try (InputStream in = CountryRegions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("classpath resource missing: " + resource));
            }
            Properties lines = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                lines.load(reader);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Region of a country name or code.
     *
     * @param countryNameOrCode an English or French name ("Korea", "Allemagne") or an alpha-2
     *                          code in any case ("FR", "fr"); may be null
     * @return the upper-case alpha-2 code, or empty when unknown or blank
     */
    public Optional<String> regionFor(String countryNameOrCode) {
        if (countryNameOrCode == null || countryNameOrCode.isBlank()) {
            return Optional.empty();
        }
        String trimmed = countryNameOrCode.trim();
        String byAlias = regionByName.get(key(trimmed));
        if (byAlias != null) {
            return Optional.of(byAlias);
        }
        if (trimmed.length() == 2) {
            String code = trimmed.toUpperCase(Locale.ROOT);
            if (codes.contains(code)) {
                return Optional.of(code);
            }
        }
        String withoutTail = PARENTHESISED.matcher(trimmed).replaceAll("");
        return withoutTail.isEmpty() ? Optional.empty() : Optional.ofNullable(regionByName.get(key(withoutTail)));
    }

    private static String key(String name) {
        String folded = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("")
                .toLowerCase(Locale.ROOT)
                .replace("&", " and ");
        folded = SAINT.matcher(folded).replaceAll("saint");
        return NON_ALNUM.matcher(folded).replaceAll(" ").trim();
    }
}
