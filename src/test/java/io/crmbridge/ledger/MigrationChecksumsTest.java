package io.crmbridge.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmbridge.config.EditedMigrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/**
 * The shipped migrations (src/main/resources/db/migration) never change their schema. Flyway checks, before it
 * migrates, that every migration a database has applied still has the checksum it had then (validateOnMigrate, on
 * by default), and its checksum covers the whole file, SQL comments included: a ledger database migrated by an
 * earlier file refuses to open ("Migration checksum mismatch") unless the edit is one {@link EditedMigrations}
 * knows. A change to the schema is a new migration.
 */
class MigrationChecksumsTest {

    /** Flyway's checksum of each shipped migration as it is now, by version. */
    private static final Map<String, Integer> CURRENT = Map.ofEntries(
            Map.entry("1", -1858089451),
            Map.entry("2", 1727372032),
            Map.entry("3", 527409659),
            Map.entry("4", 242374370),
            Map.entry("5", 1351947090),
            Map.entry("6", 1998435671),
            Map.entry("7", 581694966),
            Map.entry("8", 481713047),
            Map.entry("9", -1281612312),
            Map.entry("10", -859286072),
            Map.entry("11", 1405749436),
            Map.entry("12", 531849137),
            Map.entry("13", -1843620066),
            Map.entry("14", -240942960),
            Map.entry("15", 1769212074),
            Map.entry("16", -607312251),
            Map.entry("17", 162122360));

    @Test
    void noShippedMigrationChanged() {
        Map<String, Integer> found = new LinkedHashMap<>();
        for (MigrationInfo m : flyway("checksums").info().all()) {
            found.put(m.getVersion().getVersion(), m.getChecksum());
        }

        assertThat(found).as("a shipped migration was edited: databases migrated by the old file would refuse to"
                + " open; revert it and add a new migration, or, for a comment-only edit, record the file's earlier"
                + " checksum in EditedMigrations").containsAllEntriesOf(CURRENT);
    }

    @Test
    void aDatabaseMigratedByTheFirstShippedFilesOpensAndItsHistoryIsRealigned() throws SQLException {
        String name = "shipped-" + UUID.randomUUID();
        flyway(name).migrate();
        setAppliedChecksum(name, "2", -218476669);
        // V3 as shipped before its types were made portable (double precision)
        setAppliedChecksum(name, "3", 1353218829);
        setAppliedChecksum(name, "5", 1035993220);
        assertThatThrownBy(() -> flyway(name).migrate()).as("Flyway alone refuses the earlier checksums")
                .isInstanceOf(FlywayException.class).hasMessageContaining("checksum mismatch");

        EditedMigrations.migrate(flyway(name));

        for (MigrationInfo m : flyway(name).info().applied()) {
            assertThat(m.getAppliedChecksum()).as("V" + m.getVersion()).isEqualTo(m.getResolvedChecksum());
        }
    }

    @Test
    void anUnknownChecksumStillStopsTheStart() throws SQLException {
        String name = "unknown-" + UUID.randomUUID();
        flyway(name).migrate();
        setAppliedChecksum(name, "3", 12345);

        assertThatThrownBy(() -> EditedMigrations.migrate(flyway(name))).isInstanceOf(FlywayException.class)
                .hasMessageContaining("checksum mismatch");
        assertThat(flyway(name).info().applied()).filteredOn(m -> m.getVersion().getVersion().equals("3"))
                .extracting(MigrationInfo::getAppliedChecksum).containsExactly(12345);
    }

    private static Flyway flyway(String name) {
        return Flyway.configure().dataSource(url(name), "sa", "").locations("classpath:db/migration").load();
    }

    private static String url(String name) {
        return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    }

    private static void setAppliedChecksum(String name, String version, int checksum) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(name), "sa", "");
             PreparedStatement update = c.prepareStatement(
                     "update \"flyway_schema_history\" set \"checksum\" = ? where \"version\" = ?")) {
            update.setInt(1, checksum);
            update.setString(2, version);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
