package io.crmbridge.hubspot;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.Exchange;

/**
 * The budget of HubSpot's 10-second window (L4) that every instance using the same token spends together
 * (docs/cluster.md "One HubSpot budget"; the window is per app, hubspot-api.md §10.4): a token bucket in
 * PostgreSQL, table {@value #TABLE}, kept by Bucket4j's PostgreSQL backend (each permit is one transaction that
 * locks the bucket's row, {@code SELECT ... FOR UPDATE}). The row's key is a hash of the token
 * ({@link #keyOf}), so instances with the same token share one bucket and instances with different tokens do not;
 * the token itself is never stored. The bucket's size ({@link SharedBudgetSize}) keeps the requests of all
 * instances under {@code hubspot.requests-per-ten-seconds} in any rolling 10 seconds, and every instance refills it
 * by the database server's clock ({@link DatabaseClock}).
 * <p>
 * As {@link HubSpotRequestBudget}: a permit is taken before each request and each redelivery
 * (routes/hubspot-delivery.yaml), a request HubSpot leaves out of the window
 * ({@link HubSpotGateway#TEN_SECONDLY_EXEMPT_PROPERTY}) takes none, and a wait is told to the
 * {@link HubSpotTraffic} ({@link HubSpotTraffic.RateWait#BUDGET}). Unlike it, a permit is never given back: the
 * bucket's refill is the give-back. Waiting threads of every instance are served in the order they asked (Bucket4j
 * reserves the permit, then the thread sleeps until it is due). Thread-safe.
 */
public final class SharedRequestBudget implements RequestBudget {

    /** The table of the buckets (migration V10). */
    public static final String TABLE = "hubspot_rate_bucket";
    /** HubSpot's window. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    private final DataSource database;
    private final String key;
    private final SharedBudgetSize size;
    private final long configurationVersion;
    private final HubSpotTraffic traffic;
    private volatile BucketProxy bucket;

    /**
     * @param database             the PostgreSQL database every instance shares (its {@value #TABLE} table migrated)
     * @param token                the HubSpot token whose budget this is
     * @param max                  requests allowed in any rolling 10 s ({@code hubspot.requests-per-ten-seconds})
     * @param configurationVersion orders the sizes instances bring (e.g. the start time in ms): the bucket takes the
     *                             size of the highest, so that the last instance started with a new
     *                             {@code hubspot.requests-per-ten-seconds} resizes the bucket for all
     * @throws IllegalArgumentException when {@code max} is below 3 ({@link SharedBudgetSize#of})
     */
    public SharedRequestBudget(DataSource database, AccessToken token, int max, long configurationVersion,
                               HubSpotTraffic traffic) {
        this.database = database;
        this.key = keyOf(token);
        this.size = SharedBudgetSize.of(max);
        this.configurationVersion = configurationVersion;
        this.traffic = traffic;
    }

    /** The bucket's key for a token: {@code hubspot-10s:} and the token's SHA-256 (76 characters). */
    public static String keyOf(AccessToken token) {
        return "hubspot-10s:" + token.sha256();
    }

    /** The bucket's size. */
    public SharedBudgetSize size() {
        return size;
    }

    /**
     * Reads the database's clock and binds the bucket (created full at the first permit any instance takes).
     *
     * @throws IllegalStateException when the database cannot be reached
     */
    @Override
    public void start() {
        DatabaseClock clock;
        try {
            clock = DatabaseClock.of(database);
        } catch (SQLException e) {
            throw new IllegalStateException("the HubSpot budget shared by the instances cannot read the database's"
                    + " clock: " + e.getMessage(), e);
        }
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(size.capacity()).refillGreedy(size.refillPerTenSeconds(), WINDOW))
                .build();
        bucket = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(database)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE).idColumn("id").stateColumn("state")
                .clientClock(clock)
                .build()
                .builder()
                // the permits left carry over a resize (never above the new capacity)
                .withImplicitConfigurationReplacement(configurationVersion, TokensInheritanceStrategy.AS_IS)
                .build(key, () -> configuration);
    }

    @Override
    public void stop() {
        // nothing to release: the connections are the ledger pool's
    }

    /**
     * Takes one permit from the shared bucket for the attempt the exchange is about to send, waiting until one is
     * due; an exchange marked exempt from the 10-second window goes through at once and takes nothing.
     *
     * @throws InterruptedException  when the thread is interrupted while waiting (its reserved permit is spent)
     * @throws IllegalStateException before {@link #start}
     */
    @Override
    public void process(Exchange exchange) throws InterruptedException {
        if (exchange.getProperty(HubSpotGateway.TEN_SECONDLY_EXEMPT_PROPERTY, false, Boolean.class)) {
            return;
        }
        BucketProxy b = bucket;
        if (b == null) {
            throw new IllegalStateException("the shared HubSpot budget is not started");
        }
        if (!b.tryConsume(1)) {
            long since = System.nanoTime();
            b.asBlocking().consume(1);
            traffic.waited(HubSpotTraffic.RateWait.BUDGET, Duration.ofNanos(System.nanoTime() - since));
        }
    }

    /**
     * Permits taken by every instance and not yet refilled: the capacity less what the bucket holds now (more than
     * the capacity while threads wait for reserved permits); 0 before the start. One read of the database.
     */
    @Override
    public int inUse() {
        BucketProxy b = bucket;
        return b == null ? 0 : (int) Math.max(0, size.capacity() - b.getAvailableTokens());
    }
}
