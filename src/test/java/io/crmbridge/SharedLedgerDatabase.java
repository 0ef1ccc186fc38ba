package io.crmbridge;

import io.crmbridge.config.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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

    private final Properties settings;
    private final List<CamelContext> contexts = new ArrayList<>();
    private final List<Database> opened = new ArrayList<>();

    private SharedLedgerDatabase(Properties settings) {
        this.settings = settings;
    }

    /** A new, empty database of {@code kind} ({@link LedgerDatabases}); {@code prefix} names it. */
    public static SharedLedgerDatabase create(Kind kind, String prefix) {
        return new SharedLedgerDatabase(kind == Kind.POSTGRESQL ? LedgerDatabases.postgres(prefix)
                : LedgerDatabases.h2(prefix));
    }

    /** Opens one more pool on the database, migrated and ready, as an instance's {@link Database}. */
    public synchronized Database open() {
        CamelContext camel = new DefaultCamelContext();
        Properties p = new Properties();
        p.putAll(settings);
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
