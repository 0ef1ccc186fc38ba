package io.crmbridge.hubspot;

import io.github.bucket4j.TimeMeter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The PostgreSQL server's clock, read on this host: the server's time (in µs) once, at {@link #of}, as an offset
 * from this host's monotonic clock. Every instance of a shared bucket ({@link SharedRequestBudget}) then refills it
 * by one clock, to within half a round trip to the database, whatever the hosts' own clocks say: a host ahead of
 * the others would otherwise refill the bucket early by its lead.
 */
public final class DatabaseClock implements TimeMeter {

    private final long offsetNanos;

    private DatabaseClock(long offsetNanos) {
        this.offsetNanos = offsetNanos;
    }

    /**
     * Reads the server's clock ({@code clock_timestamp()}, PostgreSQL's time at the call, not the transaction's).
     *
     * @throws SQLException when the database cannot be reached
     */
    public static DatabaseClock of(DataSource database) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            long before = System.nanoTime();
            try (ResultSet r = s.executeQuery("select (extract(epoch from clock_timestamp()) * 1000000)::bigint")) {
                long after = System.nanoTime();
                r.next();
                long serverNanos = r.getLong(1) * 1_000L;
                // the server read its clock somewhere in the round trip: its middle is the best guess
                return new DatabaseClock(serverNanos - (before + (after - before) / 2));
            }
        }
    }

    /** The server's time now, in ns since the epoch. */
    @Override
    public long currentTimeNanos() {
        return System.nanoTime() + offsetNanos;
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
