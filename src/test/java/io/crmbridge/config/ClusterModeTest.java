package io.crmbridge.config;

import static io.crmbridge.config.HubSpotConnectionSandboxConfigTest.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Several instances need one PostgreSQL database (ClusterMode, docs/cluster.md): anything else is refused. */
class ClusterModeTest {

    @Test
    void offByDefaultWhateverTheDatabase() {
        assertThat(ClusterMode.enabled(properties())).isFalse();
        assertThat(ClusterMode.enabled(properties("crm-bridge.db.url", "jdbc:h2:file:./var/x"))).isFalse();
    }

    @Test
    void onWithAPostgreSqlDatabase() {
        assertThat(ClusterMode.enabled(properties("crm-bridge.cluster.enabled", "true",
                "crm-bridge.db.url", "jdbc:postgresql://db:5432/crm"))).isTrue();
    }

    @Test
    void refusesAnH2DatabaseInOneLineWithoutTheUrl() {
        assertThatThrownBy(() -> ClusterMode.enabled(properties("crm-bridge.cluster.enabled", "true",
                "crm-bridge.db.url", "jdbc:h2:file:./var/crm;PASSWORD=canary-secret")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("crm-bridge.cluster.enabled = true needs a PostgreSQL database all instances share:"
                        + " crm-bridge.db.url (jdbc:postgresql://host:port/db) is a h2 database");
    }

    @Test
    void refusesAnEmptyDatabaseUrl() {
        assertThatThrownBy(() -> ClusterMode.enabled(properties("crm-bridge.cluster.enabled", "true")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageEndingWith("is empty (an H2 database of this instance's own)")
                .hasMessageNotContaining("\n");
    }
}
