package io.crmbridge.pipeline;

import io.crmbridge.report.ImportReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import javax.sql.DataSource;
import org.apache.camel.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily requests that the files in flight on every instance may still send (docs/cluster.md "One HubSpot
 * budget"), in the PostgreSQL table {@code daily_budget_claim}: HubSpot's count of today's requests
 * ({@link io.crmbridge.hubspot.DailyUsageReader}) holds what the instances have sent, not what their running files
 * are about to send, so the check of a file ({@link DailyBudgetCheck}) also counts the others' claims. A claim
 * holds a file's estimate and the requests its report has counted; this instance refreshes its claims every
 * {@code crm-bridge.cluster.heartbeat-ms} and drops one when its file is done ({@link #release}). A claim not
 * refreshed for {@code crm-bridge.cluster.dead-after-ms} (its instance died) is dropped by the next check. Times
 * are the database server's. Thread-safe.
 */
public final class DailyBudgetClaims implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(DailyBudgetClaims.class);
    // one lock for every check of the cluster: reading the others' claims and adding one is a single step
    private static final long CHECK_LOCK = 0x6372_6d62_6461_796cL;

    private final DataSource database;
    private final long heartbeatMs;
    private final long deadAfterMs;
    private final Map<String, ImportReport> mine = new ConcurrentHashMap<>();
    private ScheduledThreadPoolExecutor timer;

    /** What a check decided and how many requests the other files in flight claimed. */
    public record Claimed(DailyBudgetCheck.Decision decision, long others, String claimId) {
    }

    /**
     * @param database    the PostgreSQL database every instance shares (table {@code daily_budget_claim} migrated)
     * @param heartbeatMs how often this instance refreshes its claims
     * @param deadAfterMs how long a claim not refreshed still counts
     */
    public DailyBudgetClaims(DataSource database, long heartbeatMs, long deadAfterMs) {
        this.database = database;
        this.heartbeatMs = heartbeatMs;
        this.deadAfterMs = deadAfterMs;
    }

    @Override
    public synchronized void start() {
        timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "daily-budget-claims");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::refresh, heartbeatMs, heartbeatMs, TimeUnit.MILLISECONDS);
    }

    /** Stops refreshing; the claims left stay until they are released or go stale. */
    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /**
     * Under the cluster's lock: drops the stale claims, sums what the others still claim (estimate less sent, at
     * least 0), lets {@code decide} decide with that sum, and unless it decided WAIT adds this file's claim.
     *
     * @param decide the decision for the requests the others still claim
     * @throws IllegalStateException when the database fails (the message says which step)
     */
    public Claimed claim(String fileName, long estimate, ImportReport report,
                         LongFunction<DailyBudgetCheck.Decision> decide) {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("select pg_advisory_xact_lock(" + CHECK_LOCK + ")");
                }
                dropStale(c);
                long others;
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                        "select coalesce(sum(greatest(estimate - sent, 0)), 0) from daily_budget_claim")) {
                    r.next();
                    others = r.getLong(1);
                }
                DailyBudgetCheck.Decision decision = decide.apply(others);
                String claimId = null;
                if (decision != DailyBudgetCheck.Decision.WAIT) {
                    claimId = UUID.randomUUID().toString();
                    try (PreparedStatement p = c.prepareStatement("insert into daily_budget_claim (claim_id,"
                            + " file_name, estimate, sent, refreshed_at) values (?, ?, ?, ?, clock_timestamp())")) {
                        p.setString(1, claimId);
                        p.setString(2, fileName);
                        p.setLong(3, estimate);
                        p.setLong(4, report.requests());
                        p.executeUpdate();
                    }
                    mine.put(claimId, report);
                }
                c.commit();
                return new Claimed(decision, others, claimId);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the daily budget's claims cannot be read: " + e.getMessage(), e);
        }
    }

    /** Drops a claim (its file is done, whatever its outcome); nothing when it is null or gone already. */
    public void release(String claimId) {
        if (claimId == null || mine.remove(claimId) == null) {
            return;
        }
        try (Connection c = database.getConnection();
             PreparedStatement p = c.prepareStatement("delete from daily_budget_claim where claim_id = ?")) {
            p.setString(1, claimId);
            p.executeUpdate();
        } catch (SQLException e) {
            // the claim goes stale after crm-bridge.cluster.dead-after-ms without its refresh
            LOG.warn("The daily budget's claim of a finished file could not be dropped ({}); it lapses in {} ms",
                    e.getMessage(), deadAfterMs);
        }
    }

    /** This instance's claims, each with the requests its report has counted so far, as alive now. */
    void refresh() {
        if (mine.isEmpty()) {
            return;
        }
        try (Connection c = database.getConnection(); PreparedStatement p = c.prepareStatement(
                "update daily_budget_claim set sent = ?, refreshed_at = clock_timestamp() where claim_id = ?")) {
            for (Map.Entry<String, ImportReport> e : mine.entrySet()) {
                p.setLong(1, e.getValue().requests());
                p.setString(2, e.getKey());
                p.addBatch();
            }
            p.executeBatch();
        } catch (SQLException e) {
            LOG.warn("The daily budget's claims could not be refreshed ({}); the next heartbeat tries again",
                    e.getMessage());
        }
    }

    private void dropStale(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("delete from daily_budget_claim"
                + " where refreshed_at < clock_timestamp() - ? * interval '1 millisecond'")) {
            p.setLong(1, deadAfterMs);
            p.executeUpdate();
        }
    }
}
