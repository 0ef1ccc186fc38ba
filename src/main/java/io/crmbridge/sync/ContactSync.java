package io.crmbridge.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmbridge.hubspot.HubSpotCallException;
import io.crmbridge.hubspot.HubSpotGateway;
import io.crmbridge.model.ObjectType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one contact sync from HubSpot into the database (PRODUCT.md S1, S2, S4), one
 * run at a time. Every request goes through {@link HubSpotGateway} (rate budget, 429/5xx redelivery).
 * <ul>
 * <li>FULL: pages {@code GET /crm/v3/objects/contacts?limit=100&properties=...&after=...} until no
 * {@code paging.next.after} (hubspot-api.md §3.1), then the {@code archived=true} listing marks archived
 * contacts; after a completed listing, stored contacts it did not return are flagged archived (deleted or
 * merged away).</li>
 * <li>INCREMENTAL: search {@code lastmodifieddate GTE (last COMPLETED watermark - overlap)} sorted
 * ascending, 200 per page, integer offsets (§3.2). At the 10,000-result cap a new window starts at the
 * newest lastmodifieddate seen (GTE again, so ties are fetched twice, never lost: upserts dedupe); when a
 * whole window shares one timestamp, that timestamp is walked on {@code hs_object_id > last id}.
 * Searches are spaced {@code searchSpacing} apart (HubSpot allows 5 searches a second, §3.2). Archived
 * contacts never appear in search results, so when every window was read the {@code archived=true} listing
 * is paged too (unless {@link SyncOptions#incrementalArchived()} is off; then the next full sync flags them).</li>
 * <li>List memberships, when {@link SyncOptions#listMemberships()} asks for them: after each page, one
 * {@code POST /crm/v3/lists/records/memberships/batch/read} per 100 active contacts of the page (HubSpot's
 * Lists v3 document); a contact whose memberships could not be read keeps those stored before.</li>
 * <li>Merges: a contact whose {@code hs_merged_object_ids} lists ids marks those stored contacts
 * archived with {@code merged_into} set to it.</li>
 * <li>Errors (S4): each page is stored in its own transaction as it arrives. A 401/403 ends the run FAILED
 * with HubSpot's message, keeping the pages stored before it and overwriting nothing else. A page still
 * failing after the gateway's redeliveries (5xx, I/O) is recorded; a search page is skipped (its offset
 * is known) and the run goes on; a listing page cannot be skipped (its cursor comes from the failed
 * page), so the run ends there. Either way the run is PARTIAL and keeps what it stored; its watermark is
 * not used by the next incremental sync.</li>
 * </ul>
 */
public class ContactSync {

    /** The properties fetched unless {@code crm-bridge.sync.properties} says otherwise. */
    public static final String DEFAULT_PROPERTIES = "email,firstname,lastname,company,phone,jobtitle,lifecyclestage,"
            + "createdate,lastmodifieddate,hs_object_id," + FetchedContact.MERGED_IDS;
    /** Page size of the list endpoint (its maximum, hubspot-api.md §3.1). */
    static final int LIST_LIMIT = 100;
    /** Page size of search (its maximum, §3.2). */
    static final int SEARCH_LIMIT = 200;
    /** Results one search query can page through (§3.2). */
    static final int SEARCH_CAP = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ContactSync.class);

    private final Executor pageFetcher;
    private final SyncGuard guard;
    private final Consumer<SyncStats> onEnded;
    private final HubSpotGateway gateway;
    private final ContactStore store;
    private final SegmentRules rules;
    private final List<String> properties;
    private final Duration overlap;
    private final Duration searchSpacing;
    private final SyncOptions options;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile RunInProgress current;
    private long lastSearchNanos;

    /**
     * @param options     what to fetch and how (properties, overlap, search spacing, memberships, archived)
     * @param pageFetcher where a listing's next page is fetched while the current one is stored
     */
    public ContactSync(HubSpotGateway gateway, ContactStore store, SegmentRules rules, SyncOptions options,
                       Clock clock, Executor pageFetcher) {
        this(gateway, store, rules, options, clock, pageFetcher, SyncGuard.singleInstance());
    }

    /**
     * @param options     what to fetch and how (properties, overlap, search spacing, memberships, archived)
     * @param pageFetcher where a listing's next page is fetched while the current one is stored
     * @param guard       who else may be syncing: {@link SyncGuard#singleInstance()} alone, the database's
     *                    {@link AdvisoryLockSyncGuard} when several instances share it
     */
    public ContactSync(HubSpotGateway gateway, ContactStore store, SegmentRules rules, SyncOptions options,
                       Clock clock, Executor pageFetcher, SyncGuard guard) {
        this(gateway, store, rules, options, clock, pageFetcher, guard, stats -> { });
    }

    /**
     * @param onEnded told each run's stats once the run is closed, whatever its status (the completion events,
     *                docs/events.md); it must not throw
     */
    public ContactSync(HubSpotGateway gateway, ContactStore store, SegmentRules rules, SyncOptions options,
                       Clock clock, Executor pageFetcher, SyncGuard guard, Consumer<SyncStats> onEnded) {
        this.onEnded = onEnded;
        this.guard = guard;
        this.pageFetcher = pageFetcher;
        this.gateway = gateway;
        this.store = store;
        this.rules = rules;
        this.options = options;
        this.properties = options.properties();
        this.overlap = options.overlap();
        this.searchSpacing = options.searchSpacing();
        this.clock = clock;
    }

    /**
     * Runs one sync.
     *
     * @param mode {@code FULL} or {@code INCREMENTAL} (any case; null or blank means INCREMENTAL)
     * @return the run's stats (its status says whether it completed)
     * @throws SyncAlreadyRunningException when another sync is running, here or on another instance (runs never
     *                                     overlap)
     * @throws IllegalArgumentException    for another mode
     */
    public SyncStats run(String mode) {
        return runReportingStart(mode, runId -> { });
    }

    /**
     * Runs one sync like {@link #run(String)} (another name, so that routes calling {@code run} by name
     * stay unambiguous), telling {@code onStarted} the sync_run id as soon as the run
     * is opened (before any page is fetched): how a caller running it in the background learns its id.
     *
     * @throws SyncAlreadyRunningException when another sync is running (onStarted is not called)
     * @throws IllegalArgumentException    for a mode other than FULL or INCREMENTAL (onStarted is not called)
     */
    public SyncStats runReportingStart(String mode, LongConsumer onStarted) {
        SyncRun.Mode m = mode == null || mode.isBlank() ? SyncRun.Mode.INCREMENTAL
                : SyncRun.Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        if (!running.compareAndSet(false, true)) {
            throw new SyncAlreadyRunningException();
        }
        try {
            // taken before the sync_run row is opened: a run refused here leaves no trace in sync_run
            SyncGuard.Permit permit = guard.tryAcquire().orElseThrow(() -> new SyncAlreadyRunningException(
                    "a contact sync is already running on another instance"));
            try (permit) {
                return runExclusive(m, onStarted);
            }
        } finally {
            current = null;
            running.set(false);
        }
    }

    /** True while a sync runs, here or, with several instances, on another one ({@link SyncGuard#held()}). */
    public boolean isRunning() {
        return running.get() || guard.held();
    }

    /** The segment rules this sync applies (the {@code crm-bridge.sync.segments.*} settings). */
    public SegmentRules rules() {
        return rules;
    }

    /**
     * The counters of the sync running now, as far as it got: empty when none runs. Read while the run goes on
     * (the console's progress), so the figures may be one page behind.
     */
    public java.util.Optional<RunningSync> running() {
        RunInProgress r = current;
        return r == null ? java.util.Optional.empty() : java.util.Optional.of(new RunningSync(r.runId(),
                r.progress().pages(), r.progress().contacts(), r.progress().requests()));
    }

    /**
     * A sync in progress as {@link #running()} gives it.
     *
     * @param runId    its sync_run id
     * @param pages    pages stored so far
     * @param contacts contacts stored so far
     * @param requests HubSpot requests sent so far
     */
    public record RunningSync(long runId, int pages, long contacts, int requests) {
    }

    private record RunInProgress(long runId, SyncProgress progress) {
    }

    private SyncStats runExclusive(SyncRun.Mode mode, LongConsumer onStarted) {
        Instant started = clock.instant();
        int abandoned = store.closeAbandonedRuns(started);
        if (abandoned > 0) {
            LOG.warn("Contact sync: {} earlier run(s) left RUNNING by a stopped process closed as PARTIAL", abandoned);
        }
        long runId = store.openRun(mode, started);
        onStarted.accept(runId);
        SyncProgress progress = new SyncProgress(mode);
        current = new RunInProgress(runId, progress);
        LOG.info("Contact sync {} started (run {})", mode, runId);
        SyncRun.Status status;
        try {
            boolean complete = mode == SyncRun.Mode.FULL ? full(progress, started) : incremental(progress);
            status = complete && progress.errors().isEmpty() ? SyncRun.Status.COMPLETED : SyncRun.Status.PARTIAL;
        } catch (HubSpotCallException e) {
            if (!e.isAuthProblem()) {
                throw e;
            }
            progress.error("HubSpot refused the credentials (HTTP " + e.status() + (e.category() == null ? ""
                    : " " + e.category()) + "): " + e.getMessage() + "; the sync stopped after " + progress.pages()
                    + " pages, contacts stored before were kept");
            status = SyncRun.Status.FAILED;
        } catch (RuntimeException e) {
            progress.error("sync ended early: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            status = SyncRun.Status.PARTIAL;
        }
        Instant finished = clock.instant();
        Map<String, Long> bySegment = store.refreshSegments(rules, finished);
        store.finishRun(runId, status, progress, finished, toJson(bySegment));
        double seconds = Duration.between(started, finished).toMillis() / 1000.0;
        LOG.info("Contact sync {} {}: {} contacts, {} pages, {} requests, {} errors in {} s (run {})", mode, status,
                progress.contacts(), progress.pages(), progress.requests(), progress.errors().size(), seconds, runId);
        SyncStats stats = new SyncStats(runId, mode, status, progress.contacts(), progress.pages(),
                progress.requests(), bySegment, progress.errors().size(), progress.errors(), seconds, finished);
        onEnded.accept(stats);
        return stats;
    }

    /** @return true when both listings were read to their end */
    private boolean full(SyncProgress progress, Instant started) {
        String base = gateway.settings().paths().objects(ObjectType.CONTACTS) + "?limit=" + LIST_LIMIT
                + "&properties=" + String.join(",", properties);
        boolean listed = list(base, progress);
        if (!listed) {
            return false;
        }
        // changes made while the listing ran carry a lastmodifieddate after the start: the next
        // incremental sync must start no later than that, whatever newer dates later pages showed
        progress.capWatermark(started);
        boolean archivedListed = list(archivedListing(), progress);
        int gone = store.archiveNotSyncedSince(started, clock.instant());
        if (gone > 0) {
            LOG.info("Contact sync (FULL): {} stored contacts no longer listed, flagged archived", gone);
        }
        return archivedListed;
    }

    /** Pages one listing to its end; false when a page failed for good (its cursor is lost). */
    private boolean list(String base, SyncProgress progress) {
        CompletableFuture<JsonNode> next = fetch(base, null, progress);
        while (true) {
            JsonNode body;
            try {
                body = await(next);
            } catch (HubSpotCallException e) {
                if (e.isAuthProblem()) {
                    throw e;
                }
                progress.error("page " + (progress.pages() + 1) + " failed after retries (HTTP " + e.status() + "): "
                        + e.getMessage() + "; a listing cursor cannot be skipped, so the run ended early");
                return false;
            }
            String after = body.path("paging").path("next").path("after").asText(null);
            boolean more = after != null && !after.isEmpty();
            // the next page is on its way while this one is stored: storing does not hold up the listing,
            // which then runs at the request budget (docs/benchmarks.md); pages are still stored in order
            next = more ? fetch(base, after, progress) : null;
            store(body, progress);
            if (!more) {
                return true;
            }
        }
    }

    /** Starts fetching one listing page (counted as a request at once, on the caller's thread). */
    private CompletableFuture<JsonNode> fetch(String base, String after, SyncProgress progress) {
        String path = after == null ? base : base + "&after=" + encode(after);
        progress.request();
        return CompletableFuture.supplyAsync(() -> gateway.get(path, null).body(), pageFetcher);
    }

    private static JsonNode await(CompletableFuture<JsonNode> page) {
        try {
            return page.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private String archivedListing() {
        return gateway.settings().paths().objects(ObjectType.CONTACTS) + "?limit=" + LIST_LIMIT
                + "&archived=true&properties=" + String.join(",", properties);
    }

    /** @return true when every window and, if asked, the archived listing were read to their end */
    private boolean incremental(SyncProgress progress) {
        boolean searched = searchWindows(progress);
        if (!searched || !options.incrementalArchived()) {
            return searched;
        }
        return list(archivedListing(), progress);
    }

    /** @return true when every window was read to its end */
    private boolean searchWindows(SyncProgress progress) {
        Instant since = store.lastWatermark().map(w -> w.minus(overlap)).orElse(Instant.EPOCH);
        LOG.info("Contact sync (INCREMENTAL): contacts modified since {}", since);
        long cursor = since.toEpochMilli();
        while (true) {
            ObjectNode filter = filter("lastmodifieddate", "GTE", Long.toString(cursor));
            Window window = window(List.of(filter), "lastmodifieddate", progress);
            if (window.exhausted) {
                return true;
            }
            if (window.newestModified == Long.MIN_VALUE) {
                return false;
            }
            if (window.newestModified > cursor && window.oldestModified < window.newestModified) {
                cursor = window.newestModified;
                continue;
            }
            // the whole 10,000-result window shares one timestamp: walk it by id, then move past it
            cursor = window.newestModified;
            String lastId = "0";
            while (true) {
                Window ties = window(List.of(filter("lastmodifieddate", "EQ", Long.toString(cursor)),
                        filter("hs_object_id", "GT", lastId)), "hs_object_id", progress);
                if (ties.exhausted) {
                    break;
                }
                if (ties.highestId == Long.MIN_VALUE) {
                    return false;
                }
                lastId = Long.toString(ties.highestId);
            }
            cursor++;
        }
    }

    /** What one search window saw. */
    private static final class Window {
        boolean exhausted;
        long oldestModified = Long.MAX_VALUE;
        long newestModified = Long.MIN_VALUE;
        long highestId = Long.MIN_VALUE;
    }

    /** Pages one search query from offset 0 until its results end or the 10,000 cap. */
    private Window window(List<ObjectNode> filters, String sortProperty, SyncProgress progress) {
        Window window = new Window();
        int offset = 0;
        while (true) {
            ObjectNode body = json.createObjectNode();
            ArrayNode filterList = body.putArray("filterGroups").addObject().putArray("filters");
            filters.forEach(filterList::add);
            // the string form ("prop" ascending, "-prop" descending): the OpenAPI types sorts as string[] (§3.2)
            body.putArray("sorts").add(sortProperty);
            ArrayNode props = body.putArray("properties");
            properties.forEach(props::add);
            body.put("limit", SEARCH_LIMIT);
            body.put("after", Integer.toString(offset));
            JsonNode page;
            try {
                pace();
                progress.request();
                page = gateway.post(gateway.settings().paths().objects(ObjectType.CONTACTS) + "/search", body, null)
                        .body();
            } catch (HubSpotCallException e) {
                if (e.isAuthProblem()) {
                    throw e;
                }
                progress.error("search page at offset " + offset + " failed after retries (HTTP " + e.status() + "): "
                        + e.getMessage() + "; skipped, the sync went on with the next page");
                offset += SEARCH_LIMIT;
                if (offset + SEARCH_LIMIT > SEARCH_CAP) {
                    return window;
                }
                continue;
            }
            for (FetchedContact c : store(page, progress)) {
                if (c.updatedAt() != null) {
                    window.newestModified = Math.max(window.newestModified, c.updatedAt().toEpochMilli());
                    window.oldestModified = Math.min(window.oldestModified, c.updatedAt().toEpochMilli());
                }
                window.highestId = Math.max(window.highestId, Long.parseLong(c.id()));
            }
            String next = page.path("paging").path("next").path("after").asText(null);
            if (next == null || next.isEmpty()) {
                window.exhausted = true;
                return window;
            }
            offset = Integer.parseInt(next.trim());
            if (offset + SEARCH_LIMIT > SEARCH_CAP) {
                return window;
            }
        }
    }

    private List<FetchedContact> store(JsonNode body, SyncProgress progress) {
        List<FetchedContact> page = new ArrayList<>();
        body.path("results").forEach(r -> page.add(FetchedContact.from(r)));
        Instant newest = null;
        for (FetchedContact c : page) {
            if (!c.archived() && c.updatedAt() != null && (newest == null || c.updatedAt().isAfter(newest))) {
                newest = c.updatedAt();
            }
        }
        int stored = store.upsert(page, options.listMemberships() ? memberships(page, progress) : Map.of(), rules,
                clock.instant());
        progress.page(stored, newest);
        return page;
    }

    /**
     * The list ids of the page's active contacts, read in batches of {@value #LIST_LIMIT}; a batch still
     * failing after the gateway's redeliveries is recorded as an error and its contacts left out.
     */
    private Map<String, List<String>> memberships(List<FetchedContact> page, SyncProgress progress) {
        List<String> ids = page.stream().filter(c -> !c.archived()).map(FetchedContact::id).toList();
        Map<String, List<String>> lists = new HashMap<>();
        for (int from = 0; from < ids.size(); from += LIST_LIMIT) {
            ObjectNode body = json.createObjectNode();
            ArrayNode inputs = body.putArray("inputs");
            ids.subList(from, Math.min(ids.size(), from + LIST_LIMIT))
                    .forEach(id -> inputs.addObject().put("objectTypeId", ObjectType.CONTACTS.typeId()).put("recordId", id));
            JsonNode answer;
            try {
                progress.request();
                answer = gateway.post(gateway.settings().paths().listMembershipsBatchRead(), body, null).body();
            } catch (HubSpotCallException e) {
                if (e.isAuthProblem()) {
                    throw e;
                }
                progress.error("list memberships of " + inputs.size() + " contacts failed after retries (HTTP "
                        + e.status() + "): " + e.getMessage() + "; their stored memberships were kept");
                continue;
            }
            for (JsonNode result : answer.path("results")) {
                List<String> listIds = new ArrayList<>();
                result.path("recordListMemberships").forEach(m -> listIds.add(m.path("listId").asText()));
                lists.put(result.path("recordId").asText(), listIds);
            }
        }
        return lists;
    }

    /** Keeps searches {@code searchSpacing} apart: HubSpot answers a faster caller with 429s (§3.2). */
    private void pace() {
        long wait = lastSearchNanos + searchSpacing.toNanos() - System.nanoTime();
        if (lastSearchNanos != 0 && wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("contact sync interrupted", e);
            }
        }
        lastSearchNanos = System.nanoTime();
    }

    private static ObjectNode filter(String property, String operator, String value) {
        ObjectNode f = new ObjectMapper().createObjectNode();
        f.put("propertyName", property).put("operator", operator).put("value", value);
        return f;
    }

    private String toJson(Map<String, Long> counts) {
        try {
            return json.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
