package io.crmbridge.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Country names (English and French) and ISO 3166-1 alpha-2 codes to the alpha-2 region code that
 * libphonenumber and HubSpot use. Names come from {@link Locale#getDisplayCountry(Locale)} in
 * {@link Locale#ENGLISH} and {@link Locale#FRENCH} for every {@link Locale#getISOCountries()}
 * code, plus the aliases in the classpath resource {@value #ALIASES} (older UN/ISO spellings used
 * by CRM exports, such as "Korea" or "Libyan Arab Jamahiriya"). Matching ignores case, accents,
 * punctuation, "&amp;" versus "and" and "St." versus "Saint"; a name with a parenthesised tail
 * ("Slovakia (Slovak Republic)") is retried without it. Immutable and thread-safe.
 */
public final class CountryRegions {

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
     * Builds the table from the JDK locale data and the alias resource.
     *
     * @throws UncheckedIOException when the alias resource is missing or unreadable
     */
    public static CountryRegions load() {
        Map<String, String> byName = new HashMap<>();
        Set<String> codes = new HashSet<>(Set.of(Locale.getISOCountries()));
        for (String code : codes) {
            Locale country = new Locale("", code);
            for (Locale language : new Locale[] {Locale.ENGLISH, Locale.FRENCH}) {
                String name = country.getDisplayCountry(language);
                byName.putIfAbsent(key(name), code);
                byName.putIfAbsent(key(PARENTHESISED.matcher(name).replaceAll("")), code);
            }
        }
        // Aliases win over display names: they are the deliberate choice for a contested name.
        readAliases().forEach((code, names) -> {
            for (String name : names.toString().split("\\|")) {
                byName.put(key(name), code.toString().trim());
            }
        });
        return new CountryRegions(byName, codes);
    }

    private static Properties readAliases() {
        try (InputStream in = CountryRegions.class.getClassLoader().getResourceAsStream(ALIASES)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("classpath resource missing: " + ALIASES));
            }
            Properties aliases = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                aliases.load(reader);
            }
            return aliases;
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
