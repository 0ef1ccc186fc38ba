package io.crmbridge.console;

import io.crmbridge.cluster.ClusterMembers;
import io.crmbridge.config.Setting;
import io.crmbridge.config.Settings;
import io.crmbridge.console.health.HubSpotBudgetUse;
import io.crmbridge.console.health.UrlCredentials;
import io.crmbridge.hubspot.RequestBudget;
import io.crmbridge.hubspot.HubSpotSettings;
import io.crmbridge.ops.RemoteSourcesHealthCheck;
import io.crmbridge.remote.RemotePolls;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.spi.PropertiesComponent;

/**
 * What the console's Health page and {@code GET /api/health} show (docs/console.md): HubSpot (API version,
 * sandbox or portal, the client-side 10-second budget, the readiness check, and the use of HubSpot's own budget:
 * {@link HubSpotBudgetUse}), the ledger database (its readiness check, in memory or not, its URL without
 * credentials), every Camel route with its status, the versions, and the effective configuration: every
 * {@link Settings#ALL} property with its value, a secret only as set or not set, a URL without its user and password
 * ({@link UrlCredentials}). Nothing here sends a request to HubSpot but the readiness check's own probe, at most one
 * per its time to live.
 */
public class HealthReport {

    /** What a secret setting shows when it has a value; its value is never read into the report. */
    public static final String SECRET_SET = "(secret, set)";
    /** What a secret setting shows when it is empty. */
    public static final String SECRET_NOT_SET = "(secret, not set)";

    private final CamelContext context;
    private final HubSpotSettings hubspot;
    private final RequestBudget budget;
    private final HealthCheck hubspotCheck;
    private final HealthCheck ledgerCheck;
    private final boolean ledgerInMemory;
    private final String ledgerUrl;
    private final HubSpotBudgetUse budgetUse;
    private final ClusterMembers cluster;

    /**
     * @param ledgerInMemory true when the ledger is an in-memory H2 database (config/Database)
     * @param ledgerUrl      the ledger's JDBC URL in effect (shown with its credentials masked)
     * @param budgetUse      the use of HubSpot's rate budget, from its answers
     * @param cluster        the instances sharing the ledger database; null for a single instance
     */
    public HealthReport(CamelContext context, HubSpotSettings hubspot, RequestBudget budget,
                        HealthCheck hubspotCheck, HealthCheck ledgerCheck, boolean ledgerInMemory, String ledgerUrl,
                        HubSpotBudgetUse budgetUse, ClusterMembers cluster) {
        this.context = context;
        this.hubspot = hubspot;
        this.budget = budget;
        this.hubspotCheck = hubspotCheck;
        this.ledgerCheck = ledgerCheck;
        this.ledgerInMemory = ledgerInMemory;
        this.ledgerUrl = ledgerUrl;
        this.budgetUse = budgetUse;
        this.cluster = cluster;
    }

    /**
     * The report: {@code hubspot} (apiVersion, sandbox, baseUrl, requestsPerTenSeconds, requestsInUse,
     * requestsLeft, state, message, and {@link HubSpotBudgetUse#report()}'s rateLimitWindow, rateLimitDaily,
     * dailyUsage, lastHour, lastHourTotals), {@code ledger} (state, message, inMemory, url without credentials),
     * {@code cluster} (enabled; in cluster mode also instanceId, this instance's id, and members: [{instanceId,
     * startedAt, lastHeartbeat (ISO-8601, the database's clock), alive, files: the inbox files it holds}], or
     * message when the database cannot be read), {@code remoteSources} (state and message of the readiness check
     * {@code remote-sources}, polled (true once a source was polled), and sources: [{name, server, failing (null
     * while it answers), failedPolls, lastPoll, lastSuccess (ISO-8601 or null)}]: docs/sources.md),
     * {@code routes} ([{id, status}]),
     * {@code versions} (crmBridge, camel, java) and {@code settings} ([{name, group, value, default}]).
     */
    public Map<String, Object> report() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("hubspot", hubspot());
        Map<String, Object> ledger = check(ledgerCheck);
        ledger.put("inMemory", ledgerInMemory);
        ledger.put("url", UrlCredentials.masked(ledgerUrl));
        r.put("ledger", ledger);
        r.put("cluster", cluster());
        r.put("remoteSources", remoteSources());
        r.put("routes", routes());
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("crmBridge", crmBridgeVersion());
        versions.put("camel", context.getVersion());
        versions.put("java", Runtime.version().toString());
        r.put("versions", versions);
        r.put("settings", settings());
        return r;
    }

    private Map<String, Object> hubspot() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("apiVersion", hubspot.paths().version());
        h.put("sandbox", hubspot.sandbox());
        h.put("baseUrl", hubspot.baseUrl());
        int max = hubspot.requestsPerTenSeconds();
        int inUse = budget.inUse();
        h.put("requestsPerTenSeconds", max);
        h.put("requestsInUse", inUse);
        h.put("requestsLeft", Math.max(0, max - inUse));
        h.putAll(check(hubspotCheck));
        h.putAll(budgetUse.report());
        return h;
    }

    /** The cluster's members with their last heartbeat and the files each holds (docs/cluster.md). */
    private Map<String, Object> cluster() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("enabled", cluster != null);
        if (cluster == null) {
            return c;
        }
        c.put("instanceId", cluster.self());
        try {
            List<Map<String, Object>> members = new ArrayList<>();
            for (ClusterMembers.Member m : cluster.members()) {
                Map<String, Object> member = new LinkedHashMap<>();
                member.put("instanceId", m.instanceId());
                member.put("self", m.instanceId().equals(cluster.self()));
                member.put("startedAt", m.startedAt().toInstant().toString());
                member.put("lastHeartbeat", m.lastHeartbeat().toInstant().toString());
                member.put("alive", m.alive());
                member.put("files", m.files());
                members.add(member);
            }
            c.put("members", members);
        } catch (IllegalStateException e) {
            c.put("message", e.getMessage());
        }
        return c;
    }

    /** The SFTP and FTPS sources polled so far, with their last poll's outcome (docs/sources.md). */
    private Map<String, Object> remoteSources() {
        Map<String, Object> r = new LinkedHashMap<>();
        RemotePolls polls = context.getRegistry().lookupByNameAndType(RemotePolls.BEAN_NAME, RemotePolls.class);
        HealthCheck check = context.getRegistry().lookupByNameAndType(RemoteSourcesHealthCheck.BEAN_NAME,
                HealthCheck.class);
        if (check != null) {
            r.putAll(check(check));
        }
        List<Map<String, Object>> sources = new ArrayList<>();
        for (RemotePolls.Status status : polls == null ? List.<RemotePolls.Status>of() : polls.sources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", status.route());
            m.put("server", status.server());
            m.put("failing", status.failing());
            m.put("failedPolls", status.failedPolls());
            m.put("lastPoll", status.lastPoll() == null ? null : status.lastPoll().toString());
            m.put("lastSuccess", status.lastSuccess() == null ? null : status.lastSuccess().toString());
            sources.add(m);
        }
        r.put("polled", !sources.isEmpty());
        r.put("sources", sources);
        return r;
    }

    private static Map<String, Object> check(HealthCheck check) {
        HealthCheck.Result result = check.call();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", result.getState().name());
        m.put("message", result.getMessage().orElse(null));
        return m;
    }

    private List<Map<String, Object>> routes() {
        List<Map<String, Object>> routes = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            ServiceStatus status = context.getRouteController().getRouteStatus(route.getRouteId());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", route.getRouteId());
            m.put("status", status == null ? "Unknown" : status.name());
            routes.add(m);
        }
        routes.sort((a, b) -> ((String) a.get("id")).compareTo((String) b.get("id")));
        return routes;
    }

    /**
     * Each setting with the text it is configured with, else its default; a secret only as set or not set, a URL
     * (the ledger's JDBC URL may carry a user and password) with its credentials masked.
     */
    private List<Map<String, Object>> settings() {
        PropertiesComponent p = context.getPropertiesComponent();
        List<Map<String, Object>> settings = new ArrayList<>();
        for (Setting<?> s : Settings.ALL) {
            Optional<String> configured = p.resolveProperty(s.name());
            String value = configured.orElse(s.defaultText());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("group", s.group().title());
            m.put("value", s.secret() ? (value.isBlank() ? SECRET_NOT_SET : SECRET_SET) : UrlCredentials.masked(value));
            m.put("default", configured.isEmpty());
            settings.add(m);
        }
        return settings;
    }

    /**
     * The version of the running jar: its manifest's Implementation-Version, else the pom.properties Maven puts
     * in the jar, else null (run from the classes folder, as the tests do).
     */
    static String crmBridgeVersion() {
        String manifest = HealthReport.class.getPackage().getImplementationVersion();
        if (manifest != null) {
            return manifest;
        }
        try (InputStream in = HealthReport.class.getResourceAsStream("/META-INF/maven/io.crmbridge/crm-bridge/pom.properties")) {
            if (in == null) {
                return null;
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }
}
