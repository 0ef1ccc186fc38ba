package io.crmbridge.ledger;

import io.crmbridge.config.Transactions;
import io.crmbridge.model.Link;
import io.crmbridge.model.ObjectType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hibernate.Session;

/**
 * The ledger (DESIGN.md): import runs by content hash, natural key -> HubSpot id and last-sent
 * hash, pending and made links. Every method runs in its own transaction; callers are the intake,
 * delivery and association beans. Losing the ledger costs API calls, never correctness, because
 * every write to HubSpot is an idempotent upsert.
 */
public class Ledger {

    private static final int IN_CHUNK = 500;

    private final Transactions transactions;
    private final Clock clock;

    public Ledger(EntityManagerFactory emf, Clock clock) {
        this.transactions = new Transactions(emf);
        this.clock = clock;
    }

    /** The completed, non-dry-run import of this exact content, if any (I1: never import the same content twice). */
    public Optional<ImportRun> completedRun(String contentHash) {
        return inTransaction(em -> em.createQuery(
                        "select r from ImportRun r where r.contentHash = :h and r.status = 'COMPLETED' and r.dryRun = false"
                                + " order by r.id", ImportRun.class)
                .setParameter("h", contentHash).setMaxResults(1).getResultStream().findFirst());
    }

    /** Opens a RUNNING import run and returns its id. */
    public long openRun(String fileName, String contentHash, ObjectType type, boolean dryRun) {
        return openRunOfKind(fileName, contentHash, type == null ? null : type.pathName(), dryRun);
    }

    /** Opens a RUNNING import run of a file that is not a HubSpot object type (a sales-ledger export) and returns its id. */
    public long openRunOfKind(String fileName, String contentHash, String kind, boolean dryRun) {
        return inTransaction(em -> {
            ImportRun run = new ImportRun(fileName, contentHash, kind, dryRun, clock.instant());
            em.persist(run);
            em.flush();
            return run.getId();
        });
    }

    /**
     * Marks every RUNNING run of this content (and dry-run mode) INTERRUPTED and returns them, oldest first. Called
     * when the content is taken: the intake takes one file at a time, so such a run belongs to a process that
     * stopped before finishing it (killed, or stopped between batches).
     */
    public List<ImportRun> interruptRuns(String contentHash, boolean dryRun) {
        return inTransaction(em -> {
            List<ImportRun> runs = em.createQuery("select r from ImportRun r where r.contentHash = :h"
                            + " and r.status = 'RUNNING' and r.dryRun = :d order by r.id", ImportRun.class)
                    .setParameter("h", contentHash).setParameter("d", dryRun).getResultList();
            runs.forEach(r -> r.finish(ImportRun.Status.INTERRUPTED, 0, null, clock.instant()));
            return runs;
        });
    }

    /** Closes an import run with its final status, rows read and report path. */
    public void finishRun(long runId, ImportRun.Status status, long rowsRead, String reportPath) {
        inTransaction(em -> {
            ImportRun run = em.find(ImportRun.class, runId);
            if (run != null) {
                run.finish(status, rowsRead, reportPath, clock.instant());
            }
            return null;
        });
    }

    /** Known records by natural key (keys not in the ledger are absent from the map). */
    public Map<String, RecordKey> find(ObjectType type, Collection<String> keys) {
        // read-only: nothing to check for changes at commit (every batch of every file asks)
        return inTransaction(em -> {
            em.unwrap(Session.class).setDefaultReadOnly(true);
            return recordKeys(em, type, keys);
        });
    }

    /** The record keys of {@code type} among {@code keys}, managed by {@code em}, by natural key. */
    private static Map<String, RecordKey> recordKeys(EntityManager em, ObjectType type, Collection<String> keys) {
        Map<String, RecordKey> found = new HashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
            em.createQuery("select k from RecordKey k where k.objectType = :t and k.naturalKey in :keys",
                            RecordKey.class)
                    .setParameter("t", type.name()).setParameter("keys", chunk)
                    .getResultList().forEach(k -> found.put(k.getNaturalKey(), k));
        }
        return found;
    }

    /**
     * Records what HubSpot now holds for these keys: the HubSpot id and, when not null, the hash of
     * the properties just sent (aliases are remembered with a null hash).
     */
    public void remember(ObjectType type, List<RememberedRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        inTransaction(em -> {
            // one query for the batch's keys instead of one em.find per record (BENCHMARKS.md)
            Map<String, RecordKey> existing = recordKeys(em, type,
                    records.stream().map(RememberedRecord::naturalKey).distinct().toList());
            for (RememberedRecord r : records) {
                RecordKey known = existing.get(r.naturalKey());
                if (known == null) {
                    RecordKey added = new RecordKey(type.name(), r.naturalKey(), r.hubspotId(), r.contentHash(),
                            clock.instant());
                    em.persist(added);
                    existing.put(r.naturalKey(), added);
                } else {
                    known.update(r.hubspotId(), r.contentHash(), clock.instant());
                }
            }
            return null;
        });
    }

    /**
     * Stores links as pending unless the same link is already pending or already made. Looks the
     * existing ones up by source key in one query per kind, not one per link.
     */
    public void addPending(Collection<Link> links) {
        if (links.isEmpty()) {
            return;
        }
        inTransaction(em -> {
            Set<Link> known = new HashSet<>();
            knownLinks(em, "PendingLink", links, known);
            // only the links not pending can have been made already: a re-dropped file finds all of its links
            // pending and needs no second query (BENCHMARKS.md)
            knownLinks(em, "AssociationLink", links.stream().filter(l -> !known.contains(l)).toList(), known);
            List<Link> added = new ArrayList<>();
            for (Link l : links) {
                if (known.add(l)) {
                    added.add(l);
                }
            }
            insertPending(em, added);
            return null;
        });
    }

    /**
     * Adds to {@code into} the links of {@code entity} (PendingLink or AssociationLink) that have the source of
     * one of {@code links}; read as plain columns, not as entities the transaction would have to check at commit.
     */
    private static void knownLinks(EntityManager em, String entity, Collection<Link> links, Set<Link> into) {
        Map<ObjectType, List<String>> fromKeys = new HashMap<>();
        for (Link l : links) {
            fromKeys.computeIfAbsent(l.fromType(), t -> new ArrayList<>()).add(l.fromKey());
        }
        for (Map.Entry<ObjectType, List<String>> e : fromKeys.entrySet()) {
            List<String> keys = e.getValue().stream().distinct().toList();
            for (int i = 0; i < keys.size(); i += IN_CHUNK) {
                em.createQuery("select l.fromKey, l.toType, l.toKey, l.associationTypeId from " + entity
                                + " l where l.fromType = :t and l.fromKey in :keys", Object[].class)
                        .setParameter("t", e.getKey().name())
                        .setParameter("keys", keys.subList(i, Math.min(keys.size(), i + IN_CHUNK)))
                        .getResultList().forEach(r -> into.add(new Link(e.getKey(), (String) r[0],
                                ObjectType.valueOf((String) r[1]), (String) r[2], ((Number) r[3]).intValue())));
            }
        }
    }

    /**
     * Inserts pending links in one JDBC batch on the transaction's connection. The entity's identity id
     * makes Hibernate insert them one statement at a time, which cost more than the rest of a batch's
     * delivery (BENCHMARKS.md); nothing reads them back in this transaction. {@code created_at} is
     * written as UTC wall time.
     */
    private void insertPending(EntityManager em, List<Link> links) {
        if (links.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.valueOf(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into pending_link (from_type,"
                    + " from_key, to_type, to_key, association_type_id, created_at) values (?, ?, ?, ?, ?, ?)")) {
                for (Link l : links) {
                    insert.setString(1, l.fromType().name());
                    insert.setString(2, l.fromKey());
                    insert.setString(3, l.toType().name());
                    insert.setString(4, l.toKey());
                    insert.setInt(5, l.associationTypeId());
                    insert.setTimestamp(6, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** Pending links in insertion order, at most {@code limit}, starting after id {@code afterId}. */
    public List<PendingLink> pending(long afterId, int limit) {
        return inTransaction(em -> em.createQuery("select p from PendingLink p where p.id > :after order by p.id",
                        PendingLink.class)
                .setParameter("after", afterId).setMaxResults(limit).getResultList());
    }

    /**
     * Pending links whose target key starts with {@code toKeyPrefix} ({@code withPrefix}) or does not, in
     * insertion order, at most {@code limit}, starting after id {@code afterId}: a pass over one kind of link
     * reads only those (BENCHMARKS.md).
     */
    public List<PendingLink> pending(long afterId, int limit, String toKeyPrefix, boolean withPrefix) {
        String like = likePrefix(toKeyPrefix);
        return inTransaction(em -> em.createQuery("select p from PendingLink p where p.id > :after and p.toKey "
                                + (withPrefix ? "" : "not ") + "like :prefix escape '\\' order by p.id", PendingLink.class)
                .setParameter("after", afterId).setParameter("prefix", like).setMaxResults(limit).getResultList());
    }

    /**
     * Pending links whose target key has landed: the ledger knows the target's (type, key), and the key does
     * not start with {@code toKeyPrefix} (links through a contact are resolved apart). In insertion order, at
     * most {@code limit}, starting after id {@code afterId}. Links whose target never landed (contacts of a
     * company that was not imported) are not read at all: the direct pass over 100,000 of them read and
     * looked up every one at the end of every file (BENCHMARKS.md).
     */
    public List<PendingLink> pendingWithLandedTarget(long afterId, int limit, String toKeyPrefix) {
        String like = likePrefix(toKeyPrefix);
        return inTransaction(em -> em.createQuery("select p from PendingLink p join RecordKey k"
                                + " on k.objectType = p.toType and k.naturalKey = p.toKey"
                                + " where p.id > :after and p.toKey not like :prefix escape '\\' order by p.id",
                        PendingLink.class)
                .setParameter("after", afterId).setParameter("prefix", like).setMaxResults(limit).getResultList());
    }

    /** A LIKE pattern (escape character \\) matching the strings that start with {@code prefix}. */
    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** How many links are still waiting for a target. */
    public long pendingCount() {
        return inTransaction(em -> em.createQuery("select count(p) from PendingLink p", Long.class).getSingleResult());
    }

    /**
     * Marks pending links as made: deletes them and records the associations with both HubSpot ids
     * (once: linking the same link again, e.g. after a crash between HubSpot's answer and this
     * write, keeps one association row).
     */
    public void linked(List<MadeLink> made) {
        if (made.isEmpty()) {
            return;
        }
        inTransaction(em -> {
            List<Long> ids = made.stream().map(MadeLink::pendingId).toList();
            for (int i = 0; i < ids.size(); i += IN_CHUNK) {
                em.createQuery("delete from PendingLink p where p.id in :ids")
                        .setParameter("ids", ids.subList(i, Math.min(ids.size(), i + IN_CHUNK))).executeUpdate();
            }
            for (MadeLink m : made) {
                if (em.find(AssociationLink.class, AssociationLink.Id.of(m.link())) == null) {
                    em.persist(new AssociationLink(m.link(), m.fromId(), m.toId(), clock.instant()));
                }
            }
            return null;
        });
    }

    /**
     * The HubSpot ids of the records made associations point to, by source key, e.g. the company
     * each contact was linked to (used for ticket -> company through its contact, E2). Source keys
     * without such an association are absent from the map.
     */
    public Map<String, String> linkedTargets(ObjectType fromType, Collection<String> fromKeys, ObjectType toType,
                                             int typeId) {
        Map<String, String> targets = new HashMap<>();
        List<String> all = new ArrayList<>(fromKeys);
        inTransaction(em -> {
            for (int i = 0; i < all.size(); i += IN_CHUNK) {
                em.createQuery("select a from AssociationLink a where a.fromType = :ft and a.fromKey in :fk"
                                + " and a.toType = :tt and a.associationTypeId = :a", AssociationLink.class)
                        .setParameter("ft", fromType.name())
                        .setParameter("fk", all.subList(i, Math.min(all.size(), i + IN_CHUNK)))
                        .setParameter("tt", toType.name()).setParameter("a", typeId)
                        .getResultList().forEach(a -> targets.putIfAbsent(a.getFromKey(), a.getToId()));
            }
            return null;
        });
        return targets;
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        return transactions.run(work);
    }
}
