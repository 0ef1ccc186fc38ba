package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The emulator's settings follow a crm-bridge run's precedence: -D over the command line over the default. */
class SandboxSettingsTest {

    @Test
    void aSystemPropertyWinsOverTheCommandLineWhichWinsOverTheDefault() {
        String name = Settings.SANDBOX_MAX_BATCH_INPUTS.name();
        String before = System.getProperty(name);
        try {
            System.clearProperty(name);
            assertThat(SandboxSettings.layered(Map.of()).get(Settings.SANDBOX_MAX_BATCH_INPUTS)).isEqualTo(100);
            assertThat(SandboxSettings.layered(Map.of(name, "50")).get(Settings.SANDBOX_MAX_BATCH_INPUTS))
                    .isEqualTo(50);

            System.setProperty(name, "20");
            assertThat(SandboxSettings.layered(Map.of(name, "50")).get(Settings.SANDBOX_MAX_BATCH_INPUTS))
                    .isEqualTo(20);
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }
}
