package io.crmbridge.ops;

import io.crmbridge.hubspot.HubSpotTraffic;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;

/**
 * crm-bridge's own meters, kept in the Micrometer registry of Camel's metrics so that
 * {@code /observe/metrics} serves them beside Camel's (docs/operations.md). Micrometer name, then the
 * Prometheus family:
 * <ul>
 *   <li>{@value #ROWS} ({@code crm_bridge_rows_total}), tags {@code object_type} (contacts, companies,
 *       tickets; sales_lines, clients, products for the sales ledger) and {@code outcome} (created, updated,
 *       unchanged, rejected, failed; would_create and would_update in a dry run; loaded and held for the
 *       ledger): each row read, counted when its file ends, whichever way;</li>
 *   <li>{@value #FILES} ({@code crm_bridge_files_total}), tag {@code status} ({@link FileStatus});</li>
 *   <li>{@value #REQUESTS} ({@code crm_bridge_hubspot_requests_total}), tags {@code kind}
 *       ({@link io.crmbridge.hubspot.HubSpotRequestKind}) and {@code status} (the HTTP status, {@code io_error}
 *       when no answer came): every attempt sent, retries included;</li>
 *   <li>{@value #RETRIES} ({@code crm_bridge_hubspot_retries_total}), tag {@code reason} (rate_limited,
 *       locked, server_error, io_error): attempts sent again;</li>
 *   <li>{@value #RATE_LIMITED} ({@code crm_bridge_hubspot_rate_limited_total}): 429 answers, retried or not;</li>
 *   <li>{@value #RATE_WAITS} ({@code crm_bridge_hubspot_rate_waits_seconds_count}, {@code _sum}, {@code _max}),
 *       tag {@code cause} (budget, steering): the waits of sending threads before a request went out.</li>
 * </ul>
 * Tags carry names of object types, outcomes, statuses and request kinds only: never a file name, a value
 * or a token. Thread-safe.
 */
public final class BridgeMetrics implements HubSpotTraffic {

    /** Counter of rows by object type and outcome. */
    public static final String ROWS = "crm.bridge.rows";
    /** Counter of inbox files by how they ended. */
    public static final String FILES = "crm.bridge.files";
    /** Counter of HubSpot attempts sent, by kind and status. */
    public static final String REQUESTS = "crm.bridge.hubspot.requests";
    /** Counter of HubSpot attempts sent again, by reason. */
    public static final String RETRIES = "crm.bridge.hubspot.retries";
    /** Counter of HubSpot 429 answers. */
    public static final String RATE_LIMITED = "crm.bridge.hubspot.rate.limited";
    /** Timer of the waits before a HubSpot request went out, by cause. */
    public static final String RATE_WAITS = "crm.bridge.hubspot.rate.waits";

    private static final String[] RETRY_REASONS = {"rate_limited", "locked", "server_error", "io_error"};

    private final MeterRegistry registry;
    private final Map<FileStatus, Counter> files = new EnumMap<>(FileStatus.class);
    private final Map<RateWait, Timer> waits = new EnumMap<>(RateWait.class);
    private final Counter rateLimited;

    /**
     * Registers the meters in {@code registry}; those whose tags are known in advance (files by status, retries
     * by reason, 429s, waits by cause, the rows of HubSpot imports) start at 0, so that their series exist before
     * the first event.
     */
    public BridgeMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (FileStatus s : FileStatus.values()) {
            files.put(s, Counter.builder(FILES).description("Inbox files by how they ended")
                    .tag("status", s.label()).register(registry));
        }
        for (RateWait cause : RateWait.values()) {
            waits.put(cause, Timer.builder(RATE_WAITS)
                    .description("Waits of a sending thread before a HubSpot request went out")
                    .tag("cause", cause.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        for (String reason : RETRY_REASONS) {
            retries(reason);
        }
        rateLimited = Counter.builder(RATE_LIMITED).description("HubSpot 429 answers, retried or not")
                .register(registry);
        for (ObjectType type : ObjectType.values()) {
            for (Outcome outcome : Outcome.values()) {
                rowCounter(type.pathName(), outcome.name().toLowerCase(Locale.ROOT));
            }
        }
    }

    /**
     * The meters in Camel's Micrometer registry: the one bound as {@code metricsRegistry} (where
     * camel-micrometer-prometheus keeps it), or a new Prometheus registry bound under that name, which
     * camel-micrometer-prometheus then takes over when it starts after this call.
     */
    public static BridgeMetrics in(CamelContext context) {
        MeterRegistry registry = MicrometerUtils.getMeterRegistryFromCamelRegistry(context.getRegistry(),
                MicrometerConstants.METRICS_REGISTRY_NAME);
        if (registry == null) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
        }
        return new BridgeMetrics(registry);
    }

    /** Counts a file that ended with {@code status}. */
    public void fileEnded(FileStatus status) {
        files.get(status).increment();
    }

    /** Adds {@code n} rows of {@code objectType} that ended with {@code outcome} (both lower-case names). */
    public void rows(String objectType, String outcome, long n) {
        if (n > 0) {
            rowCounter(objectType, outcome).increment(n);
        }
    }

    @Override
    public void answered(String kind, int status) {
        request(kind, status);
    }

    @Override
    public void retried(String kind, int status) {
        request(kind, status);
        retries(status == 429 ? "rate_limited" : status == 423 ? "locked" : status == 0 ? "io_error"
                : status >= 500 ? "server_error" : "other").increment();
    }

    @Override
    public void waited(RateWait cause, Duration waited) {
        waits.get(cause).record(waited);
    }

    /** Files by status, every status present. */
    public Map<FileStatus, Long> files() {
        Map<FileStatus, Long> result = new EnumMap<>(FileStatus.class);
        files.forEach((status, counter) -> result.put(status, (long) counter.count()));
        return result;
    }

    /** Rows by object type, then outcome, sorted by name; zero counts left out. */
    public Map<String, Map<String, Long>> rowsByType() {
        Map<String, Map<String, Long>> result = new TreeMap<>();
        for (Counter c : registry.find(ROWS).counters()) {
            long n = (long) c.count();
            if (n > 0) {
                result.computeIfAbsent(c.getId().getTag("object_type"), t -> new TreeMap<>())
                        .merge(c.getId().getTag("outcome"), n, Long::sum);
            }
        }
        return result;
    }

    /** HubSpot attempts sent by status label, sorted; zero counts left out. */
    public Map<String, Long> requestsByStatus() {
        return sumByTag(REQUESTS, "status");
    }

    /** Attempts sent again, all reasons. */
    public long retries() {
        return sumByTag(RETRIES, "reason").values().stream().mapToLong(Long::longValue).sum();
    }

    /** 429 answers. */
    public long rateLimited() {
        return (long) rateLimited.count();
    }

    /** How many times a sending thread waited, all causes. */
    public long rateWaits() {
        return waits.values().stream().mapToLong(Timer::count).sum();
    }

    /** How long sending threads waited in all, all causes. */
    public Duration rateWaitTime() {
        return Duration.ofNanos((long) waits.values().stream()
                .mapToDouble(t -> t.totalTime(TimeUnit.NANOSECONDS)).sum());
    }

    private void request(String kind, int status) {
        Counter.builder(REQUESTS).description("HubSpot requests sent, retries included, by kind and answer")
                .tag("kind", kind).tag("status", status == 0 ? "io_error" : Integer.toString(status))
                .register(registry).increment();
        if (status == 429) {
            rateLimited.increment();
        }
    }

    private Counter retries(String reason) {
        return Counter.builder(RETRIES).description("HubSpot requests sent again, by reason")
                .tag("reason", reason).register(registry);
    }

    private Counter rowCounter(String objectType, String outcome) {
        return Counter.builder(ROWS).description("Rows read from inbox files, by object type and outcome")
                .tag("object_type", objectType).tag("outcome", outcome).register(registry);
    }

    private Map<String, Long> sumByTag(String name, String tag) {
        Map<String, Long> result = new TreeMap<>();
        for (Counter c : registry.find(name).counters()) {
            long n = (long) c.count();
            if (n > 0) {
                result.merge(c.getId().getTag(tag), n, Long::sum);
            }
        }
        return result;
    }
}
