package io.crmbridge.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes docs/configuration.md from the registry ({@link Settings}): how to set a property, then one table a
 * {@link SettingGroup} with each property's type, default, unit, allowed values, feature, secret flag and meaning.
 * The build runs {@link #main} into {@code target/generated-docs/configuration.md}; a test compares the committed page
 * with {@link #markdown()}, so the page cannot drift from the code.
 */
public final class ConfigurationReference {

    private ConfigurationReference() {
    }

    /**
     * Writes the page.
     *
     * @param args the file to write, {@code target/generated-docs/configuration.md} when none is given
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/generated-docs/configuration.md");
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, markdown(), StandardCharsets.UTF_8);
    }

    /** The page, as Markdown. */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("""
                # Configuration

                <!-- Generated from io.crmbridge.config.Settings by ConfigurationReference: do not edit by hand.
                     The build writes it to target/generated-docs/configuration.md: mvn -o -q process-classes, then copy it here. -->

                After reading this page you can set any crm-bridge property: where to find its default, the values it
                allows, the feature it serves, and which ones are secrets.

                ## How to set a property

                From the lowest precedence to the highest:

                1. the default below, declared in the code (`io.crmbridge.config.Settings`);
                2. `application.properties` in the jar, which holds only the Camel settings of the last table;
                3. a properties file of your own, `--config FILE` (or `-Dcrm-bridge.config-file=FILE`); an example
                   with the settings a real portal usually needs is
                   [examples/crm-bridge.properties](examples/crm-bridge.properties);
                4. the command line, `--name=value` (`--crm-bridge.batch-size=50`) and the flags that set a property
                   (`--inbox DIR`, `--once`, ...; [command-line.md](command-line.md));
                5. a JVM system property, `-Dname=value`;
                6. an environment variable named after the property, as Camel reads them (`CRM_BRIDGE_BATCH_SIZE`).

                Secrets are best left out of files: the HubSpot token comes from the environment variable
                `HUBSPOT_ACCESS_TOKEN` (or the file `hubspot.access-token-file` names), the Brevo key from
                `BREVO_API_KEY` (or `brevo.api-key`), the REST API's bearer token from `CRM_BRIDGE_API_TOKEN` (or
                `crm-bridge.api.token`). A secret's value is never written in a log line or an error.

                Every property whose name starts with `crm-bridge.`, `hubspot.`, `sandbox.` or `brevo.` is checked
                before anything starts, wherever it comes from (of an environment variable, the value only: its name
                cannot be told from another program's): an unknown name or a value the table does not allow stops
                the start with one line on stderr and exit status 2, e.g.

                ```
                crm-bridge could not start: crm-bridge.batch-size = 500: an integer from 1 to 100
                crm-bridge could not start: unknown property crm-bridge.bacth-size (did you mean crm-bridge.batch-size?)
                ```

                Features are those of the product brief (`I1` intake, `V3` phones, `L4` rate budget, `S1` contact sync,
                `W3` push, `O1` sandbox, ...).
                """);
        for (SettingGroup group : SettingGroup.values()) {
            List<Setting<?>> settings = Settings.ALL.stream().filter(s -> s.group() == group).toList();
            if (settings.isEmpty()) {
                continue;
            }
            md.append("\n## ").append(group.title()).append("\n\n").append(group.intro()).append("\n\n");
            md.append("| Property | Type | Default | Unit | Allowed values | Feature | Secret | Meaning |\n");
            md.append("|---|---|---|---|---|---|---|---|\n");
            for (Setting<?> s : settings) {
                md.append("| `").append(s.name()).append("` | ")
                        .append(s.type().name()).append(" | ")
                        .append(s.defaultText().isEmpty() ? "(empty)" : "`" + s.defaultText() + "`").append(" | ")
                        .append(s.unit()).append(" | ")
                        .append(cell(s.type().allowed())).append(" | ")
                        .append(s.feature()).append(" | ")
                        .append(s.secret() ? "yes" : "").append(" | ")
                        .append(cell(s.doc())).append(" |\n");
            }
        }
        md.append("""

                ## Bundled mapping files

                `mapping/header-aliases.properties` (column names -> fields), `mapping/hubspot-properties.properties`
                (fields -> HubSpot properties and how each value is normalised), `validation/ticket-codes.properties`
                (ticket value mappings), `validation/free-mail-domains.txt`, `validation/country-names.properties`
                (each ISO 3166-1 alpha-2 code with its English and French names: the project's own table, so that a
                country resolves alike on every JDK) and `validation/country-aliases.properties` (other spellings CRM
                exports use), all under `src/main/resources/`. The `crm-bridge.mapping.*` files above replace or
                extend the first three.
                """);
        return md.toString();
    }

    /** A table cell: a pipe would end it. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
