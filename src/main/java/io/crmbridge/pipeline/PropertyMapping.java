package io.crmbridge.pipeline;

import io.crmbridge.hubspot.PropertySpec;
import io.crmbridge.model.ObjectType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Source field -> HubSpot property mappings per object type, from
 * {@code mapping/hubspot-properties.properties} (configuration, not code), and the
 * custom properties they need in the portal (plus the {@value #KEY_PROPERTY} upsert key of each type).
 */
public final class PropertyMapping {

    /** The unique-value property companies, tickets and e-mail-less contacts are upserted by (DESIGN.md). */
    public static final String KEY_PROPERTY = "crm_bridge_key";
    private static final Pattern CODE = Pattern.compile("code\\((\\w+)\\)");

    private final Map<ObjectType, List<FieldMapping>> byType;
    // asked for every record a batch sends: built once
    private final Map<ObjectType, java.util.Set<String>> ifEmpty = new EnumMap<>(ObjectType.class);

    private PropertyMapping(Map<ObjectType, List<FieldMapping>> byType) {
        this.byType = byType;
        byType.forEach((type, fields) -> ifEmpty.put(type, fields.stream().filter(FieldMapping::ifEmpty)
                .map(FieldMapping::property).collect(java.util.stream.Collectors.toUnmodifiableSet())));
    }

    /** The bundled mapping from the classpath. */
    public static PropertyMapping loadDefault() {
        try (InputStream in = PropertyMapping.class.getClassLoader()
                .getResourceAsStream("mapping/hubspot-properties.properties")) {
            if (in == null) {
                throw new IllegalStateException("mapping/hubspot-properties.properties missing from the classpath");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled property mapping", e);
        }
    }

    /** A user mapping file in the same format. */
    public static PropertyMapping load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r);
        }
    }

    /**
     * Parses {@code <object>.<field> = <property> : <kind> [: custom] [: always | if-empty]} lines (the overwrite
     * policy, U3: {@code always} by default).
     *
     * @throws IllegalArgumentException naming the line's key when it is malformed
     */
    static PropertyMapping parse(Reader reader) throws IOException {
        Properties p = new Properties();
        p.load(reader);
        Map<ObjectType, List<FieldMapping>> byType = new EnumMap<>(ObjectType.class);
        for (ObjectType t : ObjectType.values()) {
            byType.put(t, new ArrayList<>());
        }
        for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
            int dot = key.indexOf('.');
            ObjectType type = dot < 0 ? null : ObjectType.fromPathSegment(key.substring(0, dot)).orElse(null);
            String[] parts = p.getProperty(key).split(":");
            if (type == null || parts.length < 2) {
                throw new IllegalArgumentException("bad property mapping line: " + key);
            }
            String kindText = parts[1].trim().toLowerCase(Locale.ROOT);
            Matcher m = CODE.matcher(kindText);
            FieldMapping.Kind kind;
            try {
                kind = m.matches() ? FieldMapping.Kind.CODE
                        : FieldMapping.Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad property mapping line: " + key + " (unknown kind '" + kindText
                        + "')");
            }
            boolean custom = false;
            boolean ifEmpty = false;
            for (int i = 2; i < parts.length; i++) {
                switch (parts[i].trim().toLowerCase(Locale.ROOT)) {
                    case "custom" -> custom = true;
                    case "if-empty" -> ifEmpty = true;
                    case "always" -> ifEmpty = false;
                    default -> throw new IllegalArgumentException("bad property mapping line: " + key + " (unknown flag '"
                            + parts[i].trim() + "': custom, always or if-empty)");
                }
            }
            byType.get(type).add(new FieldMapping(key.substring(dot + 1), parts[0].trim(), kind,
                    m.matches() ? m.group(1) : null, custom, ifEmpty));
        }
        return new PropertyMapping(byType);
    }

    /**
     * This mapping with the lines of {@code user} on top: a user line replaces the line of the same
     * {@code <object>.<field>}, new fields are added, the other lines are kept
     * ({@code crm-bridge.mapping.hubspot-properties-file}, docs/configuration.md).
     */
    public PropertyMapping overriddenBy(PropertyMapping user) {
        Map<ObjectType, List<FieldMapping>> merged = new EnumMap<>(ObjectType.class);
        for (ObjectType t : ObjectType.values()) {
            Map<String, FieldMapping> byField = new java.util.TreeMap<>();
            byType.get(t).forEach(f -> byField.put(f.field(), f));
            user.byType.get(t).forEach(f -> byField.put(f.field(), f));
            merged.put(t, new ArrayList<>(byField.values()));
        }
        return new PropertyMapping(merged);
    }

    /** The mappings of one object type, in field-name order. */
    public List<FieldMapping> fields(ObjectType type) {
        return byType.get(type);
    }

    /**
     * The HubSpot properties of {@code type} whose overwrite policy is {@code if-empty} (U3): sent only to records
     * that hold no value for them.
     */
    public java.util.Set<String> ifEmptyProperties(ObjectType type) {
        return ifEmpty.get(type);
    }

    /** Custom properties crm-bridge must create when missing: every {@code custom} mapping plus each type's key. */
    public List<PropertySpec> customProperties() {
        List<PropertySpec> specs = new ArrayList<>();
        for (ObjectType t : ObjectType.values()) {
            specs.add(new PropertySpec(t, KEY_PROPERTY, "crm-bridge key", "string", "text", true));
            for (FieldMapping f : byType.get(t)) {
                if (f.custom()) {
                    boolean date = f.kind() == FieldMapping.Kind.DATE;
                    boolean number = f.kind() == FieldMapping.Kind.NUMBER;
                    specs.add(new PropertySpec(t, f.property(), label(f.field()),
                            date ? "date" : number ? "number" : "string",
                            date ? "date" : number ? "number" : "text", false));
                }
            }
        }
        return specs;
    }

    private static String label(String field) {
        String s = field.replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
