package io.crmbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupPropertiesTest {

    @TempDir
    Path dir;

    @Test
    void theExampleConfigurationFilePassesTheChecks() {
        Map<String, String> example = StartupProperties.configurationFile("docs/examples/crm-bridge.properties");
        assertThat(example).containsEntry("hubspot.sandbox", "false").containsKey("crm-bridge.inbox");
        Settings.validate(example);
        assertThat(StartupProperties.resolve(Map.of("crm-bridge.config-file", "docs/examples/crm-bridge.properties")))
                .containsAllEntriesOf(example);
    }

    @Test
    void theFilesPropertiesComeUnderTheCommandLines() throws Exception {
        Path file = Files.writeString(dir.resolve("crm-bridge.properties"),
                "crm-bridge.batch-size = 50\ncrm-bridge.outbox = from-file\ncamel.server.port = 8181\n");

        Map<String, String> resolved = StartupProperties.resolve(Map.of("crm-bridge.config-file", file.toString(),
                "crm-bridge.outbox", "from-command-line"));

        assertThat(resolved).containsEntry("crm-bridge.batch-size", "50")
                .containsEntry("crm-bridge.outbox", "from-command-line").containsEntry("camel.server.port", "8181");
    }

    @Test
    void anUnknownPropertyInTheFileStopsTheStart() throws Exception {
        Path file = Files.writeString(dir.resolve("crm-bridge.properties"), "brevo.folder = x\n");
        assertThatThrownBy(() -> StartupProperties.resolve(Map.of("crm-bridge.config-file", file.toString())))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("unknown property brevo.folder (did you mean brevo.folder-name?)");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nowhere.properties");
        assertThatThrownBy(() -> StartupProperties.resolve(Map.of("crm-bridge.config-file", missing.toString())))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("crm-bridge.config-file = " + missing + ": cannot be read (NoSuchFileException");
    }

    @Test
    void theCommandLineIsCheckedBeforeTheFileIsRead() {
        assertThatThrownBy(() -> StartupProperties.resolve(Map.of("crm-bridge.config-file", "nowhere",
                "sandbox.port", "70000")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("sandbox.port = 70000: an integer from 0 to 65535");
    }
}
