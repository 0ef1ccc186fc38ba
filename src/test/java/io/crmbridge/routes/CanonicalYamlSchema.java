package io.crmbridge.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonschema.core.exceptions.ProcessingException;
import com.github.fge.jsonschema.core.report.LogLevel;
import com.github.fge.jsonschema.core.report.ProcessingMessage;
import com.github.fge.jsonschema.main.JsonSchema;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;

/**
 * Camel's YAML DSL JSON schema in its canonical variant, for the Camel version on the class path. The
 * canonical schema (Camel 4.21, CAMEL-22987) accepts only the explicit form of the DSL; the compact
 * notation it leaves out is deprecated from Camel 4.23: a step or a language written as a string
 * ({@code to: direct:x}, {@code constant: "true"}) and a language key directly on an EIP
 * ({@code filter: {simple: ...}}, {@code - simple: ...} under {@code when}).
 *
 * <p>The camel-yaml-dsl jar carries {@value #CANONICAL} from Camel 4.21 on; Camel 4.17 has only the
 * classic {@value #CLASSIC}, so the canonical variant is derived from it the way Camel's schema
 * generator does: each oneOf/anyOf of shorthand alternatives is replaced by the explicit form (an
 * object with its properties, the expression under {@code expression:}). Applied to Camel 4.22's
 * classic schema this derivation gives Camel 4.22's canonical schema exactly, except that it does not
 * require every data format on {@code unmarshal}, a generator bug Camel fixed later (CAMEL-24482).
 */
final class CanonicalYamlSchema {

    static final String CANONICAL = "schema/camelYamlDsl-canonical.json";
    static final String CLASSIC = "schema/camelYamlDsl.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SCALAR_TYPES = Set.of("string", "boolean", "number", "integer");
    private static final Set<String> TYPED_VALUES = Set.of("boolean", "number", "integer");
    /** A value Camel resolves from the properties before it converts it: {@code "{{crm-bridge.sync.enabled}}"}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^{}]+}}");

    private final JsonSchema schema;
    private final Set<String> languages;
    private final String origin;

    private CanonicalYamlSchema(JsonNode schemaDocument, String origin) throws ProcessingException {
        this.schema = JsonSchemaFactory.byDefault().getJsonSchema(schemaDocument);
        this.languages = new TreeSet<>();
        schemaDocument.path("items").path("definitions").path("org.apache.camel.model.language.ExpressionDefinition")
                .path("properties").fieldNames().forEachRemaining(languages::add);
        this.origin = origin;
    }

    /** The canonical schema of the camel-yaml-dsl jar on the class path, read or derived from its classic schema. */
    static CanonicalYamlSchema load() {
        try {
            JsonNode canonical = read(CANONICAL);
            if (canonical != null) {
                return new CanonicalYamlSchema(canonical, CANONICAL);
            }
            JsonNode classic = read(CLASSIC);
            if (classic == null) {
                throw new IllegalStateException("the camel-yaml-dsl jar has neither " + CANONICAL + " nor " + CLASSIC);
            }
            return new CanonicalYamlSchema(canonical((ObjectNode) classic), "derived from " + CLASSIC);
        } catch (ProcessingException e) {
            throw new IllegalStateException("Camel's YAML DSL schema is not a usable JSON schema: " + e.getMessage(), e);
        }
    }

    /** Where the schema came from: the jar's canonical schema, or derived from its classic one. */
    String origin() {
        return origin;
    }

    /**
     * What in {@code document} (a route file as JSON) the canonical schema refuses, each as
     * {@code "<JSON pointer>: <what is wrong>"}, with the explicit form to write where it is the
     * compact notation. A property placeholder where a boolean or a number is expected is accepted:
     * Camel resolves it before it converts the value.
     */
    List<String> problems(JsonNode document) {
        List<String> problems = new ArrayList<>();
        for (ProcessingMessage message : schema.validateUnchecked(document, true)) {
            if (message.getLogLevel().compareTo(LogLevel.ERROR) < 0) {
                continue;
            }
            JsonNode m = message.asJson();
            String pointer = m.path("instance").path("pointer").asText();
            if (isPlaceholderForTypedValue(m, document.at(pointer))) {
                continue;
            }
            problems.add((pointer.isEmpty() ? "/" : pointer) + ": " + message.getMessage() + hint(m, pointer));
        }
        return problems;
    }

    private static boolean isPlaceholderForTypedValue(JsonNode message, JsonNode value) {
        if (!"type".equals(message.path("keyword").asText()) || !value.isTextual()
                || !PLACEHOLDER.matcher(value.asText()).matches()) {
            return false;
        }
        for (JsonNode expected : message.path("expected")) {
            if (TYPED_VALUES.contains(expected.asText())) {
                return true;
            }
        }
        return false;
    }

    /** The explicit form of a compact notation the schema refused, or nothing for other problems. */
    private String hint(JsonNode message, String pointer) {
        String keyword = message.path("keyword").asText();
        String key = pointer.substring(pointer.lastIndexOf('/') + 1);
        if ("additionalProperties".equals(keyword)) {
            for (JsonNode unwanted : message.path("unwanted")) {
                if (languages.contains(unwanted.asText())) {
                    return " (the compact notation, deprecated from Camel 4.23: write expression: {" + unwanted.asText()
                            + ": {expression: ...}})";
                }
            }
        } else if ("type".equals(keyword) && "string".equals(message.path("found").asText())) {
            if (languages.contains(key)) {
                return " (the compact notation, deprecated from Camel 4.23: write " + key + ": {expression: ...})";
            }
            if ("to".equals(key) || "toD".equals(key)) {
                return " (the compact notation, deprecated from Camel 4.23: write " + key + ": {uri: ...})";
            }
            return " (the compact notation, deprecated from Camel 4.23: write " + key + " as a map of its options)";
        }
        return "";
    }

    private static JsonNode read(String resource) {
        // the schema of the camel-yaml-dsl jar itself, not a copy another jar might carry
        try (InputStream in = YamlRoutesBuilderLoader.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Camel's classic YAML DSL schema with each shorthand alternative replaced by the explicit form. */
    static ObjectNode canonical(ObjectNode classic) {
        ObjectNode schema = classic.deepCopy();
        ObjectNode definitions = (ObjectNode) schema.path("items").path("definitions");
        List<String> names = new ArrayList<>();
        definitions.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            definitions.set(name, canonicalDefinition((ObjectNode) definitions.get(name)));
        }
        return schema;
    }

    private static ObjectNode canonicalDefinition(ObjectNode classic) {
        ObjectNode definition = classic.deepCopy();
        List<JsonNode> alternatives = new ArrayList<>();
        for (String choice : List.of("oneOf", "anyOf")) {
            JsonNode a = definition.remove(choice);
            if (a != null) {
                a.forEach(alternatives::add);
            }
        }
        if (!alternatives.isEmpty()) {
            Alternatives found = new Alternatives();
            found.collect(alternatives);
            for (ObjectNode form : found.objectForms) {
                merge(definition, form);
            }
            ObjectNode properties = definition.has("properties") ? (ObjectNode) definition.get("properties")
                    : definition.putObject("properties");
            properties.setAll(found.explicit);
            // what is left empty are the language keys of the implicit expression (filter: {simple: ...})
            for (Iterator<JsonNode> it = properties.elements(); it.hasNext();) {
                JsonNode p = it.next();
                if (p.isObject() && p.isEmpty()) {
                    it.remove();
                }
            }
            // an expression that the "none of them" alternative does not let go missing is required
            for (JsonNode none : found.noneOf) {
                Set<String> named = new HashSet<>();
                none.path("anyOf").forEach(a -> a.path("required").forEach(r -> named.add(r.asText())));
                if (properties.has("expression") && !named.contains("expression")) {
                    addRequired(definition, List.of("expression"));
                }
            }
        }
        // draft 4 ignores the siblings of $ref: the explicit properties beside it are the definition
        if (definition.has("$ref") && definition.has("properties")) {
            definition.remove("$ref");
        }
        if ("object".equals(definition.path("type").asText()) && definition.has("properties")
                && !definition.has("additionalProperties")) {
            definition.put("additionalProperties", false);
        }
        return definition;
    }

    private static void merge(ObjectNode definition, ObjectNode form) {
        form.fields().forEachRemaining(e -> {
            if ("required".equals(e.getKey())) {
                List<String> names = new ArrayList<>();
                e.getValue().forEach(r -> names.add(r.asText()));
                addRequired(definition, names);
            } else {
                definition.set(e.getKey(), e.getValue());
            }
        });
    }

    private static void addRequired(ObjectNode definition, List<String> names) {
        Set<String> required = new TreeSet<>(names);
        definition.path("required").forEach(r -> required.add(r.asText()));
        ArrayNode list = definition.putArray("required");
        required.forEach(list::add);
    }

    /** The alternatives of a classic definition, sorted by what the canonical schema keeps of them. */
    private static final class Alternatives {
        /** {@code {required: [k], properties: {k: ...}}}: property k in its explicit form. */
        final ObjectNode explicit = JSON.createObjectNode();
        /** The object form of a definition that may also be written as a string. */
        final List<ObjectNode> objectForms = new ArrayList<>();
        /** The "none of these keys" alternatives ({@code not: {anyOf: [{required: [...]}, ...]}}). */
        final List<JsonNode> noneOf = new ArrayList<>();

        void collect(Iterable<JsonNode> alternatives) {
            for (JsonNode a : alternatives) {
                if ((a.has("oneOf") || a.has("anyOf")) && !a.has("properties")) {
                    Set<JsonNode> nested = new LinkedHashSet<>();
                    a.path("oneOf").forEach(nested::add);
                    a.path("anyOf").forEach(nested::add);
                    collect(nested);
                } else if (a.has("not")) {
                    noneOf.add(a.get("not"));
                } else if (a.has("$ref") || SCALAR_TYPES.contains(a.path("type").asText())) {
                    // the implicit expression (the language keys on the EIP itself) or the string shorthand
                    continue;
                } else if (isSingleProperty(a)) {
                    explicit.setAll((ObjectNode) a.get("properties"));
                } else {
                    objectForms.add(canonicalDefinition((ObjectNode) a));
                }
            }
        }

        private static boolean isSingleProperty(JsonNode a) {
            JsonNode required = a.path("required");
            JsonNode properties = a.path("properties");
            return required.size() == 1 && properties.size() == 1 && properties.has(required.get(0).asText());
        }
    }
}
