package io.crmbridge.cluster;

import io.crmbridge.ledger.RunOwners;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances sharing one ledger database (docs/cluster.md "Shared inbox and takeover", table
 * {@code cluster_member}, migration V11): this one says it is alive every {@code crm-bridge.cluster.heartbeat-ms}
 * with one atomic upsert on the database's clock, and an instance with no heartbeat for
 * {@code crm-bridge.cluster.dead-after-ms} is dead: its file and content claims ({@link Claims}) and its RUNNING
 * runs are taken over by another. A Camel service: it registers (and drops the claims a previous process of the
 * same id left) when it starts, and leaves the table when Camel stops, so that its unfinished work is taken at once.
 * The SQL is PostgreSQL's (cluster mode needs PostgreSQL: {@link io.crmbridge.config.ClusterMode#enabled}).
 */
public final class ClusterMembers extends ServiceSupport implements RunOwners {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembers.class);
    /** SQL condition: the member row {@code m} had a heartbeat within the dead-after time (parameter: ms). */
    static final String ALIVE = "m.heartbeat_at >= current_timestamp - ? * interval '1 millisecond'";

    private final DataSource dataSource;
    private final String instanceId;
    private final Duration heartbeat;
    private final Duration deadAfter;
    private final CamelContext context;
    private ScheduledExecutorService timer;
    /** True once this process registered: a start refused before that must not remove the row of the id's owner. */
    private volatile boolean joined;

    /**
     * @param instanceId this instance's id ({@link #instanceId(String)})
     * @param heartbeat  time between two heartbeats
     * @param deadAfter  silence after which an instance is dead
     */
    public ClusterMembers(DataSource dataSource, String instanceId, Duration heartbeat, Duration deadAfter,
                          CamelContext context) {
        this.dataSource = dataSource;
        this.instanceId = instanceId;
        this.heartbeat = heartbeat;
        this.deadAfter = deadAfter;
        this.context = context;
    }

    /** The configured id, or {@code <host name>-<process id>} when it is blank (crm-bridge.cluster.instance-id). */
    public static String instanceId(String configured) {
        if (!configured.isBlank()) {
            return configured.trim();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^[0-9]+@", "");
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    @Override
    public String self() {
        return instanceId;
    }

    /** The silence after which an instance is dead, in ms, for the claims' takeover statements. */
    long deadAfterMillis() {
        return deadAfter.toMillis();
    }

    DataSource dataSource() {
        return dataSource;
    }

    /**
     * True when {@code id} had a heartbeat within the dead-after time; an unknown id is dead.
     *
     * @throws IllegalStateException when the database cannot be asked
     */
    @Override
    public boolean alive(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select 1 from cluster_member m where m.instance_id = ? and " + ALIVE)) {
            s.setString(1, id);
            s.setLong(2, deadAfter.toMillis());
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the cluster's members: " + e.getMessage(), e);
        }
    }

    /** One instance as the health page shows it: times on the database's clock, alive as {@link #alive} says. */
    public record Member(String instanceId, OffsetDateTime startedAt, OffsetDateTime lastHeartbeat, boolean alive,
                         List<String> files) {
    }

    /**
     * Every instance the table knows (the dead ones until they come back or are removed), by id, each with the inbox
     * files it holds.
     *
     * @throws IllegalStateException when the database cannot be asked
     */
    public List<Member> members() {
        List<Member> members = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select m.instance_id, m.started_at, m.heartbeat_at, " + ALIVE
                        + ", (select string_agg(f.file_name, '/' order by f.file_name) from file_claim f"
                        + " where f.instance_id = m.instance_id) from cluster_member m order by m.instance_id")) {
            s.setLong(1, deadAfter.toMillis());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String files = r.getString(5);
                    members.add(new Member(r.getString(1), r.getObject(2, OffsetDateTime.class),
                            r.getObject(3, OffsetDateTime.class), r.getBoolean(4),
                            files == null ? List.of() : List.of(files.split("/"))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the cluster's members: " + e.getMessage(), e);
        }
        return members;
    }

    /** Says this instance is alive: one atomic upsert, which also registers it if its row was removed. */
    void beat() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into cluster_member (instance_id, started_at, heartbeat_at)"
                        + " values (?, current_timestamp, current_timestamp)"
                        + " on conflict (instance_id) do update set heartbeat_at = current_timestamp")) {
            s.setString(1, instanceId);
            s.executeUpdate();
        }
    }

    @Override
    protected void doStart() throws SQLException, InterruptedException {
        refuseWhenTheIdIsInUse();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement join = c.prepareStatement("insert into cluster_member (instance_id, started_at,"
                    + " heartbeat_at) values (?, current_timestamp, current_timestamp) on conflict (instance_id)"
                    + " do update set started_at = current_timestamp, heartbeat_at = current_timestamp");
                 PreparedStatement files = c.prepareStatement("delete from file_claim where instance_id = ?");
                 PreparedStatement contents = c.prepareStatement("delete from content_claim where instance_id = ?")) {
                // claims under this id were left by an earlier process of the same id, which is gone
                for (PreparedStatement s : List.of(join, files, contents)) {
                    s.setString(1, instanceId);
                    s.executeUpdate();
                }
                c.commit();
                joined = true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        timer = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "cluster-heartbeat");
        timer.scheduleWithFixedDelay(this::beatOrWarn, heartbeat.toMillis(), heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("Cluster: this instance is {}; heartbeat every {} ms, an instance silent for {} ms is taken for dead",
                instanceId, heartbeat.toMillis(), deadAfter.toMillis());
    }

    /**
     * Stops the start when another live process already has this id: two processes of one id would share (and drop)
     * each other's claims. A row of this id with a fresh heartbeat is either a live process or one killed less than
     * dead-after ago (a quick restart after a crash); which of the two is told by watching the row for two heartbeat
     * intervals (at most dead-after): a live process beats in that time. A clean stop removes the row, so an ordinary
     * restart never waits.
     *
     * @throws IllegalStateException when the heartbeat moved while watched: set a unique crm-bridge.cluster.instance-id
     */
    private void refuseWhenTheIdIsInUse() throws SQLException, InterruptedException {
        Optional<OffsetDateTime> seen = freshHeartbeat();
        if (seen.isEmpty()) {
            return;
        }
        long watch = Math.min(heartbeat.toMillis() * 2, deadAfter.toMillis());
        LOG.info("Cluster: a heartbeat of {} is {} old or less; watching it {} ms to tell a live process from a"
                + " stopped one", instanceId, deadAfter, watch);
        Thread.sleep(watch);
        Optional<OffsetDateTime> now = freshHeartbeat();
        if (now.isPresent() && now.get().isAfter(seen.get())) {
            throw new IllegalStateException("another live instance of this cluster has the id " + instanceId
                    + ": give each instance its own crm-bridge.cluster.instance-id (or leave it empty for"
                    + " <host>-<pid>)");
        }
    }

    /** The heartbeat time of this id's row when it is within the dead-after time. */
    private Optional<OffsetDateTime> freshHeartbeat() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select m.heartbeat_at from cluster_member m where m.instance_id = ? and " + ALIVE)) {
            s.setString(1, instanceId);
            s.setLong(2, deadAfter.toMillis());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getObject(1, OffsetDateTime.class)) : Optional.empty();
            }
        }
    }

    private void beatOrWarn() {
        try {
            beat();
        } catch (SQLException | RuntimeException e) {
            // the next beat tries again; silent for longer than dead-after, this instance's files go to another
            LOG.warn("Cluster: heartbeat of {} not recorded: {}", instanceId, e.getMessage());
        }
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            context.getExecutorServiceManager().shutdownNow(timer);
            timer = null;
        }
        if (!joined) {
            return;
        }
        joined = false;
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("delete from cluster_member where instance_id = ?")) {
            s.setString(1, instanceId);
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Cluster: {} could not leave the members' table ({}); it is taken for dead after {} ms",
                    instanceId, e.getMessage(), deadAfter.toMillis());
        }
    }
}
