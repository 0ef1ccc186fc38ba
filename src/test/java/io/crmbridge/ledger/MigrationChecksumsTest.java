package io.crmbridge.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/**
 * The shipped migrations (src/main/resources/db/migration) never change. Flyway checks, before it migrates, that
 * every migration a database has applied still has the checksum it had then (validateOnMigrate, on by default),
 * and its checksum covers the whole file, SQL comments included: a ledger database migrated by an earlier file
 * refuses to open ("Migration checksum mismatch"). A change to the schema is a new migration.
 */
class MigrationChecksumsTest {

    /** Flyway's checksum of each shipped migration, by version. */
    private static final Map<String, Integer> SHIPPED = Map.of(
            "1", -1858089451,
            "2", -218476669,
            "3", -2128852868,
            "4", -1131944310,
            "5", 1035993220);

    @Test
    void noShippedMigrationChanged() {
        Map<String, Integer> found = new LinkedHashMap<>();
        for (MigrationInfo m : Flyway.configure().dataSource("jdbc:h2:mem:migration-checksums", "sa", "")
                .locations("classpath:db/migration").load().info().all()) {
            found.put(m.getVersion().getVersion(), m.getChecksum());
        }

        assertThat(found).as("a shipped migration was edited: databases migrated by the old file would refuse to"
                + " open; revert it and add a new migration").containsAllEntriesOf(SHIPPED);
    }
}
