package io.crmbridge.validation;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Config-driven mapping of source codes to CRM values, such as ticket status to HubSpot pipeline
 * stage id or priority to {@code hs_ticket_priority} (defaults in the classpath resource
 * {@value #TICKET_CODES}, prefixes {@code status}, {@code priority}, {@code category},
 * {@code channel}).
 *
 * <p>Entries are properties {@code <prefix>.<source value>=<target value>}. Matching ignores case,
 * accents, spaces and punctuation, so "En attente client", "en-attente-client" and
 * {@code <prefix>.EnAttenteClient} are the same key. Because a properties key ends at the first
 * unescaped space, write source values without spaces (or escape them as {@code \ }).
 * Immutable and thread-safe.
 */
public final class CodeMapper {

    /** Classpath resource with the default ticket mappings. */
    public static final String TICKET_CODES = "validation/ticket-codes.properties";

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Map<String, String> targetByKey;

    private CodeMapper(Map<String, String> targetByKey) {
        this.targetByKey = Map.copyOf(targetByKey);
    }

    /**
     * Builds a mapper from the entries under one prefix.
     *
     * @param properties the configuration
     * @param prefix     the entry prefix without the trailing dot, for example "status"
     * @return the mapper (empty when no entry has the prefix)
     * @throws IllegalArgumentException when two entries fold to the same source key but map to
     *                                  different targets, or an entry has a blank target
     */
    public static CodeMapper fromProperties(Properties properties, String prefix) {
        String start = prefix + ".";
        Map<String, String> targetByKey = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!name.startsWith(start)) {
                continue;
            }
            String target = properties.getProperty(name).trim();
            if (target.isEmpty()) {
                throw new IllegalArgumentException("mapping " + name + " has no target value");
            }
            String key = fold(name.substring(start.length()));
            String previous = targetByKey.put(key, target);
            if (previous != null && !previous.equals(target)) {
                throw new IllegalArgumentException("mapping " + name + " conflicts with another entry: "
                        + previous + " versus " + target);
            }
        }
        return new CodeMapper(targetByKey);
    }

    /**
     * @param raw the source value, may be null
     * @return the configured target, or empty when the value is blank or has no mapping
     */
    public Optional<String> map(String raw) {
        return raw == null ? Optional.empty() : Optional.ofNullable(targetByKey.get(fold(raw)));
    }

    private static String fold(String value) {
        String withoutAccents = MARKS.matcher(Normalizer.normalize(value, Normalizer.Form.NFD)).replaceAll("");
        return NON_ALNUM.matcher(withoutAccents.toLowerCase(Locale.ROOT)).replaceAll("");
    }
}
