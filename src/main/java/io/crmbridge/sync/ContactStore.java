package io.crmbridge.sync;

import io.crmbridge.config.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The synced contacts and sync runs in the database (PRODUCT.md S1). Every method runs in its own
 * transaction, so a page once stored stays stored whatever happens to the rest of the run (S4).
 */
public class ContactStore {

    private static final int IN_CHUNK = 500;

    private final Transactions transactions;
    private final Consumer<List<SyncedContact>> writer;

    /**
     * @param writer stores one page of prepared rows by id in one transaction (the {@code store-contacts}
     *               route, {@link SyncedContactUpsert}), throwing when it fails
     */
    public ContactStore(EntityManagerFactory emf, Consumer<List<SyncedContact>> writer) {
        this.transactions = new Transactions(emf);
        this.writer = writer;
    }

    /**
     * Inserts or updates one page of contacts by HubSpot id, with their segments at {@code now}; a
     * contact listing merged ids marks those contacts merged into it. The rows are prepared here from
     * what is stored (read in one query) and written by the {@code store-contacts} route
     * (routes/contact-sync.yaml, {@link SyncedContactUpsert}): atomic inserts-or-updates by id of the whole page in
     * one transaction, so that another writer storing the same contact meanwhile causes no duplicate key.
     *
     * @param memberships HubSpot id -> list ids for the contacts whose memberships were fetched; a contact
     *                    missing from it keeps its stored memberships
     * @return how many contacts were stored
     * @throws RuntimeException when the write fails (nothing of the page is stored then)
     */
    public int upsert(Collection<FetchedContact> page, Map<String, List<String>> memberships, SegmentRules rules,
                      Instant now) {
        List<SyncedContact> rows = inTransaction(em -> {
            Map<String, SyncedContact> existing = find(em, page.stream().map(FetchedContact::id).toList());
            List<String> losers = page.stream().filter(c -> !c.archived()).flatMap(c -> c.mergedIds().stream()).toList();
            Map<String, SyncedContact> mergedAway = find(em, losers);
            // detached from here on: only the camel-jpa route writes
            em.clear();
            Map<String, SyncedContact> changed = new LinkedHashMap<>();
            for (FetchedContact c : page) {
                SyncedContact row = existing.getOrDefault(c.id(), new SyncedContact(c.id()));
                List<String> segments = c.archived() ? List.of()
                        : rules.segmentsOf(c.property("company"), c.property("lifecyclestage"), c.updatedAt(), now);
                row.apply(c, String.join(",", segments), now);
                List<String> lists = memberships.get(c.id());
                if (lists != null) {
                    row.setListMemberships(String.join(",", lists));
                }
                changed.put(c.id(), row);
            }
            for (FetchedContact c : page) {
                if (!c.archived()) {
                    for (String loser : c.mergedIds()) {
                        SyncedContact merged = changed.getOrDefault(loser, mergedAway.get(loser));
                        if (merged != null) {
                            merged.markMerged(c.id(), now);
                            changed.put(loser, merged);
                        }
                    }
                }
            }
            return new ArrayList<>(changed.values());
        });
        writer.accept(rows);
        return page.size();
    }

    /**
     * Flags as archived every active contact a completed full listing did not return (deleted or merged
     * away in HubSpot since it was stored).
     *
     * @return how many were flagged
     */
    public int archiveNotSyncedSince(Instant runStart, Instant now) {
        return inTransaction(em -> {
            List<SyncedContact> gone = em.createQuery(
                            "select c from SyncedContact c where c.archived = false and c.syncedAt < :start",
                            SyncedContact.class)
                    .setParameter("start", runStart).getResultList();
            gone.forEach(c -> c.markArchived(now));
            return gone.size();
        });
    }

    /**
     * Re-evaluates the segments of every stored, non-archived contact at {@code now} (engaged and cold
     * depend on time, and an incremental sync does not see unchanged contacts) and counts them.
     *
     * @return segment -> number of contacts, with every segment name present
     */
    public Map<String, Long> refreshSegments(SegmentRules rules, Instant now) {
        return inTransaction(em -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            SegmentRules.NAMES.forEach(n -> counts.put(n, 0L));
            Map<String, List<String>> changed = new HashMap<>();
            // the columns the rules read, not the entities: loading 100,000 contacts with their stored properties
            // and checking each for changes at commit took 3 s at the end of every full sync (docs/benchmarks.md)
            try (Stream<Object[]> active = em.createQuery("select c.hubspotId, c.company, c.lifecyclestage,"
                    + " c.updatedAt, c.segments from SyncedContact c where c.archived = false", Object[].class)
                    .getResultStream()) {
                active.forEach(c -> {
                    List<String> segments = rules.segmentsOf((String) c[1], (String) c[2], (Instant) c[3], now);
                    String list = String.join(",", segments);
                    if (!list.equals(c[4])) {
                        changed.computeIfAbsent(list, k -> new ArrayList<>()).add((String) c[0]);
                    }
                    segments.forEach(s -> counts.merge(s, 1L, Long::sum));
                });
            }
            changed.forEach((list, ids) -> {
                for (int i = 0; i < ids.size(); i += IN_CHUNK) {
                    em.createQuery("update SyncedContact c set c.segments = :s where c.hubspotId in :ids")
                            .setParameter("s", list)
                            .setParameter("ids", ids.subList(i, Math.min(ids.size(), i + IN_CHUNK)))
                            .executeUpdate();
                }
            });
            return counts;
        });
    }

    /**
     * Closes the runs a stopped process left RUNNING: status PARTIAL (the contacts they stored stay; no watermark, so
     * the next incremental sync does not start from them), finished at {@code now}, with the reason. Called only by
     * the holder of the sync's permit ({@link SyncGuard}): while it holds it no other sync runs, in this process or
     * another, so every RUNNING row belongs to a process that died (SIGKILL, power loss) before it could end it.
     *
     * @return how many runs were closed
     */
    public int closeAbandonedRuns(Instant now) {
        return inTransaction(em -> {
            List<SyncRun> abandoned = em.createQuery("select r from SyncRun r where r.status = 'RUNNING'", SyncRun.class)
                    .getResultList();
            abandoned.forEach(r -> r.abandon(now));
            return abandoned.size();
        });
    }

    /** Opens a RUNNING sync run and returns its id. */
    public long openRun(SyncRun.Mode mode, Instant startedAt) {
        return inTransaction(em -> {
            SyncRun run = new SyncRun(mode, startedAt);
            em.persist(run);
            em.flush();
            return run.getId();
        });
    }

    void finishRun(long runId, SyncRun.Status status, SyncProgress progress, Instant finishedAt, String segmentsJson) {
        inTransaction(em -> {
            em.find(SyncRun.class, runId).finish(status, progress, finishedAt, segmentsJson);
            return null;
        });
    }

    /** The watermark of the newest COMPLETED run that has one: where the next incremental sync starts. */
    public Optional<Instant> lastWatermark() {
        return inTransaction(em -> em.createQuery("select r.watermark from SyncRun r where r.status = 'COMPLETED'"
                        + " and r.watermark is not null order by r.id desc", Instant.class)
                .setMaxResults(1).getResultStream().findFirst());
    }

    /** The newest finished run, if any. */
    public Optional<SyncRun> lastRun() {
        return inTransaction(em -> em.createQuery("select r from SyncRun r where r.status <> 'RUNNING' order by r.id desc",
                SyncRun.class).setMaxResults(1).getResultStream().findFirst());
    }

    /** One stored contact by HubSpot id. */
    public Optional<SyncedContact> contact(String hubspotId) {
        return inTransaction(em -> Optional.ofNullable(em.find(SyncedContact.class, hubspotId)));
    }

    /** Every stored contact (archived ones included), in id order. */
    public List<SyncedContact> contacts() {
        return inTransaction(em -> em.createQuery("select c from SyncedContact c order by c.hubspotId",
                SyncedContact.class).getResultList());
    }

    /**
     * One page of the stored, non-archived contacts in HubSpot id order, optionally only those in one
     * segment (matched as a whole name in the comma-separated segments column, never as a substring).
     *
     * @param segment a segment name, or null for every active contact
     * @param offset  contacts to skip, >= 0
     * @param limit   most contacts returned, >= 1
     * @return the page and the number of contacts matching in all
     */
    public ContactPage activeContacts(String segment, int offset, int limit) {
        return activeContactsMatching(ContactQuery.of(segment), offset, limit);
    }

    /**
     * One page of the stored, non-archived contacts that {@code query} selects, in its order (HubSpot id breaking
     * ties, so that pages never overlap). A segment is matched as a whole name in the comma-separated segments
     * column, never as a substring; the search text as a part of the e-mail, first name, last name, "first last"
     * or company, ignoring case, with LIKE's wildcards taken literally.
     *
     * @param offset contacts to skip, >= 0
     * @param limit  most contacts returned, >= 1
     * @return the page and the number of contacts matching in all
     */
    public ContactPage activeContactsMatching(ContactQuery query, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
        String where = " where c.archived = false"
                + (query.segment() == null ? "" : " and concat(',', c.segments, ',') like :pattern escape '!'")
                + (query.text() == null ? "" : " and (lower(c.email) like :text escape '!'"
                        + " or lower(c.firstname) like :text escape '!' or lower(c.lastname) like :text escape '!'"
                        + " or lower(concat(coalesce(c.firstname, ''), ' ', coalesce(c.lastname, ''))) like :text escape '!'"
                        + " or lower(c.company) like :text escape '!')");
        // a missing e-mail, name, company or time sorts as the lowest value on every database (PostgreSQL takes
        // null as the highest, H2 as the lowest)
        String direction = query.descending() ? " desc nulls last" : " asc nulls first";
        String order = " order by " + String.join(direction + ", ", query.sort().columns().split(", ")) + direction
                + (query.sort() == ContactQuery.Sort.ID ? "" : ", c.hubspotId" + direction);
        return inTransaction(em -> {
            var count = em.createQuery("select count(c) from SyncedContact c" + where, Long.class);
            var page = em.createQuery("select c from SyncedContact c" + where + order, SyncedContact.class);
            if (query.segment() != null) {
                // '!' escapes LIKE's wildcards: high_value's '_' must match only itself
                String pattern = "%," + likeLiteral(query.segment()) + ",%";
                count.setParameter("pattern", pattern);
                page.setParameter("pattern", pattern);
            }
            if (query.text() != null) {
                String text = "%" + likeLiteral(query.text().toLowerCase(java.util.Locale.ROOT)) + "%";
                count.setParameter("text", text);
                page.setParameter("text", text);
            }
            return new ContactPage(page.setFirstResult(offset).setMaxResults(limit).getResultList(),
                    count.getSingleResult());
        });
    }

    /**
     * How many stored, non-archived contacts each segment holds now (the segments as the last run left them).
     *
     * @return segment -> number of contacts, every name of {@link SegmentRules#NAMES} present, in that order
     */
    public Map<String, Long> segmentSizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String segment : SegmentRules.NAMES) {
            sizes.put(segment, inTransaction(em -> em.createQuery("select count(c) from SyncedContact c where"
                            + " c.archived = false and concat(',', c.segments, ',') like :pattern escape '!'", Long.class)
                    .setParameter("pattern", "%," + likeLiteral(segment) + ",%").getSingleResult()));
        }
        return sizes;
    }

    /**
     * One page of the sync runs, the running one included, newest first.
     *
     * @param offset runs to skip, >= 0
     * @param limit  most runs returned, >= 1
     */
    public List<SyncRun> runs(int offset, int limit) {
        return inTransaction(em -> em.createQuery("select r from SyncRun r order by r.id desc", SyncRun.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList());
    }

    /** How many sync runs were ever opened. */
    public long runCount() {
        return inTransaction(em -> em.createQuery("select count(r) from SyncRun r", Long.class).getSingleResult());
    }

    /** {@code value} for a LIKE pattern with escape character '!': its wildcards and '!' match only themselves. */
    private static String likeLiteral(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /**
     * Deletes every stored contact (archived ones included); sync runs stay, so the next incremental sync
     * starts from the last watermark: run a FULL sync to fetch everything again.
     *
     * @return how many contacts were deleted
     */
    public int deleteContacts() {
        return inTransaction(em -> em.createQuery("delete from SyncedContact c").executeUpdate());
    }

    private static Map<String, SyncedContact> find(EntityManager em, List<String> ids) {
        Map<String, SyncedContact> found = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            em.createQuery("select c from SyncedContact c where c.hubspotId in :ids", SyncedContact.class)
                    .setParameter("ids", all.subList(i, Math.min(all.size(), i + IN_CHUNK)))
                    .getResultList().forEach(c -> found.put(c.getHubspotId(), c));
        }
        return found;
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        return transactions.run(work);
    }
}
