package io.crmbridge;

import java.util.Properties;
import java.util.UUID;

/**
 * The ledger settings ({@code crm-bridge.db.url}, {@code .user}, {@code .password}) of a fresh, empty ledger database,
 * for the tests that run the same cases on H2 and on PostgreSQL.
 */
public final class LedgerDatabases {

    private LedgerDatabases() {
    }

    /** An in-memory H2 database of its own, with H2's default user ({@code sa}, the setting's default). */
    public static Properties h2(String prefix) {
        Properties p = new Properties();
        p.setProperty("crm-bridge.db.url", "jdbc:h2:mem:" + prefix + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return p;
    }

    /** A new database on the tests' PostgreSQL server ({@link PostgresServer}), with its user and password. */
    public static Properties postgres(String prefix) {
        Properties p = new Properties();
        p.setProperty("crm-bridge.db.url", PostgresServer.newDatabase(prefix));
        p.setProperty("crm-bridge.db.user", PostgresServer.USER);
        p.setProperty("crm-bridge.db.password", PostgresServer.PASSWORD);
        return p;
    }

    /** {@code settings} with the ledger on a new database of the tests' PostgreSQL server ({@link #postgres}). */
    public static Properties onPostgres(Properties settings, String prefix) {
        Properties p = new Properties();
        p.putAll(settings);
        p.putAll(postgres(prefix));
        return p;
    }
}
