package io.crmbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmbridge.LedgerDatabases;
import jakarta.persistence.EntityManager;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.metamodel.EntityType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger database opened the way the application opens it: migrated and built on a thread of its own,
 * Hibernate's named queries compiled when first used (so every one is compiled here), and a failed migration
 * failing the start of the service.
 */
class DatabaseTest {

    private final CamelContext camel = new DefaultCamelContext();
    private Database database;

    @AfterEach
    void close() throws Exception {
        if (database != null) {
            database.stop();
        }
        camel.close();
    }

    @Test
    void everyNamedQueryOfEveryEntityCompiles() {
        database = open("jdbc:h2:mem:db-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        database.start();

        List<String> names = new ArrayList<>();
        EntityManager em = database.entityManagerFactory().createEntityManager();
        try {
            for (EntityType<?> entity : em.getMetamodel().getEntities()) {
                for (NamedQuery query : entity.getJavaType().getAnnotationsByType(NamedQuery.class)) {
                    // createNamedQuery parses and checks the HQL against the mapping: a wrong name or type throws
                    em.createNamedQuery(query.name());
                    names.add(query.name());
                }
            }
        } finally {
            em.close();
        }
        assertThat(names).as("the ledger's named queries, found on the entities")
                .contains("ImportRun.completed", "ImportRun.running", "PendingLink.count", "AssociationLink.fromKeys");
        assertThatThrownBy(() -> database.entityManagerFactory().createEntityManager()
                .createNamedQuery("NoSuchQuery")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedMigrationFailsTheStartWithItsOwnMessage() throws Exception {
        // a database that already holds another application's table: Flyway refuses to migrate it
        String url = "jdbc:h2:mem:db-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement()) {
            s.execute("create table someone_elses (id int)");
        }
        database = open(url);

        assertThatThrownBy(database::start).hasMessageContaining("non-empty schema");
        assertThatThrownBy(() -> database.entityManagerFactory().createEntityManager())
                .hasMessageContaining("non-empty schema");
    }

    @Test
    void aPostgresqlLedgerIsMigratedAtStartAndItsUrlLeftAsGiven() throws Exception {
        Properties settings = LedgerDatabases.postgres("db");
        String url = settings.getProperty("crm-bridge.db.url");
        camel.getPropertiesComponent().setInitialProperties(settings);
        database = Database.open(camel.getPropertiesComponent(), false);
        database.start();

        assertThat(database.url()).as("no H2 option added").isEqualTo(url);
        assertThat(database.inMemory()).isFalse();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select count(*) from flyway_schema_history where success")) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("V1..V9 applied").isGreaterThanOrEqualTo(9);
        }
    }

    private Database open(String url) {
        Properties p = new Properties();
        p.setProperty("crm-bridge.db.url", url);
        camel.getPropertiesComponent().setInitialProperties(p);
        return Database.open(camel.getPropertiesComponent(), true);
    }
}
