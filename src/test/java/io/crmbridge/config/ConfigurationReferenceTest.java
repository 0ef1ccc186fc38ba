package io.crmbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigurationReferenceTest {

    @Test
    void theCommittedConfigurationPageIsTheOneTheRegistryGenerates() throws Exception {
        String committed = Files.readString(Path.of("docs", "configuration.md"), StandardCharsets.UTF_8);
        assertThat(committed)
                .as("docs/configuration.md differs from what io.crmbridge.config.Settings generates: run"
                        + " `mvn -o -q process-classes && cp target/generated-docs/configuration.md docs/` and commit it")
                .isEqualTo(ConfigurationReference.markdown());
    }

    @Test
    void thePageHasATableRowForEverySettingAndNamesTheSecretsEnvironmentVariables() {
        String page = ConfigurationReference.markdown();
        for (Setting<?> s : Settings.ALL) {
            assertThat(page).contains("| `" + s.name() + "` | " + s.type().name() + " | ");
        }
        assertThat(page).contains("HUBSPOT_ACCESS_TOKEN").contains("BREVO_API_KEY").contains("CRM_BRIDGE_API_TOKEN")
                .contains("| `crm-bridge.db.password` | text | (empty) |  | text without control characters | L6, E3 | yes |");
    }

    @Test
    void theBuildWritesThePageWhereItsMainIsTold(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path out = dir.resolve("sub").resolve("configuration.md");
        ConfigurationReference.main(new String[] {out.toString()});
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(ConfigurationReference.markdown());
    }
}
