package io.crmbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void parsesEveryFlagIntoPropertyOverrides() {
        CommandLine cl = CommandLine.parse(new String[] {"--once", "--inbox", "in/dir", "--outbox", "out", "--dry-run"});

        assertThat(cl.overrides()).containsExactly(
                org.assertj.core.api.Assertions.entry("crm-bridge.once", "true"),
                org.assertj.core.api.Assertions.entry("crm-bridge.inbox", "in/dir"),
                org.assertj.core.api.Assertions.entry("crm-bridge.outbox", "out"),
                org.assertj.core.api.Assertions.entry("crm-bridge.dry-run", "true"));
        assertThat(cl.camelArgs()).isEmpty();
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
        assertThat(cl.overrides()).containsOnlyKeys("crm-bridge.once");
    }
}
