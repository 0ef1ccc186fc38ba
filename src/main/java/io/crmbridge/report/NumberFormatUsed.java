package io.crmbridge.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The number convention a file was read in, as its report states it. Spaces and {@code '} group
 * thousands in either convention and are not repeated here.
 *
 * @param decimalSeparator   {@code "."} or {@code ","}
 * @param thousandsSeparator the other one
 * @param proof              the file's first value that proved the convention ({@code "12,5"}), or
 *                           null when none did and the configured default applies
 */
public record NumberFormatUsed(String decimalSeparator, String thousandsSeparator, String proof) {

    /** From a reader's settled separators; {@code proof} empty when the default applies. */
    public static NumberFormatUsed of(char decimalSeparator, char thousandsSeparator, Optional<String> proof) {
        return new NumberFormatUsed(String.valueOf(decimalSeparator), String.valueOf(thousandsSeparator),
                proof.orElse(null));
    }

    /** True when a value of the file proved the convention, false when it is the configured default. */
    public boolean proven() {
        return proof != null;
    }

    /** The JSON form: {@code {decimalSeparator, thousandsSeparator, proven, proof}}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decimalSeparator", decimalSeparator);
        m.put("thousandsSeparator", thousandsSeparator);
        m.put("proven", proven());
        m.put("proof", proof);
        return m;
    }

    /**
     * For people, without quotes (the HTML page escapes them): {@code decimal comma, thousands point
     * (proved by the value 12,5)}.
     */
    public String describe() {
        return "decimal " + name(decimalSeparator) + ", thousands " + name(thousandsSeparator)
                + (proven() ? " (proved by the value " + proof + ")" : " (configured default: no value of the file proved one)");
    }

    private static String name(String separator) {
        return ".".equals(separator) ? "point" : ",".equals(separator) ? "comma" : separator;
    }
}
