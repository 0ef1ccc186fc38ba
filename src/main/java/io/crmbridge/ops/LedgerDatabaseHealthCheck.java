package io.crmbridge.ops;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness check of the ledger database: UP when a {@code select 1} through the connection pool
 * answers within {@link #QUERY_TIMEOUT_SECONDS}, DOWN (with the SQL error) otherwise. Without its
 * ledger crm-bridge cannot tell new rows from imported ones, so it must not be reported ready.
 * Not a liveness check: a database outage is not cured by restarting the process.
 * Served by Camel's management server under {@code /observe/health/ready} (docs/operations.md).
 */
public final class LedgerDatabaseHealthCheck extends ReadinessCheck {

    /** The id under which the check appears in the health JSON. */
    public static final String ID = "ledger-database";

    /** Seconds a {@code select 1} may take before the database counts as unreachable. */
    public static final int QUERY_TIMEOUT_SECONDS = 5;

    private final DataSource dataSource;

    /** @param dataSource the ledger's connection pool (borrowed and returned per call) */
    public LedgerDatabaseHealthCheck(DataSource dataSource) {
        super(ID);
        this.dataSource = dataSource;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet r = s.executeQuery("select 1")) {
                if (r.next()) {
                    builder.up();
                } else {
                    builder.message("select 1 returned no row").down();
                }
            }
        } catch (SQLException e) {
            builder.message("ledger database unreachable: " + e.getMessage()).error(e).down();
        }
    }
}
