package io.crmbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of {@code routes/} is in Camel's canonical YAML form, loads in Camel's YAML DSL, and
 * names only endpoints whose component is on the class path and beans crm-bridge binds
 * ({@link RouteFileCheck}). The other tests feed the check broken routes, to prove that it fails and
 * names the file and the problem.
 */
class RouteFilesTest {

    private static final Path ROUTES = Path.of("routes");

    private static RouteFileCheck check;

    @TempDir
    Path broken;

    @BeforeAll
    static void checkAgainstTheApplicationsBeans(@TempDir Path work) throws Exception {
        Set<String> beans = BoundBeans.ofTheApplication(work);
        check = new RouteFileCheck(CanonicalYamlSchema.load(), beans);
    }

    @Test
    void everyRouteFileIsCanonicalLoadsAndResolves() throws IOException {
        RouteFileCheck.Report report = check.check(ROUTES);

        assertThat(report.files()).extracting(f -> f.getFileName().toString())
                .contains("api.yaml", "associations.yaml", "console.yaml", "console-contacts.yaml", "console-links.yaml",
                        "console-imports.yaml", "console-sales.yaml", "console-undo.yaml", "console-upload.yaml",
                        "contact-sync.yaml", "customer-push.yaml", "hubspot-delivery.yaml", "intake.yaml", "reports.yaml",
                        "rows.yaml", "sales-ledger.yaml");
        assertThat(report.problems()).isEmpty();
    }

    /**
     * The application names its route files one by one (camel.main.routes-include-pattern, no wildcard: a wildcard
     * walks the whole jar at each start), so a file added to routes/ but not to that list would silently never run.
     */
    @Test
    void theApplicationLoadsEveryRouteFileAndNoOther() throws IOException {
        java.util.Properties app = new java.util.Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            app.load(in);
        }
        List<String> included = java.util.Arrays.stream(app.getProperty("camel.main.routes-include-pattern").split(","))
                .map(String::trim).toList();
        List<String> files;
        try (Stream<Path> s = Files.list(ROUTES)) {
            files = s.map(f -> "classpath:routes/" + f.getFileName()).sorted().toList();
        }

        assertThat(included).allSatisfy(i -> assertThat(i).doesNotContain("*"));
        assertThat(included).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void anUnknownStepFailsNamingTheFileAndTheStep() throws IOException {
        List<String> problems = problemsOf("wrong-step.yaml", route("""
                - setBodyy:
                    expression:
                      constant:
                        expression: x
                """));

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("wrong-step.yaml: ")
                .contains("Camel's YAML DSL cannot load it: Unknown node id: setBodyy"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("wrong-step.yaml: /0/route/from/steps/0: ")
                .contains("\"setBodyy\""));
    }

    @Test
    void anUnknownKeyOfAStepFailsNamingTheFileAndTheKey() throws IOException {
        List<String> problems = problemsOf("wrong-key.yaml", route("""
                - setBody:
                    expresion:
                      constant:
                        expression: x
                """));

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("wrong-key.yaml: ")
                .contains("Unsupported field: expresion"));
    }

    @Test
    void anUnknownEndpointSchemeFailsEvenInsideAnotherStep() throws IOException {
        List<String> problems = problemsOf("wrong-scheme.yaml", route("""
                - filter:
                    expression:
                      simple:
                        expression: "${body} != null"
                    steps:
                      - to:
                          uri: direc:x
                """));

        assertThat(problems).singleElement().satisfies(p -> assertThat(p)
                .startsWith("wrong-scheme.yaml: unknown endpoint scheme 'direc' in direc:")
                .contains("(route broken)"));
    }

    @Test
    void everyKindOfBeanReferenceToNoBoundBeanFails() throws IOException {
        List<String> problems = problemsOf("wrong-beans.yaml", """
                - routeConfiguration:
                    id: broken-redelivery
                    errorHandler:
                      defaultErrorHandler:
                        retryWhileRef: noRetryPolicy
                - route:
                    id: broken
                    from:
                      uri: file:in
                      parameters:
                        filter: "#noFilter"
                        move: ".done/${bean:noArchiveName.done}"
                      steps:
                        - bean:
                            ref: noBean
                            method: run
                        - process:
                            ref: noProcessor
                        - to:
                            uri: "log:out?exchangeFormatter=#bean:noFormatter"
                        - to:
                            uri: "bean:noEndpointBean?method=run"
                        - bean:
                            ref: fileCompletion
                            method: failed
                """);

        assertThat(problems).allSatisfy(p -> assertThat(p).startsWith("wrong-beans.yaml: bean reference '"))
                .extracting(p -> p.substring(p.indexOf('\'') + 1, p.indexOf('\'', p.indexOf('\'') + 1)))
                .containsExactly("noRetryPolicy", "noFilter", "noArchiveName", "noBean", "noProcessor", "noFormatter",
                        "noEndpointBean");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compactNotation")
    void theCompactNotationIsRefusedThoughCamel417LoadsIt(String what, String steps) throws IOException {
        List<String> problems = problemsOf("compact.yaml", route(steps));

        assertThat(problems).isNotEmpty()
                .allSatisfy(p -> assertThat(p).startsWith("compact.yaml: /0/route/from/steps/0")
                        .contains("the compact notation, deprecated from Camel 4.23"));
    }

    static Stream<Arguments> compactNotation() {
        return Stream.of(
                Arguments.of("a language key on the EIP: filter: {simple: ...}", """
                        - filter:
                            simple: "${body} == null"
                            steps:
                              - stop: {}
                        """),
                Arguments.of("a language key in a when", """
                        - choice:
                            when:
                              - simple:
                                  expression: "${body} == null"
                                steps:
                                  - stop: {}
                        """),
                Arguments.of("a language on split", """
                        - split:
                            simple:
                              expression: "${body}"
                            steps:
                              - stop: {}
                        """),
                Arguments.of("a language as a string: setBody: {expression: {constant: x}}", """
                        - setBody:
                            expression:
                              constant: x
                        """),
                Arguments.of("an endpoint as a string: to: direct:x", """
                        - to: direct:x
                        """));
    }

    @Test
    void handledAsAConstantStringIsRefused() throws IOException {
        List<String> problems = problemsOf("compact-handled.yaml", """
                - routeConfiguration:
                    id: compact
                    onException:
                      - onException:
                          exception:
                            - java.lang.Exception
                          handled:
                            constant: "true"
                          steps:
                            - stop: {}
                """);

        assertThat(problems).singleElement().asString()
                .startsWith("compact-handled.yaml: /0/routeConfiguration/onException/0/onException/handled/constant: ")
                .contains("the compact notation, deprecated from Camel 4.23: write constant: {expression: ...}");
    }

    @Test
    void aPlaceholderStandsForABooleanButOtherTextDoesNot() throws IOException {
        String placeholder = """
                - route:
                    id: placeholder
                    autoStartup: "{{crm-bridge.sync.enabled}}"
                    from:
                      uri: direct:a
                      steps:
                        - stop: {}
                """;

        assertThat(problemsOf("placeholder.yaml", placeholder)).isEmpty();
        assertThat(problemsOf("text.yaml", placeholder.replace("{{crm-bridge.sync.enabled}}", "sometimes")))
                .anySatisfy(p -> assertThat(p).startsWith("text.yaml: /0/route/autoStartup: "));
    }

    /** A route {@code broken} from {@code direct:a} with these steps (each line indented as a step list). */
    private static String route(String steps) {
        return """
                - route:
                    id: broken
                    from:
                      uri: direct:a
                      steps:
                """ + steps.indent(8);
    }

    private List<String> problemsOf(String fileName, String yaml) throws IOException {
        Path file = broken.resolve(fileName);
        Files.writeString(file, yaml);
        return check.problems(file);
    }
}
