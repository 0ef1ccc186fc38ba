package io.crmbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final Set<String> PROPERTY_FUNCTIONS = Set.of("env", "sys", "secret-file");

    @Test
    void everyDeclaredSettingIsListedOnceAndItsDefaultIsAllowed() throws Exception {
        List<Setting<?>> declared = new ArrayList<>();
        for (Field f : Settings.class.getDeclaredFields()) {
            if (Modifier.isPublic(f.getModifiers()) && f.getType() == Setting.class) {
                declared.add((Setting<?>) f.get(null));
            }
        }
        assertThat(Settings.ALL).containsExactlyInAnyOrderElementsOf(declared).doesNotHaveDuplicates();
        for (Setting<?> s : Settings.ALL) {
            assertThat(s.check(s.defaultText())).as(s.name()).isEmpty();
            assertThat(s.doc()).as(s.name()).isNotBlank();
            assertThat(s.feature()).as(s.name()).isNotBlank();
        }
    }

    @Test
    void anUnknownPropertyIsNamedWithTheNearestKnownOne() {
        assertThat(Settings.check("crm-bridge.bacth-size", "50"))
                .contains("unknown property crm-bridge.bacth-size (did you mean crm-bridge.batch-size?)");
        assertThat(Settings.check("hubspot.acces-token-file", "x"))
                .contains("unknown property hubspot.acces-token-file (did you mean hubspot.access-token-file?)");
        assertThat(Settings.check("sandbox.something-else-entirely", "1"))
                .contains("unknown property sandbox.something-else-entirely (docs/configuration.md lists every"
                        + " property)");
    }

    @Test
    void camelsOwnPropertiesAreLeftToCamel() {
        assertThat(Settings.check("camel.server.port", "not a port")).isEmpty();
        assertThat(Settings.check("camel.main.whatever", "x")).isEmpty();
    }

    @Test
    void aMalformedValueIsNamedWithWhatIsAllowed() {
        assertThat(Settings.check("crm-bridge.batch-size", "500"))
                .contains("crm-bridge.batch-size = 500: an integer from 1 to 100");
        assertThat(Settings.check("crm-bridge.batch-size", "ten"))
                .contains("crm-bridge.batch-size = ten: an integer from 1 to 100");
        assertThat(Settings.check("crm-bridge.poll-delay-ms", "")).contains("crm-bridge.poll-delay-ms = (empty): an"
                + " integer of 1 or more");
        assertThat(Settings.check("crm-bridge.dry-run", "yes")).contains("crm-bridge.dry-run = yes: true or false");
        assertThat(Settings.check("hubspot.sandbox", "maybe")).contains("hubspot.sandbox = maybe: one of auto, true,"
                + " false");
        assertThat(Settings.check("sandbox.faults.drop-rate", "1.5"))
                .contains("sandbox.faults.drop-rate = 1.5: a number from 0 to 1");
        assertThat(Settings.check("sandbox.time-zone", "Europe/Pariss"))
                .contains("sandbox.time-zone = Europe/Pariss: a time-zone id such as UTC or Europe/Paris");
        assertThat(Settings.check("crm-bridge.sync.cron", "every+15+minutes")).get().asString()
                .startsWith("crm-bridge.sync.cron = every+15+minutes: a Quartz cron expression, + for spaces (");
        assertThat(Settings.check("hubspot.base-url", "api.hubapi.com"))
                .contains("hubspot.base-url = api.hubapi.com: an http or https URL such as https://api.hubapi.com");
        assertThat(Settings.check("crm-bridge.phone.default-region", "France"))
                .contains("crm-bridge.phone.default-region = France: an ISO 3166-1 alpha-2 code such as US or FR");
        assertThat(Settings.check("crm-bridge.sales.reference-date", "31/12/2026"))
                .contains("crm-bridge.sales.reference-date = 31/12/2026: a date yyyy-MM-dd, or empty");
        assertThat(Settings.check("crm-bridge.db.url", "h2:mem:x"))
                .contains("crm-bridge.db.url = h2:mem:x: a JDBC URL (jdbc:...), or empty");
        assertThat(Settings.check("hubspot.api-version", "2026"))
                .contains("hubspot.api-version = 2026: a date-based version yyyy-MM such as 2026-09, or v3 (an API"
                        + " version is a date such as 2026-09, or v3, was '2026')");
        assertThat(Settings.check("sandbox.portal-rules.required-on-create", "jobtitle")).get().asString()
                .startsWith("sandbox.portal-rules.required-on-create = jobtitle: comma-separated <type>.<property>,"
                        + " or empty ('jobtitle' is not <object type>.<property>");
    }

    @Test
    void wellFormedValuesPassAndAreReadAsTheirType() {
        assertThat(Settings.check("crm-bridge.sync.cron", "0+0+6+*+*+?")).isEmpty();
        assertThat(Settings.check("sandbox.faults.latency-ms", "20-80")).isEmpty();
        assertThat(Settings.check("sandbox.seed-contacts", "generate:12")).isEmpty();
        assertThat(Settings.check("sandbox.seed-contacts", "generate:0")).isPresent();
        assertThat(Settings.HUBSPOT_SANDBOX.parse(" TRUE ")).isEqualTo("true");
        assertThat(Settings.DATES_DEFAULT_ORDER.parse("mdy")).isEqualTo("MDY");
        assertThat(Settings.PHONE_DEFAULT_REGION.parse("fr")).isEqualTo("FR");
        assertThat(Settings.SANDBOX_SCOPES.parse(" tickets, ,crm.lists.read ")).containsExactly("tickets",
                "crm.lists.read");
    }

    @Test
    void aSecretsValueIsNeverInTheError() {
        for (Setting<?> secret : Settings.ALL.stream().filter(Setting::secret).toList()) {
            String canary = "canary-\u0007-" + secret.name();
            assertThat(secret.check(canary)).as(secret.name()).get().asString()
                    .isEqualTo(secret.name() + " = (secret, not shown): text without control characters")
                    .doesNotContain("canary");
        }
        assertThat(Settings.ALL.stream().filter(Setting::secret).map(Setting::name)).containsExactlyInAnyOrder(
                "crm-bridge.db.password", "sandbox.token", "brevo.api-key", "crm-bridge.api.token");
    }

    @Test
    void validateStopsAtTheFirstRefusedProperty() {
        Map<String, String> given = new java.util.LinkedHashMap<>();
        given.put("crm-bridge.batch-size", "50");
        given.put("camel.server.port", "8081");
        given.put("brevo.list-prefx", "x");
        assertThatThrownBy(() -> Settings.validate(given)).isInstanceOf(InvalidSettingException.class)
                .hasMessage("unknown property brevo.list-prefx (did you mean brevo.list-prefix?)");
    }

    @Test
    void applyToRefusesAnUnknownPropertyOfCamelsAndGivesCamelTheDefaults() {
        PropertiesComponent refused = properties("crm-bridge.inbox", "in", "crm-bridge.polldelay-ms", "10");
        assertThatThrownBy(() -> Settings.applyTo(refused)).isInstanceOf(InvalidSettingException.class)
                .hasMessage("unknown property crm-bridge.polldelay-ms (did you mean crm-bridge.poll-delay-ms?)");

        PropertiesComponent p = properties("crm-bridge.inbox", "in");
        Settings.applyTo(p);
        assertThat(p.resolveProperty("crm-bridge.inbox")).contains("in");
        assertThat(p.resolveProperty("crm-bridge.poll-delay-ms")).contains("1000");
        assertThat(p.resolveProperty("crm-bridge.sync.cron")).contains("0+0/15+*+*+*+?");
    }

    @Test
    void applyToRefusesAMalformedValueOfCamelsProperties() {
        assertThatThrownBy(() -> Settings.applyTo(properties("crm-bridge.read-lock-check-ms", "-1")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("crm-bridge.read-lock-check-ms = -1: an integer of 1 or more");
    }

    @Test
    void theBundledApplicationPropertiesHoldsOnlyCamelsSettingsAtTheirDocumentedValues() throws Exception {
        Properties bundled = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/application.properties"),
                StandardCharsets.UTF_8)) {
            bundled.load(r);
        }
        for (String name : bundled.stringPropertyNames()) {
            assertThat(name).as("crm-bridge's defaults live in Settings").startsWith("camel.");
            Settings.find(name).ifPresent(s -> assertThat(bundled.getProperty(name)).as(name)
                    .isEqualTo(s.defaultText()));
        }
    }

    @Test
    void everyPlaceholderOfTheRoutesNamesARegisteredSetting() throws Exception {
        // {{name}} or {{?name}} (optional), with an optional default after a colon
        Pattern placeholder = Pattern.compile("\\{\\{\\??([^}:]+)(:[^}]*)?}}");
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path route : routes.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(route, StandardCharsets.UTF_8);
                // a route template's own parameters are set per templated route, not settings
                Set<String> parameters = templateParameters(text);
                Matcher m = placeholder.matcher(text);
                while (m.find()) {
                    String name = m.group(1).trim();
                    // {{env:NAME}}, {{sys:NAME}} and crm-bridge's {{secret-file:PATH}} are property functions
                    if (!parameters.contains(name) && !PROPERTY_FUNCTIONS.contains(name)) {
                        names.add(name);
                    }
                }
            }
        }
        assertThat(names).isNotEmpty().contains("crm-bridge.inbox");
        for (String name : names) {
            assertThat(Settings.find(name)).as("routes use {{" + name + "}}").isPresent();
        }
    }

    /** The parameter names the route templates of one route file declare. */
    private static Set<String> templateParameters(String yaml) throws Exception {
        Set<String> names = new HashSet<>();
        for (JsonNode element : new YAMLMapper().readTree(yaml)) {
            for (JsonNode parameter : element.path("routeTemplate").path("parameters")) {
                names.add(parameter.path("name").asText());
            }
        }
        return names;
    }

    private static PropertiesComponent properties(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        PropertiesComponent component = new DefaultCamelContext().getPropertiesComponent();
        component.setOverrideProperties(p);
        return component;
    }
}
