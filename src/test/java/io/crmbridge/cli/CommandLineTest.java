package io.crmbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void parsesEveryFlagIntoPropertyOverrides() {
        CommandLine cl = CommandLine.parse(new String[] {"--once", "--inbox", "in/dir", "--outbox", "out", "--dry-run"});

        assertThat(cl.overrides()).containsAllEntriesOf(java.util.Map.of(
                "crm-bridge.once", "true",
                "crm-bridge.inbox", "in/dir",
                "crm-bridge.outbox", "out",
                "crm-bridge.dry-run", "true"));
        assertThat(cl.camelArgs()).isEmpty();
    }

    @Test
    void hubSpotEmulatorKeepsTheSandboxSettingsAndNamesWhatItDoesNotUse() {
        CommandLine cl = CommandLine.parse(new String[] {"--hubspot-emulator", "--sandbox.port=8089", "--verbose",
            "--once", "--camel.server.port=8081", "stray"});

        assertThat(cl.hubSpotEmulator()).isTrue();
        assertThat(cl.overrides()).containsEntry("sandbox.port", "8089");
        assertThat(cl.ignoredByEmulator()).containsExactly("--once", "--camel.server.port=8081", "stray");
        assertThat(CommandLine.parse(new String[] {"--once"}).hubSpotEmulator()).isFalse();
    }

    @Test
    void withoutFlagsOverridesNothing() {
        CommandLine cl = CommandLine.parse(new String[0]);

        assertThat(cl.overrides()).isEmpty();
        assertThat(cl.exitStatus()).isZero();
    }

    @Test
    void inboxWithoutValueIsRefused() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--inbox"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--inbox");
    }

    @Test
    void inboxFollowedByAnotherFlagIsRefused() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--inbox", "--once"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--inbox");
    }

    @Test
    void outboxWithoutValueIsRefused() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--once", "--outbox"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--outbox");
    }

    @Test
    void nameEqualsValueSetsThatProperty() {
        CommandLine cl = CommandLine.parse(new String[] {"--camel.server.port=8081", "--once"});

        assertThat(cl.overrides()).containsEntry("camel.server.port", "8081").containsEntry("crm-bridge.once", "true");
        assertThat(cl.camelArgs()).isEmpty();
    }

    @Test
    void passesUnknownArgumentsThroughInOrder() {
        CommandLine cl = CommandLine.parse(new String[] {"-di", "10", "--once", "--properties", "x.properties"});

        assertThat(cl.camelArgs()).containsExactly("-di", "10", "--properties", "x.properties");
        assertThat(cl.overrides()).containsKey("crm-bridge.once").doesNotContainKey("-di");
    }

    @Test
    void onceStartsNoHttpServerAndNoRestRoutes() {
        CommandLine cl = CommandLine.parse(new String[] {"--once"});

        assertThat(cl.overrides()).containsEntry("camel.server.enabled", "false")
                .containsEntry("camel.management.enabled", "false")
                .containsEntry("camel.main.jmx-enabled", "false")
                .containsEntry("camel.main.routes-exclude-pattern", "**/api.yaml");
    }

    @Test
    void onceKeepsWhatTheCommandLineSetsItself() {
        CommandLine cl = CommandLine.parse(new String[] {"--camel.management.enabled=true", "--once"});

        assertThat(cl.overrides()).containsEntry("camel.management.enabled", "true")
                .containsEntry("camel.server.enabled", "false");
    }

    @Test
    void aServiceKeepsItsServers() {
        CommandLine cl = CommandLine.parse(new String[] {"--inbox", "in"});

        assertThat(cl.overrides()).doesNotContainKeys("camel.server.enabled", "camel.management.enabled",
                "camel.main.routes-exclude-pattern");
    }

    @Test
    void verboseBringsTheDetailAndTheThreadsBackToTheConsole() {
        String detail = System.getProperty(CommandLine.LOG_DETAIL_PROPERTY);
        String thread = System.getProperty(CommandLine.LOG_THREAD_PROPERTY);
        try {
            System.clearProperty(CommandLine.LOG_DETAIL_PROPERTY);
            System.clearProperty(CommandLine.LOG_THREAD_PROPERTY);
            CommandLine.parse(new String[] {"--once"}).configureLogging();
            assertThat(System.getProperty(CommandLine.LOG_DETAIL_PROPERTY)).isNull();

            CommandLine cl = CommandLine.parse(new String[] {"--verbose", "--once"});
            cl.configureLogging();

            assertThat(System.getProperty(CommandLine.LOG_DETAIL_PROPERTY)).isEqualTo("INFO");
            assertThat(System.getProperty(CommandLine.LOG_THREAD_PROPERTY)).isEqualTo("[%t] ");
            assertThat(cl.camelArgs()).isEmpty();
            assertThat(cl.once()).isTrue();
        } finally {
            restore(CommandLine.LOG_DETAIL_PROPERTY, detail);
            restore(CommandLine.LOG_THREAD_PROPERTY, thread);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
