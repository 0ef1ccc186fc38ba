package io.crmbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {

    @Test
    void parsesEveryFlagIntoPropertyOverrides() {
        CommandLine cl = CommandLine.parse(new String[] {"--once", "--inbox", "in/dir", "--outbox", "out", "--dry-run"});

        assertThat(cl.overrides()).containsAllEntriesOf(java.util.Map.of(
                "crm-bridge.once", "true",
                "crm-bridge.inbox", "in/dir",
                "crm-bridge.outbox", "out",
                "crm-bridge.dry-run", "true"));
    }

    @Test
    void undoTakesARunNumberStartsNoRouteByItselfAndNoServerAndRefusesAnythingElse() {
        CommandLine cl = CommandLine.parse(new String[] {"--undo", "12", "--dry-run"});

        assertThat(cl.undoRun()).hasValue(12L);
        assertThat(cl.dryRun()).isTrue();
        assertThat(cl.once()).isFalse();
        assertThat(cl.overrides()).containsEntry("camel.main.auto-startup", "false")
                .containsEntry("camel.server.enabled", "false");
        assertThat(CommandLine.parse(new String[] {"--undo=3", "--camel.server.enabled=true"}).overrides())
                .containsEntry("camel.server.enabled", "true");
        assertThat(CommandLine.parse(new String[] {"--undo=3"}).undoRun()).hasValue(3L);
        assertThat(CommandLine.parse(new String[] {"--once"}).undoRun()).isEmpty();
        assertThat(CommandLine.parse(new String[] {"--once"}).overrides()).doesNotContainKey("camel.main.auto-startup");
        for (String[] args : new String[][] {{"--undo", "abc"}, {"--undo=0"}, {"--undo", "-4"}, {"--undo"},
            {"--undo", "2", "--once"}}) {
            assertThatThrownBy(() -> CommandLine.parse(args)).as(String.join(" ", args))
                    .isInstanceOf(CommandLine.Refused.class).hasMessageContaining("--undo");
        }
    }

    @Test
    void hubSpotEmulatorKeepsTheSandboxSettingsAndNamesWhatItDoesNotUse() {
        CommandLine cl = CommandLine.parse(new String[] {"--hubspot-emulator", "--sandbox.port=8089", "--verbose",
            "--once", "--camel.server.port=8081", "--inbox", "in"});

        assertThat(cl.hubSpotEmulator()).isTrue();
        assertThat(cl.overrides()).containsEntry("sandbox.port", "8089");
        assertThat(cl.ignoredByEmulator()).containsExactly("--once", "--camel.server.port=8081", "--inbox", "in");
        assertThat(CommandLine.parse(new String[] {"--once"}).hubSpotEmulator()).isFalse();
    }

    @Test
    void withoutFlagsOverridesNothing() {
        CommandLine cl = CommandLine.parse(new String[0]);

        assertThat(cl.overrides()).isEmpty();
        assertThat(cl.exitStatus()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--inbox             | --inbox needs a value: --inbox DIR",
        "--inbox --once      | --inbox needs a value: --inbox DIR",
        "--once --outbox     | --outbox needs a value: --outbox DIR",
        "--once --config     | --config needs a value: --config FILE"})
    void flagWithoutItsValueIsRefused(String args, String message) {
        assertThatThrownBy(() -> CommandLine.parse(args.split(" ")))
                .isInstanceOf(CommandLine.Refused.class)
                .hasMessage(message);
    }

    @Test
    void unknownOptionIsRefusedByName() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--once", "--bogus-flag", "1"}))
                .isInstanceOf(CommandLine.Refused.class)
                .hasMessage("unknown option --bogus-flag");
    }

    @Test
    void camelMainsOwnOptionsAreRefusedToo() {
        // Camel Main parses no argument: its settings are properties (--camel.main.duration-max-seconds=10)
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"-di", "10"}))
                .isInstanceOf(CommandLine.Refused.class).hasMessage("unknown option -di");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--properties", "x.properties"}))
                .isInstanceOf(CommandLine.Refused.class).hasMessage("unknown option --properties");
    }

    @Test
    void argumentThatIsNoFlagIsRefused() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--once", "contacts.csv"}))
                .isInstanceOf(CommandLine.Refused.class)
                .hasMessage("unknown argument contacts.csv");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--=x"}))
                .isInstanceOf(CommandLine.Refused.class)
                .hasMessage("unknown option --=x");
    }

    @Test
    void helpStopsTheParseWhateverFollows() {
        for (String flag : new String[] {"--help", "-h"}) {
            CommandLine cl = CommandLine.parse(new String[] {"--once", flag, "--bogus-flag"});

            assertThat(cl.help()).as(flag).isTrue();
            assertThat(cl.overrides()).as(flag).isEmpty();
        }
        assertThat(CommandLine.parse(new String[] {"--once"}).help()).isFalse();
    }

    @Test
    void usageNamesEveryFlag() {
        String usage = CommandLine.usage();

        assertThat(usage).startsWith("Usage: crm-bridge [options]");
        for (String flag : new String[] {"--once", "--dry-run", "--inbox DIR", "--outbox DIR", "--verbose",
            "--undo RUN", "--check-portal", "--hubspot-emulator", "--config FILE", "--name=value", "-h, --help"}) {
            assertThat(usage).contains("\n  " + flag + " ");
        }
    }

    @Test
    void theCommandLinePageShowsTheUsageThatHelpPrints() throws Exception {
        String page = Files.readString(Path.of("docs", "command-line.md"));

        assertThat(page).as("docs/command-line.md must show src/main/resources" + CommandLine.USAGE_RESOURCE
                + " verbatim in a code block").contains("```\n" + CommandLine.usage() + "```\n");
    }

    @Test
    void configSetsTheAbsolutePathOfTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("crm.properties"), "crm-bridge.batch-size=50\n");

        CommandLine cl = CommandLine.parse(new String[] {"--config", file.toString(), "--once"});

        assertThat(cl.overrides()).containsEntry(CommandLine.CONFIG_FILE_PROPERTY, file.toAbsolutePath().toString());
        assertThat(CommandLine.parse(new String[] {"--config=" + file}).overrides())
                .containsEntry(CommandLine.CONFIG_FILE_PROPERTY, file.toAbsolutePath().toString());
    }

    @Test
    void configWithAMissingFileIsRefused(@TempDir Path dir) {
        Path missing = dir.resolve("missing.properties");

        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--config", missing.toString()}))
                .isInstanceOf(CommandLine.Refused.class)
                .hasMessage("--config " + missing + ": no such file (" + missing + ")");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--crm-bridge.config-file=" + missing}))
                .isInstanceOf(CommandLine.Refused.class).hasMessageContaining("no such file");
    }

    @Test
    void configThatIsAFolderIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--config", dir.toString()}))
                .isInstanceOf(CommandLine.Refused.class)
                .hasMessage("--config " + dir + ": not a readable file (" + dir + ")");
    }

    @Test
    void valueFlagsTakeTheirValueAfterAnEqualsSignToo() {
        CommandLine cl = CommandLine.parse(new String[] {"--inbox=in", "--outbox=out"});

        assertThat(cl.overrides()).containsEntry("crm-bridge.inbox", "in").containsEntry("crm-bridge.outbox", "out")
                .doesNotContainKeys("inbox", "outbox");
    }

    @Test
    void nameEqualsValueSetsThatProperty() {
        CommandLine cl = CommandLine.parse(new String[] {"--camel.server.port=8081", "--once"});

        assertThat(cl.overrides()).containsEntry("camel.server.port", "8081").containsEntry("crm-bridge.once", "true");
    }

    @Test
    void nameEqualsValueKeepsEverythingAfterTheFirstEqualsSign() {
        CommandLine cl = CommandLine.parse(new String[] {"--crm-bridge.sync.cron=0+0/5+*+*+*+?", "--sandbox.scopes=",
            "--camel.main.name=a=b"});

        assertThat(cl.overrides()).containsEntry("crm-bridge.sync.cron", "0+0/5+*+*+*+?")
                .containsEntry("sandbox.scopes", "").containsEntry("camel.main.name", "a=b");
    }

    @Test
    void onceStartsNoHttpServerAndNoRestRoutes() {
        CommandLine cl = CommandLine.parse(new String[] {"--once"});

        assertThat(cl.overrides()).containsEntry("camel.server.enabled", "false")
                .containsEntry("camel.management.enabled", "false")
                .containsEntry("camel.main.jmx-enabled", "false")
                .containsEntry("camel.main.routes-exclude-pattern", "**/api.yaml,**/rows.yaml,**/console.yaml,**/console-*.yaml");
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
