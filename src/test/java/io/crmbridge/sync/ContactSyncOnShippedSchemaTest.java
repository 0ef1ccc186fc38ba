package io.crmbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.SandboxRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/**
 * The contact sync on an H2 ledger created by the first shipped V2, whose {@code synced_contact.properties} is a CLOB:
 * the shipped V2 now says {@code text}, which a new H2 database makes CHARACTER VARYING, but a database migrated
 * before keeps its CLOB, and the entity's properties (a plain string) must still be written and read there.
 */
class ContactSyncOnShippedSchemaTest extends ContactSyncTestSupport {

    private static final String PORTABLE_COLUMN = "    properties       text         not null,";

    private String url;

    @Override
    protected Properties syncProperties() {
        url = "jdbc:h2:mem:shipped-v2-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        // V1 from the application's migrations, then V2 as first shipped; the application migrates V3 on at start
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration")
                .target(MigrationVersion.fromVersion("1")).load().migrate();
        Flyway.configure().dataSource(url, "sa", "").locations("filesystem:" + shippedV2())
                .ignoreMigrationPatterns("*:missing").load().migrate();
        return properties("sandbox.seed-contacts", DATASETS.resolve("customers-10000.csv").toString(),
                "crm-bridge.db.url", url);
    }

    @Test
    void aFullAndAnIncrementalSyncWriteAndReadThePropertiesOfAClobColumn() throws SQLException {
        assertThat(propertiesColumnType()).as("the database keeps the column its first V2 made")
                .isEqualTo("CHARACTER LARGE OBJECT");

        assertThat(sync("FULL").status()).isEqualTo(SyncRun.Status.COMPLETED);

        List<SandboxRecord> all = sandboxContacts();
        assertThat(store().contacts()).hasSize(all.size());
        SandboxRecord first = all.get(0);
        SyncedContact stored = store().contact(first.id()).orElseThrow();
        assertThat(stored.getProperties()).contains("\"email\":\"" + first.property("email") + "\"")
                .contains("\"lifecyclestage\"");

        sandbox().state().update(ObjectType.CONTACTS, first.id(), Map.of("jobtitle", "Keeper of the CLOB"));
        assertThat(sync("INCREMENTAL").status()).isEqualTo(SyncRun.Status.COMPLETED);

        SyncedContact updated = store().contact(first.id()).orElseThrow();
        assertThat(updated.getJobtitle()).isEqualTo("Keeper of the CLOB");
        assertThat(updated.getProperties()).contains("\"jobtitle\":\"Keeper of the CLOB\"");
        assertThat(propertiesColumnType()).isEqualTo("CHARACTER LARGE OBJECT");
    }

    /**
     * A folder holding V2 as first shipped: the current file with {@code clob} where it says {@code text}, the rest
     * byte for byte (the application's start accepts it only with the checksum it was shipped with).
     */
    private static Path shippedV2() {
        try (InputStream in = ContactSyncOnShippedSchemaTest.class.getResourceAsStream(
                "/db/migration/V2__contact_sync.sql")) {
            String current = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String shipped = current.replace(PORTABLE_COLUMN, "    properties      clob          not null,");
            assertThat(shipped).as("V2 declares the properties column as expected").isNotEqualTo(current);
            Path folder = Files.createTempDirectory("contact-sync-as-shipped");
            Files.writeString(folder.resolve("V2__contact_sync.sql"), shipped);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String propertiesColumnType() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select data_type from information_schema.columns"
                     + " where lower(table_name) = 'synced_contact' and lower(column_name) = 'properties'")) {
            assertThat(rs.next()).as("synced_contact.properties exists").isTrue();
            return rs.getString(1);
        }
    }
}
