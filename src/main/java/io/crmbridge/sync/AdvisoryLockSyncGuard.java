package io.crmbridge.sync;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide {@link SyncGuard}: a PostgreSQL session-level advisory lock ({@code pg_try_advisory_lock}, one
 * fixed key per database), held on a connection of its own for the whole run. Every instance on the same database
 * competes for the same key, so at most one of them syncs at a time, whether the run was fired by the schedule or
 * asked for through the API or the console. PostgreSQL releases the lock when the session ends, so an instance that
 * dies in the middle of a sync (its connection closed by the kernel, or by the server's TCP keepalive) leaves no lock
 * behind and the next firing runs on another instance.
 */
public final class AdvisoryLockSyncGuard implements SyncGuard {

    /** The advisory lock key of the contact sync: the first 8 bytes of SHA-256("crm-bridge contact sync"). */
    static final long KEY = 0xdbf6_ac28_2264_c0a8L;
    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryLockSyncGuard.class);

    private final DataSource database;

    /** @param database a PostgreSQL database (the ledger's pool); the permit keeps one of its connections */
    public AdvisoryLockSyncGuard(DataSource database) {
        this.database = database;
    }

    @Override
    public Optional<Permit> tryAcquire() {
        Connection session = null;
        try {
            session = database.getConnection();
            session.setAutoCommit(true);
            if (!ask(session, "select pg_try_advisory_lock(?)")) {
                session.close();
                return Optional.empty();
            }
            Connection held = session;
            return Optional.of(() -> release(held));
        } catch (SQLException e) {
            closeQuietly(session);
            throw new IllegalStateException("could not ask the database whether a contact sync runs elsewhere: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code pg_locks} rather than trying the lock: a lock taken only to look would refuse, for that moment,
     * another instance's scheduled sync. A bigint advisory key shows there as its high and low 32 bits
     * ({@code classid}, {@code objid}) with {@code objsubid} 1 (PostgreSQL's documentation of pg_locks).
     */
    @Override
    public boolean held() {
        try (Connection session = database.getConnection();
             PreparedStatement s = session.prepareStatement("select count(*) from pg_locks where locktype = 'advisory'"
                     + " and granted and objsubid = 1 and classid::bigint = ? and objid::bigint = ?"
                     + " and database = (select oid from pg_database where datname = current_database())")) {
            s.setLong(1, KEY >>> 32);
            s.setLong(2, KEY & 0xffff_ffffL);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not ask the database whether a contact sync runs: "
                    + e.getMessage(), e);
        }
    }

    private static boolean ask(Connection session, String sql) throws SQLException {
        try (PreparedStatement s = session.prepareStatement(sql)) {
            s.setLong(1, KEY);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    /**
     * Unlocks, then hands the connection back to the pool. When the unlock fails the connection is aborted rather
     * than pooled: a pooled session still holding the lock would block every later sync in the cluster.
     */
    private void release(Connection session) {
        try {
            if (!ask(session, "select pg_advisory_unlock(?)")) {
                LOG.warn("The contact sync's advisory lock was no longer held when the run ended");
            }
            session.close();
        } catch (SQLException e) {
            LOG.warn("Could not unlock the contact sync's advisory lock ({}); its session is closed instead",
                    e.getMessage());
            if (database instanceof HikariDataSource pool) {
                pool.evictConnection(session);
            } else {
                closeQuietly(session);
            }
        }
    }

    private static void closeQuietly(Connection session) {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // nothing to release: the connection never held the lock
            }
        }
    }
}
