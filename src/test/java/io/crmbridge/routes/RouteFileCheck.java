package io.crmbridge.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.EndpointRequiredDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteDefinitionHelper;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Checks the YAML route files of a folder the way the build must, so that a broken route fails the
 * tests rather than the first file dropped in the inbox. Each file is
 * <ul>
 *   <li>validated against Camel's canonical YAML DSL schema ({@link CanonicalYamlSchema}): an unknown
 *       step or key, and the compact notation, are refused;</li>
 *   <li>loaded by Camel's YAML DSL into a Camel context of its own, which is never started: Camel's
 *       deserializers refuse an unknown step or key;</li>
 *   <li>walked in Camel's model: the component of every endpoint (routes, REST services, route
 *       configurations, the REST configuration) must resolve;</li>
 *   <li>searched for bean references ({@code ref:} and {@code ...Ref:} keys, {@code #name} and
 *       {@code #bean:name} values, {@code ${bean:name}} in Simple, {@code bean:name} endpoints): each
 *       must name a bean crm-bridge binds ({@link BoundBeans}).</li>
 * </ul>
 * Every problem is one line that starts with the file's name.
 */
final class RouteFileCheck {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String NAME = "([A-Za-z_][\\w-]*)";
    /** A whole value that refers to a bean: {@code #inboxFilter}, {@code #bean:inboxFilter}. */
    private static final Pattern HASH_REFERENCE = Pattern.compile("#(?:bean:)?" + NAME);
    /** A bean given as an endpoint URI's parameter: {@code file:in?filter=#inboxFilter}. */
    private static final Pattern URI_PARAMETER_REFERENCE = Pattern.compile("[?&][^=&]+=#(?:bean:)?" + NAME + "(?=&|$)");
    /** The bean language in Simple: {@code ${bean:archiveName.done}}. */
    private static final Pattern SIMPLE_BEAN = Pattern.compile("\\$\\{bean:" + NAME);
    /** The bean component: {@code bean:fileCompletion?method=failed}. */
    private static final Pattern BEAN_ENDPOINT = Pattern.compile("bean:" + NAME + "(?:\\?.*)?");

    private final CanonicalYamlSchema schema;
    private final Set<String> beans;

    /**
     * @param schema the canonical schema the files must follow
     * @param beans  the names of the beans a reference may name
     */
    RouteFileCheck(CanonicalYamlSchema schema, Set<String> beans) {
        this.schema = schema;
        this.beans = beans;
    }

    /** What was checked and what was found. */
    record Report(List<Path> files, List<String> problems) {
    }

    /** Checks every {@code *.yaml} file of {@code folder}, in name order. */
    Report check(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            problems.addAll(problems(file));
        }
        return new Report(files, problems);
    }

    /** The problems of one route file, each line starting with the file's name. */
    List<String> problems(Path file) {
        String name = file.getFileName().toString();
        List<String> problems = new ArrayList<>();
        JsonNode document;
        try {
            document = YAML.readTree(file.toFile());
        } catch (IOException e) {
            return List.of(name + ": not YAML: " + e.getMessage());
        }
        schema.problems(document).forEach(p -> problems.add(name + ": " + p));
        for (String bean : beanReferences(document)) {
            if (!beans.contains(bean)) {
                problems.add(name + ": bean reference '" + bean + "' names no bean crm-bridge binds"
                        + " (io.crmbridge.config.AppConfiguration)");
            }
        }
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            // the application's properties, for an endpoint whose scheme is a placeholder
            context.getPropertiesComponent().setLocation("classpath:application.properties");
            try {
                PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context,
                        "file:" + file.toAbsolutePath()));
            } catch (Exception e) {
                problems.add(name + ": Camel's YAML DSL cannot load it: " + oneLine(e));
                return problems;
            }
            for (Map.Entry<String, String> endpoint : endpointUris(context).entrySet()) {
                String uri = endpoint.getKey();
                String scheme = context.resolvePropertyPlaceholders(uri.substring(0, Math.max(0, uri.indexOf(':'))));
                if (PluginHelper.getComponentResolver(context).resolveComponent(scheme, context) == null) {
                    problems.add(name + ": unknown endpoint scheme '" + scheme + "' in " + uri + " ("
                            + endpoint.getValue() + "): no Camel component of that name on the class path");
                }
            }
        } catch (Exception e) {
            problems.add(name + ": " + oneLine(e));
        }
        return problems;
    }

    /**
     * Every endpoint URI of the routes, REST services and route configurations in the context's model,
     * with what it belongs to.
     */
    private static Map<String, String> endpointUris(DefaultCamelContext context) {
        Map<String, String> uris = new LinkedHashMap<>();
        // REST services are in the model as routes (rest:...) whose output is the service's to:
        for (RouteDefinition route : context.getRouteDefinitions()) {
            RouteDefinitionHelper.gatherAllEndpointUris(context, route, true, true, true)
                    .forEach(uri -> uris.putIfAbsent(uri, "route " + route.getRouteId()));
        }
        for (RouteConfigurationDefinition configuration : context.getRouteConfigurationDefinitions()) {
            List<ProcessorDefinition<?>> blocks = new ArrayList<>();
            blocks.addAll(configuration.getOnExceptions());
            blocks.addAll(configuration.getOnCompletions());
            blocks.addAll(configuration.getIntercepts());
            blocks.addAll(configuration.getInterceptFroms());
            ProcessorDefinitionHelper.filterTypeInOutputs(blocks, EndpointRequiredDefinition.class)
                    .forEach(send -> uris.putIfAbsent(send.getEndpointUri(), "route configuration " + configuration.getId()));
        }
        String restComponent = context.getRestConfiguration().getComponent();
        if (restComponent != null) {
            uris.putIfAbsent(restComponent + ":", "restConfiguration component");
        }
        return uris;
    }

    /** The bean names the document refers to, in document order. */
    static Set<String> beanReferences(JsonNode document) {
        Set<String> names = new LinkedHashSet<>();
        collectReferences(document, "", names);
        return names;
    }

    private static void collectReferences(JsonNode node, String key, Set<String> names) {
        if (node.isObject()) {
            if ("ref".equals(key) && node.path("expression").isTextual()) {
                // the ref language: ref: {expression: beanName}
                names.add(node.get("expression").asText());
            }
            node.fields().forEachRemaining(e -> collectReferences(e.getValue(), e.getKey(), names));
        } else if (node.isArray()) {
            node.forEach(n -> collectReferences(n, key, names));
        } else if (node.isTextual()) {
            String text = node.asText();
            if ("ref".equals(key) || key.endsWith("Ref")) {
                names.add(text);
                return;
            }
            Matcher hash = HASH_REFERENCE.matcher(text);
            if (hash.matches()) {
                names.add(hash.group(1));
            }
            Matcher bean = BEAN_ENDPOINT.matcher(text);
            if (bean.matches() && ("uri".equals(key) || "to".equals(key))) {
                names.add(bean.group(1));
            }
            for (Pattern inText : List.of(URI_PARAMETER_REFERENCE, SIMPLE_BEAN)) {
                Matcher m = inText.matcher(text);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
