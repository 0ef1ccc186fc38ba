package io.crmbridge.cluster;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster-wide lock an exchange holds from {@link #hold} until it completes, for work whose writes are read, then
 * merged, over many statements and so cannot be one atomic statement (the sales ledger's import: camel-jpa merges by
 * primary key, then the scores are replaced as a whole). A PostgreSQL session-level advisory lock
 * ({@code pg_advisory_lock}, PostgreSQL's documentation "Advisory Locks") on a pooled connection of its own: an
 * instance that dies while holding it loses its session, and with it the lock. A single instance has nothing to
 * share it with: {@link #none()} holds nothing.
 */
public class ExchangeAdvisoryLock {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeAdvisoryLock.class);

    private final DataSource database;
    private final long key;
    private final String what;

    /**
     * @param database a PostgreSQL database (the ledger's pool); a holder keeps one of its connections
     * @param key      the advisory lock's key, fixed per kind of work
     * @param what     the work, for the log ("the sales ledger's import")
     */
    public ExchangeAdvisoryLock(DataSource database, long key, String what) {
        this.database = database;
        this.key = key;
        this.what = what;
    }

    /** The lock of a single instance: the one intake thread already runs that work one exchange at a time. */
    public static ExchangeAdvisoryLock none() {
        return new ExchangeAdvisoryLock(null, 0, "") {
            @Override
            public void hold(Exchange exchange) {
                // nothing to share: one process, one intake consumer
            }
        };
    }

    /**
     * Waits until no other instance holds the lock, then holds it until {@code exchange} completes (done or
     * failed).
     *
     * @throws SQLException when the database cannot be asked; the exchange fails as for an unavailable database
     */
    public void hold(Exchange exchange) throws SQLException {
        Connection session = database.getConnection();
        try {
            session.setAutoCommit(true);
            try (PreparedStatement s = session.prepareStatement("select pg_advisory_lock(?)")) {
                s.setLong(1, key);
                s.execute();
            }
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw e;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                release(session);
            }
        });
    }

    /**
     * Unlocks, then hands the connection back. A connection whose unlock failed is evicted rather than pooled: a
     * pooled session still holding the lock would block that work on every instance.
     */
    private void release(Connection session) {
        try {
            try (PreparedStatement s = session.prepareStatement("select pg_advisory_unlock(?)")) {
                s.setLong(1, key);
                s.execute();
            }
            session.close();
        } catch (SQLException e) {
            LOG.warn("Could not unlock {}'s advisory lock ({}); its session is closed instead", what, e.getMessage());
            if (database instanceof HikariDataSource pool) {
                pool.evictConnection(session);
            } else {
                try {
                    session.close();
                } catch (SQLException ignored) {
                    // closing the session ends the lock with it
                }
            }
        }
    }
}
