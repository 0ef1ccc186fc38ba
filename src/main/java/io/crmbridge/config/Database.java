package io.crmbridge.config;

import io.crmbridge.ledger.AssociationLink;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.ledger.PendingLink;
import io.crmbridge.ledger.RecordKey;
import io.crmbridge.sales.store.ClientRecommendation;
import io.crmbridge.sales.store.ClientScore;
import io.crmbridge.sales.store.LedgerClient;
import io.crmbridge.sales.store.LedgerProduct;
import io.crmbridge.sales.store.SalesImport;
import io.crmbridge.sales.store.SalesLine;
import io.crmbridge.sync.SyncRun;
import io.crmbridge.sync.SyncedContact;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jpa.JpaComponent;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * The database behind the ledger: an H2 connection pool ({@code crm-bridge.db.url}, file mode by
 * default), schema by Flyway migrations (db/migration), Hibernate's EntityManagerFactory on top.
 * A Camel service: closed when Camel stops.
 */
public final class Database extends ServiceSupport {

    private final JdbcConnectionPool pool;
    private final EntityManagerFactory emf;

    private Database(JdbcConnectionPool pool, EntityManagerFactory emf) {
        this.pool = pool;
        this.emf = emf;
    }

    /**
     * Opens the pool, migrates the schema and builds the EntityManagerFactory. Without a configured
     * {@code crm-bridge.db.url}, a real portal gets the file database {@code ./var/crm-bridge} and the
     * sandbox an in-memory one: the sandbox forgets its records when the process ends, and a ledger
     * that outlived them would wrongly skip records as unchanged.
     */
    public static Database open(PropertiesComponent p, boolean sandbox) {
        String url = BridgeSettings.get(p, "crm-bridge.db.url", "");
        if (url.isBlank()) {
            url = sandbox ? "jdbc:h2:mem:crm-bridge-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
                    : "jdbc:h2:file:./var/crm-bridge";
        }
        url = closedByTheApplication(url);
        JdbcConnectionPool pool = JdbcConnectionPool.create(url,
                BridgeSettings.get(p, "crm-bridge.db.user", "sa"), BridgeSettings.get(p, "crm-bridge.db.password", ""));
        pool.setMaxConnections(Integer.parseInt(BridgeSettings.get(p, "crm-bridge.db.max-connections", "8")));
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        EntityManagerFactory emf = new HibernatePersistenceConfiguration("crm-bridge")
                .managedClasses(ImportRun.class, RecordKey.class, PendingLink.class, AssociationLink.class,
                        SyncedContact.class, SyncRun.class, LedgerClient.class, LedgerProduct.class, SalesLine.class,
                        SalesImport.class, ClientScore.class, ClientRecommendation.class)
                .property("hibernate.connection.datasource", pool)
                .property("hibernate.hbm2ddl.auto", "none")
                .property("hibernate.jdbc.batch_size", "100")
                .createEntityManagerFactory();
        return new Database(pool, emf);
    }

    /**
     * An H2 URL with {@code DB_CLOSE_ON_EXIT=FALSE} unless it says otherwise: by default H2 closes the database in
     * its own JVM shutdown hook, while Camel is still finishing the batch in flight on SIGTERM, whose ledger
     * write then fails. The database is closed by this service when Camel stops instead.
     */
    static String closedByTheApplication(String url) {
        if (!url.startsWith("jdbc:h2:") || url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
            return url;
        }
        return url + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public EntityManagerFactory entityManagerFactory() {
        return emf;
    }

    /** The connection pool itself: for the readiness check's {@code select 1} (io.crmbridge.ops). */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * Points the camel-jpa component at this EntityManagerFactory, with a shared entity manager and
     * no transaction joining (a plain Hibernate EMF otherwise fails writes with "No active
     * transaction": DESIGN.md, Camel pitfalls).
     */
    public void configureJpaComponent(CamelContext context) {
        JpaComponent jpa = context.getComponent("jpa", JpaComponent.class);
        jpa.setEntityManagerFactory(emf);
        jpa.setSharedEntityManager(true);
        jpa.setJoinTransaction(false);
    }

    @Override
    protected void doStop() {
        emf.close();
        pool.dispose();
    }
}
