package io.crmbridge.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed query string; repeated parameters keep all values, and lists also split on commas (hubspot-api.md §3.1). */
public final class QueryParameters {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    /** Parses a raw query string (without {@code ?}); null or empty gives no parameters. */
    public QueryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
    }

    /** The first value of a parameter, null when absent. */
    public String first(String key) {
        List<String> v = values.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    int intValue(String key, int fallback) {
        String v = first(key);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ErrorBodies.validation("Invalid value for " + key + ": " + v);
        }
    }

    /** All values of a list parameter, from repeated parameters and comma-separated values. */
    List<String> list(String key) {
        List<String> out = new ArrayList<>();
        for (String v : values.getOrDefault(key, List.of())) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
