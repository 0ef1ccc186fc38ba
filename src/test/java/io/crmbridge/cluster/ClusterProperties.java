package io.crmbridge.cluster;

import io.crmbridge.PostgresServer;
import java.util.Properties;

/** The properties of an instance in cluster mode on a fresh database of the tests' PostgreSQL ({@link PostgresServer}). */
public final class ClusterProperties {

    private ClusterProperties() {
    }

    /**
     * {@code crm-bridge.cluster.enabled = true} and {@code crm-bridge.db.url}, {@code .user}, {@code .password} of a
     * new empty database.
     *
     * @param databasePrefix a readable start of the database's name (letters, digits, underscores)
     */
    public static Properties onNewDatabase(String databasePrefix) {
        Properties p = new Properties();
        p.setProperty("crm-bridge.cluster.enabled", "true");
        p.setProperty("crm-bridge.db.url", PostgresServer.newDatabase(databasePrefix));
        p.setProperty("crm-bridge.db.user", PostgresServer.USER);
        p.setProperty("crm-bridge.db.password", PostgresServer.PASSWORD);
        return p;
    }
}
