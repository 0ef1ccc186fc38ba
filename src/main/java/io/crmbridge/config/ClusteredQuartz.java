package io.crmbridge.config;

import io.crmbridge.cluster.ClusterMembers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.PropertiesComponent;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The Quartz scheduler of several instances (docs/cluster.md "Scheduled syncs"): Quartz's clustered JDBC job store
 * ({@code JobStoreTX}, {@code PostgreSQLDelegate}, {@code isClustered=true}) in the ledger's PostgreSQL database, whose
 * tables migration V12 creates. Every instance runs a scheduler of the same name and its own instance id; Quartz
 * claims each firing of a trigger with a row lock in {@code qrtz_locks}, so a firing runs on exactly one instance.
 * When an instance's check-in is overdue (the interval plus Quartz's 7.5 s) another takes it for failed and releases
 * the stateful job it had blocked, so the next firings run elsewhere (the dead instance's run is not run again).
 *
 * <p>The scheduler's name is {@code crm-bridge} followed by Camel's context name ({@code camel.main.name}, which
 * camel-quartz appends), and the job's data names that context too: every instance needs the same
 * {@code camel.main.name} (DESIGN.md, Known Camel pitfalls).
 */
public final class ClusteredQuartz implements ConnectionProvider {

    /** What camel-quartz prefixes to {@code -<camel.main.name>}: the scheduler's name in the qrtz_ tables. */
    static final String SCHEDULER_NAME = "crm-bridge";

    private final DataSource ledger;

    private ClusteredQuartz(DataSource ledger) {
        this.ledger = ledger;
    }

    /**
     * Points the {@code quartz} component at the clustered job store, on {@code database}'s connection pool (Quartz
     * asks the pool for a connection per transaction; no second pool, and no password in Quartz's properties,
     * which camel-quartz logs at DEBUG). Called only in cluster mode, whose database {@link ClusterMode} has checked.
     */
    public static void configure(CamelContext context, Database database) {
        PropertiesComponent p = context.getPropertiesComponent();
        // Quartz finds data sources by name in its own process-wide registry; a name of our own per context, so that
        // two contexts in one JVM (tests) never hand each other's pool out
        String dataSource = "crm-bridge-ledger-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSource, new ClusteredQuartz(database.dataSource()));
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        quartz.setProperties(properties(dataSource, ClusterMembers.instanceId(Settings.CLUSTER_INSTANCE_ID.read(p)),
                Settings.CLUSTER_HEARTBEAT_MS.read(p)));
    }

    /**
     * Quartz's properties for the clustered job store.
     *
     * @param checkInMs how often this instance checks in ({@code crm-bridge.cluster.heartbeat-ms}); Quartz takes an
     *                  instance for dead when its check-in is more than this plus 7.5 s overdue
     */
    static Map<String, String> properties(String dataSource, String instanceId, int checkInMs) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        q.put("org.quartz.scheduler.instanceId", instanceId);
        q.put("org.quartz.scheduler.skipUpdateCheck", "true");
        q.put("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        q.put("org.quartz.threadPool.threadCount", "2");
        q.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        q.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        q.put("org.quartz.jobStore.dataSource", dataSource);
        q.put("org.quartz.jobStore.tablePrefix", "qrtz_");
        q.put("org.quartz.jobStore.isClustered", "true");
        q.put("org.quartz.jobStore.clusterCheckinInterval", Integer.toString(checkInMs));
        // a trigger is acquired under the qrtz_locks row lock too, not only fired under it
        q.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return q;
    }

    /** A connection of the ledger's pool; Quartz commits or rolls back its own work and closes it. */
    @Override
    public Connection getConnection() throws SQLException {
        return ledger.getConnection();
    }

    /** Nothing: the pool is the ledger's, closed by {@link Database} when Camel stops. */
    @Override
    public void shutdown() {
    }

    /** Nothing: the pool is open already. */
    @Override
    public void initialize() {
    }
}
