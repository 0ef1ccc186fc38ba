package io.crmbridge;

import com.zaxxer.hikari.HikariDataSource;
import io.crmbridge.config.EditedMigrations;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * A fresh database of {@link PostgresServer} migrated to the ledger's schema, and connection pools on it, one
 * for each instance a test plays; {@link #close()} closes them all.
 */
public final class PostgresPools implements AutoCloseable {

    private final String url;
    private final List<HikariDataSource> pools = new ArrayList<>();

    private PostgresPools(String url) {
        this.url = url;
    }

    /** A new database named after {@code prefix}, with every migration of {@code db/migration} applied. */
    public static PostgresPools migrated(String prefix) {
        PostgresPools database = new PostgresPools(PostgresServer.newDatabase(prefix));
        EditedMigrations.migrate(Flyway.configure().dataSource(database.newPool(2)).locations("classpath:db/migration")
                .load());
        return database;
    }

    /** A pool of at most {@code size} connections of its own, as each instance has. */
    public HikariDataSource newPool(int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(PostgresServer.USER);
        pool.setPassword(PostgresServer.PASSWORD);
        pool.setMaximumPoolSize(size);
        pools.add(pool);
        return pool;
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
    }
}
