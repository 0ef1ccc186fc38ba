package io.crmbridge.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.LedgerDatabases;
import io.crmbridge.config.Database;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The repository of remembered remote files on a ledger database migrated by the application's own Flyway migrations
 * (V14), on H2 and on the tests' PostgreSQL: a key is added once, known afterwards, and forgotten on demand.
 */
class RememberedRemoteFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void remembersEachKeyOnce(String kind) throws Exception {
        Properties p = "h2".equals(kind) ? LedgerDatabases.h2("remembered") : LedgerDatabases.postgres("remembered");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setInitialProperties(p);
            Database database = Database.open(camel.getPropertiesComponent(), false);
            database.awaitReady();
            try {
                RememberedRemoteFiles a = new RememberedRemoteFiles(database.dataSource());
                RememberedRemoteFiles b = new RememberedRemoteFiles(database.dataSource());
                String key = "sftp://sftp.example.com:22/exports/contacts.csv 1234 1764930000000";
                assertThat(a.contains(key)).isFalse();
                assertThat(a.add(key)).isTrue();
                assertThat(b.add(key)).as("a second instance, or a restart").isFalse();
                assertThat(b.contains(key)).isTrue();
                assertThat(b.contains(key.replace("1234", "1235"))).as("another version of the file").isFalse();
                assertThat(a.remove(key)).isTrue();
                assertThat(b.contains(key)).isFalse();
                assertThat(b.add(key)).isTrue();
            } finally {
                database.stop();
            }
        }
    }
}
