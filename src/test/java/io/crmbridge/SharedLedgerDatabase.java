package io.crmbridge;

import io.crmbridge.config.Database;
import io.crmbridge.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One ledger database that several {@link Database}s open at once, each with a pool of its own, as several instances
 * do (docs/cluster.md): a fresh database on the test JVM's PostgreSQL ({@link PostgresServer}) or a named in-memory
 * H2 one. The first {@link #open} migrates it; later ones find it migrated. Closing this closes every pool opened.
 */
public final class SharedLedgerDatabase implements AutoCloseable {

    /** The databases the tests run on. */
    public enum Kind { H2, POSTGRESQL }

    private final String url;
    private final String user;
    private final String password;
    private final List<CamelContext> contexts = new ArrayList<>();
    private final List<Database> opened = new ArrayList<>();

    private SharedLedgerDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** A new, empty database of {@code kind}; {@code prefix} names it (letters, digits, underscores). */
    public static SharedLedgerDatabase create(Kind kind, String prefix) {
        return kind == Kind.POSTGRESQL
                ? new SharedLedgerDatabase(PostgresServer.newDatabase(prefix), PostgresServer.USER, PostgresServer.PASSWORD)
                : new SharedLedgerDatabase("jdbc:h2:mem:" + prefix + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "sa", "");
    }

    /** Opens one more pool on the database, migrated and ready, as an instance's {@link Database}. */
    public synchronized Database open() {
        CamelContext camel = new DefaultCamelContext();
        Properties p = new Properties();
        p.setProperty(Settings.DB_URL.name(), url);
        p.setProperty(Settings.DB_USER.name(), user);
        p.setProperty(Settings.DB_PASSWORD.name(), password);
        camel.getPropertiesComponent().setInitialProperties(p);
        contexts.add(camel);
        Database database = Database.open(camel.getPropertiesComponent(), false);
        // one migration at a time: the next pool finds the schema in place
        database.awaitReady();
        opened.add(database);
        return database;
    }

    @Override
    public synchronized void close() throws Exception {
        for (Database d : opened) {
            d.stop();
        }
        for (CamelContext c : contexts) {
            c.close();
        }
    }
}
