package io.crmbridge.config;

import com.zaxxer.hikari.HikariDataSource;
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
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jpa.JpaComponent;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * The database behind the ledger: a HikariCP connection pool ({@code crm-bridge.db.url}, an H2 file by
 * default, or PostgreSQL), schema by Flyway migrations (db/migration, portable SQL), Hibernate's EntityManagerFactory
 * on top, its dialect taken from the connection.
 * A Camel service: closed when Camel stops.
 *
 * <p>The migration and Hibernate's boot run on threads of their own from {@link #open} on, while the rest of the
 * application is wired and its routes are read: {@link #entityManagerFactory()} stands for the factory being built
 * (a call waits for it), and starting this service waits for it, so that a failed migration still fails the
 * start-up before any file is taken.
 *
 * <p>HikariCP rather than H2's own {@code JdbcConnectionPool}: H2's pool rolls every connection back when it
 * hands it out, and a rollback empties the H2 session's cache of parsed statements, so the ledger's statements,
 * the same few SQL strings for every batch, were parsed again for every batch (docs/benchmarks.md). HikariCP rolls
 * back only a connection returned with uncommitted work.
 */
public final class Database extends ServiceSupport {

    private final HikariDataSource pool;
    private final CompletableFuture<EntityManagerFactory> built;
    private final EntityManagerFactory emf;

    private Database(HikariDataSource pool, CompletableFuture<EntityManagerFactory> built) {
        this.pool = pool;
        this.built = built;
        this.emf = PendingEntityManagerFactory.of(built);
    }

    /**
     * Configures the pool, then migrates the schema (thread {@code ledger-database-migrate}) and builds the
     * EntityManagerFactory (thread {@code ledger-database-open}) side by side (see {@link #awaitReady}). Without a
     * configured
     * {@code crm-bridge.db.url}, a real portal gets the file database {@code ./var/crm-bridge} and the
     * sandbox an in-memory one: the sandbox forgets its records when the process ends, and a ledger
     * that outlived them would wrongly skip records as unchanged.
     */
    public static Database open(PropertiesComponent p, boolean sandbox) {
        String url = Settings.DB_URL.read(p);
        if (url.isBlank()) {
            url = sandbox ? "jdbc:h2:mem:crm-bridge-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
                    : "jdbc:h2:file:./var/crm-bridge";
        }
        url = closedByTheApplication(url);
        // configured, not started: the pool starts (and connects) with the first connection the migration asks for,
        // on the thread below
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("ledger");
        pool.setJdbcUrl(url);
        pool.setUsername(Settings.DB_USER.read(p));
        pool.setPassword(Settings.DB_PASSWORD.read(p));
        pool.setMaximumPoolSize(Settings.DB_MAX_CONNECTIONS.read(p));
        // connections are opened as the work asks for them: most runs use one or two
        pool.setMinimumIdle(1);
        // Hibernate's boot reads no table (no schema validation, named queries compiled at first use), so it runs
        // beside the migration; the factory is handed out only once both are done
        CompletableFuture<Void> migrated = onThreadOfItsOwn("ledger-database-migrate", () -> {
            EditedMigrations.migrate(Flyway.configure().dataSource(pool).locations("classpath:db/migration").load());
            return null;
        });
        CompletableFuture<EntityManagerFactory> booted = onThreadOfItsOwn("ledger-database-open", () -> build(pool));
        CompletableFuture<EntityManagerFactory> built = migrated.thenCompose(done -> booted);
        CompletableFuture.allOf(migrated, booted).whenComplete((done, failure) -> {
            if (failure != null) {
                // a failed migration must not leave the pool's connections (and an H2 file's lock) open
                booted.thenAccept(EntityManagerFactory::close);
                pool.close();
            }
        });
        return new Database(pool, built);
    }

    /** Runs {@code work} on a daemon thread named {@code name}; the future completes with its result or failure. */
    private static <T> CompletableFuture<T> onThreadOfItsOwn(String name, java.util.concurrent.Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static EntityManagerFactory build(HikariDataSource pool) {
        return new HibernatePersistenceConfiguration("crm-bridge")
                .managedClasses(ImportRun.class, RecordKey.class, PendingLink.class, AssociationLink.class,
                        SyncedContact.class, SyncRun.class, LedgerClient.class, LedgerProduct.class,
                        SalesLine.class, SalesImport.class, ClientScore.class, ClientRecommendation.class)
                .property("hibernate.connection.datasource", pool)
                .property("hibernate.hbm2ddl.auto", "none")
                .property("hibernate.jdbc.batch_size", "100")
                // start-up cost, not behaviour: no entity has a lazy association or is read by reference, so no
                // proxy class need be generated per entity (ByteBuddy, ~0.5 s of every start), and the named
                // queries are compiled when first used instead of at boot (DatabaseTest compiles every one)
                .property("hibernate.bytecode.provider", "none")
                .property("hibernate.query.startup_check", "false")
                .createEntityManagerFactory();
    }

    /**
     * Waits until the schema is migrated and the EntityManagerFactory built.
     *
     * @throws RuntimeException the migration's or Hibernate's failure, e.g. a database file another process holds
     */
    public void awaitReady() {
        PendingEntityManagerFactory.await(built);
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

    /** The EntityManagerFactory, usable at once: a call made before it is built waits for it. */
    public EntityManagerFactory entityManagerFactory() {
        return emf;
    }

    /** True when the ledger lives in this process's memory ({@code jdbc:h2:mem:}) and is lost when it exits. */
    public boolean inMemory() {
        return pool.getJdbcUrl().startsWith("jdbc:h2:mem:");
    }

    /** The JDBC URL in effect, as configured or defaulted: it may carry credentials, so mask it before showing it. */
    public String url() {
        return pool.getJdbcUrl();
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
    protected void doStart() {
        awaitReady();
    }

    @Override
    protected void doStop() {
        // a start-up that failed elsewhere may stop this service while it is still being built
        try {
            awaitReady();
            emf.close();
        } catch (RuntimeException e) {
            // the build failed: the pool is already closed, nothing was opened on it
        }
        pool.close();
    }
}
