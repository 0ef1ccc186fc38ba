package io.crmbridge.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.sync.ContactPage;
import io.crmbridge.sync.ContactQuery;
import io.crmbridge.sync.ContactStore;
import io.crmbridge.sync.ContactSync;
import io.crmbridge.sync.SegmentRules;
import io.crmbridge.sync.SyncAlreadyRunningException;
import io.crmbridge.sync.SyncRun;
import io.crmbridge.sync.SyncStats;
import io.crmbridge.sync.SyncedContact;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contact sync's REST API (PRODUCT.md S3), one method per endpoint of routes/api.yaml.
 * Every method returns a map that the route writes as JSON (snake_case keys, instants as ISO-8601 text in
 * milliseconds) and
 * throws {@link ApiRefusal} for a request it refuses; the route's {@link ApiErrors} answers those.
 */
public class ContactSyncApi {

    /** Largest {@code limit} of GET contacts. */
    public static final int MAX_LIMIT = 1000;
    /** {@code limit} of GET contacts when the request has none. */
    public static final int DEFAULT_LIMIT = 100;
    /** Largest {@code limit} of GET sync/runs. */
    public static final int MAX_RUNS = 200;
    /** Longest search text of GET contacts, in characters. */
    public static final int MAX_SEARCH = 200;

    private static final Logger LOG = LoggerFactory.getLogger(ContactSyncApi.class);
    private static final String STATS_PATH = "/api/integrations/hubspot/sync/stats";

    private final ContactSync sync;
    private final ContactStore store;
    private final ExecutorService background;
    private final ObjectMapper json;
    private final long startTimeoutMs;

    /**
     * @param background     runs background syncs; each sync on its own thread, so that a second request
     *                       meets the running one (409) instead of queueing behind it
     * @param startTimeoutMs how long a background request waits for its run to be opened in the database
     */
    public ContactSyncApi(ContactSync sync, ContactStore store, ExecutorService background, ObjectMapper json,
                          long startTimeoutMs) {
        this.sync = sync;
        this.store = store;
        this.background = background;
        this.json = json;
        this.startTimeoutMs = startTimeoutMs;
    }

    /**
     * {@code POST /api/integrations/hubspot/sync}: runs a sync. The mode comes from the query ({@code mode})
     * or a JSON body {@code {"mode": ...}}, the query first; {@code full} or {@code incremental} (any case),
     * incremental when absent.
     *
     * @param queryMode  the {@code mode} query parameter, may be null
     * @param body       the request body, may be empty
     * @param background the {@code background} query parameter: {@code true} runs the sync asynchronously
     * @param reply      the reply message; its status is set to 202 for a background run
     * @return the run's stats (200, see {@link SyncStats}) or {@code run_id}, {@code mode}, {@code status}
     *         RUNNING and {@code stats} (the URL to follow) for a background run (202)
     * @throws ApiRefusal                  400 for another mode or a body that is not a JSON object
     * @throws SyncAlreadyRunningException when a sync is already running (409)
     */
    public Map<String, Object> sync(@Header("mode") String queryMode, @Body String body,
                                    @Header("background") String background, Message reply) {
        String mode = mode(queryMode, body);
        if (!"true".equalsIgnoreCase(background == null ? "" : background.trim())) {
            return stats(sync.run(mode));
        }
        if (sync.isRunning()) {
            throw new SyncAlreadyRunningException();
        }
        CompletableFuture<Long> opened = new CompletableFuture<>();
        this.background.execute(() -> {
            try {
                sync.runReportingStart(mode, opened::complete);
            } catch (RuntimeException e) {
                if (!opened.completeExceptionally(e)) {
                    LOG.warn("Background contact sync failed", e);
                }
            }
        });
        long runId = awaitStart(opened);
        reply.setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("run_id", runId);
        answer.put("mode", mode);
        answer.put("status", SyncRun.Status.RUNNING.name());
        answer.put("stats", STATS_PATH);
        return answer;
    }

    /**
     * {@code GET /api/integrations/hubspot/contacts}: a page of the stored, non-archived contacts, in HubSpot id
     * order unless {@code sort} says otherwise, optionally only one segment's or those matching a search.
     *
     * @param segment a segment name ({@link SegmentRules#NAMES}) or null for all
     * @param limit   1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when null
     * @param offset  >= 0, 0 when null
     * @param q       text searched in the e-mail, first and last name and company (any case, part of the value);
     *                null or blank for no search; at most 200 characters
     * @param sort    {@code id} (default), {@code email}, {@code name} (last, then first name), {@code company},
     *                {@code updated}
     * @param order   {@code asc} (default) or {@code desc}
     * @return {@code contacts}, {@code total} (matching over all pages), {@code limit}, {@code offset},
     *         {@code segment} (null when not filtered), {@code q}, {@code sort}, {@code order}
     * @throws ApiRefusal 400 for a limit or offset out of range or not a number, an unknown segment, sort or order,
     *                    or a search text longer than 200 characters
     */
    public Map<String, Object> contacts(@Header("segment") String segment, @Header("limit") String limit,
                                        @Header("offset") String offset, @Header("q") String q,
                                        @Header("sort") String sort, @Header("order") String order) {
        int l = integer("limit", limit, DEFAULT_LIMIT);
        if (l < 1 || l > MAX_LIMIT) {
            throw new ApiRefusal(400, "limit must be between 1 and " + MAX_LIMIT + ", was " + l);
        }
        int o = integer("offset", offset, 0);
        if (o < 0) {
            throw new ApiRefusal(400, "offset must be >= 0, was " + o);
        }
        String s = segment(segment);
        ContactQuery.Sort by = sort == null || sort.isBlank() ? ContactQuery.Sort.ID : ContactQuery.Sort.ofApiName(sort)
                .orElseThrow(() -> new ApiRefusal(400, "unknown sort '" + sort.trim() + "'; sorts: "
                        + String.join(", ", ContactQuery.Sort.apiNames())));
        String direction = order == null || order.isBlank() ? "asc" : order.trim().toLowerCase(Locale.ROOT);
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw new ApiRefusal(400, "order must be asc or desc, was '" + order.trim() + "'");
        }
        if (q != null && q.length() > MAX_SEARCH) {
            throw new ApiRefusal(400, "q must be at most " + MAX_SEARCH + " characters, was " + q.length());
        }
        ContactQuery query = new ContactQuery(s, q, by, direction.equals("desc"));
        ContactPage page = store.activeContactsMatching(query, o, l);
        List<Map<String, Object>> contacts = new ArrayList<>(page.contacts().size());
        page.contacts().forEach(c -> contacts.add(contact(c)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("contacts", contacts);
        answer.put("total", page.total());
        answer.put("limit", l);
        answer.put("offset", o);
        answer.put("segment", s);
        answer.put("q", query.text());
        answer.put("sort", by.apiName());
        answer.put("order", direction);
        return answer;
    }

    /**
     * {@code GET /api/integrations/hubspot/contacts/{id}}: one stored contact by HubSpot id, archived ones included.
     *
     * @return the contact as in {@link #contacts}, with {@code archived} and {@code merged_into}
     * @throws ApiRefusal 404 when no contact with that id is stored
     */
    public Map<String, Object> contact(@Header("id") String id) {
        SyncedContact c = store.contact(id == null ? "" : id.trim())
                .orElseThrow(() -> new ApiRefusal(404, "no stored contact with id '" + id + "'"));
        Map<String, Object> answer = contact(c);
        answer.put("archived", c.isArchived());
        answer.put("merged_into", c.getMergedInto());
        return answer;
    }

    /**
     * {@code GET /api/integrations/hubspot/sync/runs}: a page of the sync runs, the running one included, newest
     * first. A running run has {@code status} RUNNING, no {@code finished_at} and its counters so far.
     *
     * @param limit  1 to {@value #MAX_RUNS}, 20 when null
     * @param offset >= 0, 0 when null
     * @return {@code runs} (each: {@code run_id}, {@code mode}, {@code status}, {@code started_at},
     *         {@code finished_at}, {@code total_synced}, {@code total_pages}, {@code requests}, {@code errors},
     *         {@code error_message}, {@code duration_seconds}, {@code by_segment}), {@code total}, {@code limit},
     *         {@code offset}, {@code running} (true while a sync runs)
     * @throws ApiRefusal 400 for a limit or offset out of range or not a number
     */
    public Map<String, Object> runs(@Header("limit") String limit, @Header("offset") String offset) {
        int l = integer("limit", limit, 20);
        if (l < 1 || l > MAX_RUNS) {
            throw new ApiRefusal(400, "limit must be between 1 and " + MAX_RUNS + ", was " + l);
        }
        int o = integer("offset", offset, 0);
        if (o < 0) {
            throw new ApiRefusal(400, "offset must be >= 0, was " + o);
        }
        java.util.Optional<ContactSync.RunningSync> live = sync.running();
        List<Map<String, Object>> runs = new ArrayList<>();
        for (SyncRun run : store.runs(o, l)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run_id", run.getId());
            m.put("mode", run.getMode().name());
            m.put("status", run.getStatus().name());
            m.put("started_at", text(run.getStartedAt()));
            m.put("finished_at", text(run.getFinishedAt()));
            boolean running = run.getStatus() == SyncRun.Status.RUNNING;
            ContactSync.RunningSync now = running ? live.filter(r -> r.runId() == run.getId()).orElse(null) : null;
            m.put("total_synced", now != null ? now.contacts() : run.getContactsSynced());
            m.put("total_pages", now != null ? now.pages() : run.getPages());
            m.put("requests", now != null ? now.requests() : run.getRequests());
            m.put("errors", run.getErrors());
            m.put("error_message", run.getErrorMessage());
            m.put("duration_seconds", running ? null : run.getDurationMs() / 1000.0);
            m.put("by_segment", segmentCounts(run.getSegmentCounts()));
            runs.add(m);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("runs", runs);
        answer.put("total", store.runCount());
        answer.put("limit", l);
        answer.put("offset", o);
        answer.put("running", sync.isRunning());
        return answer;
    }

    /**
     * {@code GET /api/integrations/hubspot/segments}: the segment rules in force, written for people, and how many
     * stored, non-archived contacts each segment holds now.
     *
     * @return {@code segments}: each {@code name}, {@code rule} (a sentence), {@code contacts}; and {@code total}
     *         (every stored, non-archived contact; a contact can be in several segments or none)
     */
    public Map<String, Object> segments() {
        Map<String, Long> sizes = store.segmentSizes();
        List<Map<String, Object>> segments = new ArrayList<>();
        sync.rules().descriptions().forEach((name, rule) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("rule", rule);
            m.put("contacts", sizes.getOrDefault(name, 0L));
            segments.add(m);
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("segments", segments);
        answer.put("total", store.activeContacts(null, 0, 1).total());
        return answer;
    }

    /** True while a sync runs (the console's "Sync now" shows the running one instead of starting another). */
    public boolean syncRunning() {
        return sync.isRunning();
    }

    private static String segment(String segment) {
        String s = segment == null || segment.isBlank() ? null : segment.trim().toLowerCase(Locale.ROOT);
        if (s != null && !SegmentRules.NAMES.contains(s)) {
            throw new ApiRefusal(400, "unknown segment '" + segment.trim() + "'; segments: "
                    + String.join(", ", SegmentRules.NAMES));
        }
        return s;
    }

    /**
     * {@code GET /api/integrations/hubspot/sync/stats}: the newest finished run.
     *
     * @return {@code total_synced}, {@code total_pages}, {@code by_segment}, {@code errors},
     *         {@code duration_seconds}, {@code timestamp} (when it finished), and {@code run_id}, {@code mode},
     *         {@code status}, {@code requests}, {@code error_message} (its errors joined, or null)
     * @throws ApiRefusal 404 when no run has finished yet
     */
    public Map<String, Object> lastRunStats() {
        SyncRun run = store.lastRun().orElseThrow(() -> new ApiRefusal(404, "no contact sync has run yet"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("run_id", run.getId());
        answer.put("mode", run.getMode().name());
        answer.put("status", run.getStatus().name());
        answer.put("total_synced", run.getContactsSynced());
        answer.put("total_pages", run.getPages());
        answer.put("requests", run.getRequests());
        answer.put("by_segment", segmentCounts(run.getSegmentCounts()));
        answer.put("errors", run.getErrors());
        answer.put("error_message", run.getErrorMessage());
        answer.put("duration_seconds", run.getDurationMs() / 1000.0);
        answer.put("timestamp", text(run.getFinishedAt()));
        return answer;
    }

    /**
     * {@code DELETE /api/integrations/hubspot/contacts}: deletes every stored contact (sync runs stay).
     *
     * @return {@code deleted}: how many
     * @throws SyncAlreadyRunningException while a sync runs (409): it would store pages again at once
     */
    public Map<String, Object> deleteContacts() {
        if (sync.isRunning()) {
            throw new SyncAlreadyRunningException();
        }
        return Map.of("deleted", store.deleteContacts());
    }

    private String mode(String queryMode, String body) {
        String mode = queryMode;
        if ((mode == null || mode.isBlank()) && body != null && !body.isBlank()) {
            JsonNode node;
            try {
                node = json.readTree(body);
            } catch (JsonProcessingException e) {
                throw new ApiRefusal(400, "the body must be a JSON object such as {\"mode\": \"full\"}");
            }
            if (node == null || !node.isObject()) {
                throw new ApiRefusal(400, "the body must be a JSON object such as {\"mode\": \"full\"}");
            }
            mode = node.path("mode").isTextual() ? node.path("mode").asText() : null;
        }
        if (mode == null || mode.isBlank()) {
            return SyncRun.Mode.INCREMENTAL.name();
        }
        String m = mode.trim().toUpperCase(Locale.ROOT);
        if (Arrays.stream(SyncRun.Mode.values()).noneMatch(v -> v.name().equals(m))) {
            throw new ApiRefusal(400, "mode must be full or incremental, was '" + mode.trim() + "'");
        }
        return m;
    }

    private long awaitStart(CompletableFuture<Long> opened) {
        try {
            return opened.get(startTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the background sync did not start within " + startTimeoutMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the background sync");
        }
    }

    private static Map<String, Object> stats(SyncStats s) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("run_id", s.runId());
        answer.put("mode", s.mode().name());
        answer.put("status", s.status().name());
        answer.put("total_synced", s.totalSynced());
        answer.put("total_pages", s.totalPages());
        answer.put("requests", s.requests());
        answer.put("by_segment", ordered(s.bySegment()));
        answer.put("errors", s.errors());
        answer.put("error_messages", s.errorMessages());
        answer.put("duration_seconds", s.durationSeconds());
        answer.put("timestamp", text(s.timestamp()));
        return answer;
    }

    private Map<String, Object> contact(SyncedContact c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.getHubspotId());
        m.put("email", c.getEmail());
        m.put("firstname", c.getFirstname());
        m.put("lastname", c.getLastname());
        m.put("company", c.getCompany());
        m.put("phone", c.getPhone());
        m.put("jobtitle", c.getJobtitle());
        m.put("lifecyclestage", c.getLifecyclestage());
        m.put("segments", c.getSegments().isEmpty() ? List.of() : List.of(c.getSegments().split(",")));
        // null when the sync was not asked for memberships (crm-bridge.sync.list-memberships)
        String lists = c.getListMemberships();
        m.put("list_memberships", lists == null ? null : lists.isEmpty() ? List.of() : List.of(lists.split(",")));
        m.put("created_at", text(c.getCreatedAt()));
        m.put("updated_at", text(c.getUpdatedAt()));
        m.put("synced_at", text(c.getSyncedAt()));
        try {
            m.put("properties", json.readTree(c.getProperties()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored properties of contact " + c.getHubspotId() + " are not JSON", e);
        }
        return m;
    }

    private Map<String, Long> segmentCounts(String stored) {
        if (stored == null || stored.isBlank()) {
            return Map.of();
        }
        try {
            return ordered(json.readValue(stored, new TypeReference<Map<String, Long>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored segment counts are not JSON: " + stored, e);
        }
    }

    /** Segment counts in {@link SegmentRules#NAMES} order, any other names after. */
    private static Map<String, Long> ordered(Map<String, Long> counts) {
        Map<String, Long> m = new LinkedHashMap<>();
        SegmentRules.NAMES.stream().filter(counts::containsKey).forEach(n -> m.put(n, counts.get(n)));
        counts.forEach(m::putIfAbsent);
        return m;
    }

    private static int integer(String name, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ApiRefusal(400, name + " must be a whole number, was '" + value.trim() + "'");
        }
    }

    /** ISO-8601 in milliseconds: the database keeps microseconds, so a run's stats read back the same. */
    private static String text(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
