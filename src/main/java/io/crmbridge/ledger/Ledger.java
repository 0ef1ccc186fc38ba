package io.crmbridge.ledger;

import io.crmbridge.config.Transactions;
import io.crmbridge.model.Link;
import io.crmbridge.model.ObjectType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.hibernate.jdbc.Work;

/**
 * The ledger (DESIGN.md): import runs by content hash, natural key -> HubSpot id and last-sent
 * hash, pending and made links. Every method runs in its own transaction; callers are the intake,
 * delivery and association beans. The reads and writes every batch makes (find, remember, pending links)
 * are plain JDBC on the transaction's connection, the rest JPA named queries declared on the entities, which
 * Hibernate parses once, when the EntityManagerFactory is built, instead of in the first file that asks
 * (docs/benchmarks.md says why). Losing the ledger costs API calls, never correctness, because every write to HubSpot
 * is an idempotent upsert.
 */
public class Ledger {

    private static final int IN_CHUNK = 500;

    private final Transactions transactions;
    private final Clock clock;
    private final RunOwners owners;

    /** The ledger of a single instance ({@link RunOwners#SINGLE}). */
    public Ledger(EntityManagerFactory emf, Clock clock) {
        this(emf, clock, RunOwners.SINGLE);
    }

    /**
     * @param owners this instance's id, recorded on every run it opens, and who else is alive ({@link #interruptRuns})
     */
    public Ledger(EntityManagerFactory emf, Clock clock, RunOwners owners) {
        this.transactions = new Transactions(emf);
        this.clock = clock;
        this.owners = owners;
    }

    /** The completed, non-dry-run import of this exact content, if any (I1: never import the same content twice). */
    public Optional<ImportRun> completedRun(String contentHash) {
        return inTransaction(em -> em.createNamedQuery(ImportRun.COMPLETED, ImportRun.class)
                .setParameter("h", contentHash).setMaxResults(1).getResultStream().findFirst());
    }

    /**
     * One page of every import run the ledger knows, newest first (the console, docs/console.md).
     *
     * @param offset runs to skip, 0 or more
     * @param limit  most runs to return, 1 or more
     */
    public List<ImportRun> runs(int offset, int limit) {
        return inTransaction(em -> em.createQuery("select r from ImportRun r order by r.id desc", ImportRun.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList());
    }

    /** How many import runs the ledger knows. */
    public long runCount() {
        return inTransaction(em -> em.createQuery("select count(r) from ImportRun r", Long.class).getSingleResult());
    }

    /** The import run with this id, if the ledger knows it. */
    public Optional<ImportRun> run(long id) {
        return inTransaction(em -> Optional.ofNullable(em.find(ImportRun.class, id)));
    }

    /** Opens a RUNNING import run and returns its id. */
    public long openRun(String fileName, String contentHash, ObjectType type, boolean dryRun) {
        return openRunOfKind(fileName, contentHash, type == null ? null : type.pathName(), dryRun);
    }

    /** Opens a RUNNING import run of a file that is not a HubSpot object type (a sales-ledger export) and returns its id. */
    public long openRunOfKind(String fileName, String contentHash, String kind, boolean dryRun) {
        return inTransaction(em -> {
            ImportRun run = new ImportRun(fileName, contentHash, kind, dryRun, clock.instant());
            run.ownedBy(owners.self());
            em.persist(run);
            em.flush();
            return run.getId();
        });
    }

    /**
     * Records where a RUNNING run's JSON report will be written (relative to the outbox), as soon as its name is
     * chosen: a run that takes this one over when it is interrupted finds its files by that name.
     */
    public void planReport(long runId, String reportPath) {
        inTransaction(em -> {
            ImportRun run = em.find(ImportRun.class, runId);
            if (run != null) {
                run.planReport(reportPath);
            }
            return null;
        });
    }

    /**
     * Marks the RUNNING runs of this content (and dry-run mode) that this process may take over INTERRUPTED and
     * returns them, oldest first. Called when the content is taken: the intake takes one file at a time, so such a
     * run belongs to a process that stopped before finishing it (killed, or stopped between batches). With several
     * instances ({@link RunOwners}) only the runs whose owner is dead or is this instance are taken: a live
     * instance's run is left alone ({@link #runningElsewhere}). Each keeps the report path it planned
     * ({@link #planReport}), which names the files it may have left.
     */
    public List<ImportRun> interruptRuns(String contentHash, boolean dryRun) {
        // the owners' heartbeats are read between two transactions, not inside one: a pool of one connection
        // would wait for itself
        List<Long> taken = running(contentHash, dryRun).stream().filter(r -> owners.mayTakeOver(r.getOwnerInstance()))
                .map(ImportRun::getId).toList();
        if (taken.isEmpty()) {
            return List.of();
        }
        return inTransaction(em -> {
            List<ImportRun> runs = em.createNamedQuery(ImportRun.RUNNING, ImportRun.class)
                    .setParameter("h", contentHash).setParameter("d", dryRun).getResultList().stream()
                    .filter(r -> taken.contains(r.getId())).toList();
            runs.forEach(r -> r.finish(ImportRun.Status.INTERRUPTED, 0, r.getReportPath(), clock.instant()));
            return runs;
        });
    }

    /**
     * A RUNNING run of this content (and dry-run mode) that another instance, still alive, is running: the content
     * is being imported there (docs/cluster.md). Always empty for a single instance.
     */
    public Optional<ImportRun> runningElsewhere(String contentHash, boolean dryRun) {
        if (owners.self() == null) {
            return Optional.empty();
        }
        return running(contentHash, dryRun).stream().filter(r -> !owners.mayTakeOver(r.getOwnerInstance()))
                .findFirst();
    }

    /** The RUNNING runs of this content and dry-run mode, oldest first, detached. */
    private List<ImportRun> running(String contentHash, boolean dryRun) {
        return inTransaction(em -> em.createNamedQuery(ImportRun.RUNNING, ImportRun.class)
                .setParameter("h", contentHash).setParameter("d", dryRun).getResultList());
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

    /**
     * Known records by natural key (keys not in the ledger are absent from the map); detached values, read
     * with plain JDBC ({@link #selectIn}). Every batch of every file asks, once per row: through Hibernate,
     * building managed entities and closing each statement (H2 then reads its query timeout back with a query
     * of its own) cost about a third of the re-drop's delivery thread (docs/benchmarks.md).
     */
    public Map<String, RecordKey> find(ObjectType type, Collection<String> keys) {
        Map<String, RecordKey> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        inTransaction(em -> {
            jdbc(em, connection -> selectIn(connection, "select natural_key, hubspot_id, content_hash, links_hash,"
                    + " updated_at from record_key where object_type = ? and natural_key", type.name(),
                    List.copyOf(keys), rs -> found.put(rs.getString(1), new RecordKey(type.name(), rs.getString(1),
                            rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toLocalDateTime().toInstant(ZoneOffset.UTC)))));
            return null;
        });
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
            remember(em, type, records);
            return null;
        });
    }

    /**
     * Stores links as pending unless the same link is already pending or already made. Looks the
     * existing ones up by source key in one query per kind, not one per link. Deliveries store their links with
     * {@link #recordDelivery} instead; this one sets up {@code LedgerTest}.
     */
    void addPending(Collection<Link> links) {
        if (links.isEmpty()) {
            return;
        }
        inTransaction(em -> {
            addPending(em, links);
            return null;
        });
    }

    /**
     * {@link #remember} and {@link #addPending} in one transaction: the records of a delivered batch with the
     * links of their rows. A record whose links hash is stored therefore has those links stored (pending or
     * made), whatever stops the process, so the next import of the same unchanged row can skip its links.
     */
    public void recordDelivery(ObjectType type, List<RememberedRecord> records, Collection<Link> links) {
        if (records.isEmpty() && links.isEmpty()) {
            return;
        }
        inTransaction(em -> {
            remember(em, type, records);
            addPending(em, links);
            return null;
        });
    }

    /**
     * Inserts the keys the ledger does not have and updates the others (a null hash keeps the stored one), in
     * the order given, with JDBC batches on the transaction's connection: through Hibernate, persisting and
     * flushing a batch's entities was the largest part of the delivery thread while the JVM is cold, and the
     * first seconds of an import set its pace for every later window of the rate budget (docs/benchmarks.md).
     * {@code updated_at} is written as UTC wall time.
     */
    private void remember(EntityManager em, ObjectType type, List<RememberedRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Timestamp now = utcNow();
        jdbc(em, connection -> {
            Set<String> stored = new HashSet<>();
            selectIn(connection, "select natural_key from record_key where object_type = ? and natural_key",
                    type.name(), records.stream().map(RememberedRecord::naturalKey).distinct().toList(),
                    rs -> stored.add(rs.getString(1)));
            List<RememberedRecord> inserts = new ArrayList<>();
            List<RememberedRecord> updates = new ArrayList<>();
            for (RememberedRecord r : records) {
                // a key twice in one call: inserted once, then updated; the inserts run first
                (stored.add(r.naturalKey()) ? inserts : updates).add(r);
            }
            executeBatch(connection, "insert into record_key (object_type, natural_key, hubspot_id, content_hash,"
                    + " links_hash, updated_at) values (?, ?, ?, ?, ?, ?)", inserts, (statement, r) -> {
                        bind(statement, type.name(), r.naturalKey(), r.hubspotId(), r.contentHash(), r.linksHash());
                        statement.setTimestamp(6, now);
                    });
            executeBatch(connection, "update record_key set hubspot_id = ?, content_hash = coalesce(?, content_hash),"
                    + " links_hash = coalesce(?, links_hash), updated_at = ? where object_type = ? and natural_key = ?",
                    updates, (statement, r) -> {
                        bind(statement, r.hubspotId(), r.contentHash(), r.linksHash());
                        statement.setTimestamp(4, now);
                        bind(statement, 5, type.name(), r.naturalKey());
                    });
        });
    }

    private void addPending(EntityManager em, Collection<Link> links) {
        if (links.isEmpty()) {
            return;
        }
        Set<Link> known = new HashSet<>();
        knownLinks(em, "pending_link", links, known);
        // only the links not pending can have been made already: a re-dropped file finds all of its links
        // pending and needs no second query (docs/benchmarks.md)
        knownLinks(em, "association_link", links.stream().filter(l -> !known.contains(l)).toList(), known);
        List<Link> added = new ArrayList<>();
        for (Link l : links) {
            if (known.add(l)) {
                added.add(l);
            }
        }
        insertPending(em, added);
    }

    /**
     * Adds to {@code into} the links of {@code table} (pending_link or association_link) that have the source of
     * one of {@code links}; plain JDBC, as {@link #find}.
     */
    private static void knownLinks(EntityManager em, String table, Collection<Link> links, Set<Link> into) {
        Map<ObjectType, List<String>> fromKeys = new HashMap<>();
        for (Link l : links) {
            fromKeys.computeIfAbsent(l.fromType(), t -> new ArrayList<>()).add(l.fromKey());
        }
        jdbc(em, connection -> {
            for (Map.Entry<ObjectType, List<String>> e : fromKeys.entrySet()) {
                selectIn(connection, "select from_key, to_type, to_key, association_type_id from " + table
                                + " where from_type = ? and from_key", e.getKey().name(),
                        e.getValue().stream().distinct().toList(), rs -> into.add(new Link(e.getKey(), rs.getString(1),
                                ObjectType.valueOf(rs.getString(2)), rs.getString(3), rs.getInt(4))));
            }
        });
    }

    /** Reads one row of a result set. */
    @FunctionalInterface
    interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /**
     * Runs {@code select} followed by {@code in (?, ...)} once per {@value #IN_CHUNK} of {@code keys}, with
     * {@code first} bound to its first parameter, and hands every row to {@code reader}.
     */
    static void selectIn(Connection connection, String select, String first, List<String> keys,
                                 RowReader reader) throws SQLException {
        for (int i = 0; i < keys.size(); i += IN_CHUNK) {
            List<String> chunk = keys.subList(i, Math.min(keys.size(), i + IN_CHUNK));
            try (PreparedStatement statement = connection.prepareStatement(select + " in ("
                    + "?, ".repeat(chunk.size() - 1) + "?)")) {
                statement.setString(1, first);
                for (int k = 0; k < chunk.size(); k++) {
                    statement.setString(k + 2, chunk.get(k));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
        }
    }

    /** Binds one row of a JDBC batch. */
    @FunctionalInterface
    interface RowBinder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    /** Runs {@code sql} for every row in one JDBC batch; prepares nothing when there are no rows. */
    static <T> void executeBatch(Connection connection, String sql, List<T> rows, RowBinder<T> binder)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T row : rows) {
                binder.bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Binds {@code values} as strings to the parameters from the first on. */
    private static void bind(PreparedStatement statement, String... values) throws SQLException {
        bind(statement, 1, values);
    }

    /** Binds {@code values} as strings to the parameters from {@code first} on. */
    private static void bind(PreparedStatement statement, int first, String... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setString(first + i, values[i]);
        }
    }

    /** Now as UTC wall time, the way the ledger's JDBC writes store {@code created_at} and {@code updated_at}. */
    private Timestamp utcNow() {
        return Timestamp.valueOf(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** Runs JDBC work on the connection of {@code em}'s transaction. */
    static void jdbc(EntityManager em, Work work) {
        em.unwrap(Session.class).doWork(work);
    }

    /**
     * Inserts pending links in one JDBC batch on the transaction's connection. The entity's identity id
     * makes Hibernate insert them one statement at a time, which cost more than the rest of a batch's
     * delivery (docs/benchmarks.md); nothing reads them back in this transaction. {@code created_at} is
     * written as UTC wall time.
     */
    private void insertPending(EntityManager em, List<Link> links) {
        if (links.isEmpty()) {
            return;
        }
        Timestamp now = utcNow();
        jdbc(em, connection -> executeBatch(connection, "insert into pending_link (from_type, from_key, to_type,"
                + " to_key, association_type_id, created_at) values (?, ?, ?, ?, ?, ?)", links, (statement, l) -> {
                    bind(statement, l.fromType().name(), l.fromKey(), l.toType().name(), l.toKey());
                    statement.setInt(5, l.associationTypeId());
                    statement.setTimestamp(6, now);
                }));
    }

    /**
     * Pending links in insertion order, at most {@code limit}, starting after id {@code afterId}: what
     * {@code LedgerTest} reads back (the association passes read one kind of link each).
     */
    List<PendingLink> pending(long afterId, int limit) {
        return inTransaction(em -> em.createNamedQuery(PendingLink.AFTER, PendingLink.class)
                .setParameter("after", afterId).setMaxResults(limit).getResultList());
    }

    /**
     * Pending links whose target key starts with {@code toKeyPrefix} ({@code withPrefix}) or does not, in
     * insertion order, at most {@code limit}, starting after id {@code afterId}: a pass over one kind of link
     * reads only those (docs/benchmarks.md).
     */
    public List<PendingLink> pending(long afterId, int limit, String toKeyPrefix, boolean withPrefix) {
        String like = likePrefix(toKeyPrefix);
        String query = withPrefix ? PendingLink.TO_KEY_LIKE : PendingLink.TO_KEY_NOT_LIKE;
        return inTransaction(em -> em.createNamedQuery(query, PendingLink.class)
                .setParameter("after", afterId).setParameter("prefix", like).setMaxResults(limit).getResultList());
    }

    /**
     * Pending links whose target key has landed: the ledger knows the target's (type, key), and the key does
     * not start with {@code toKeyPrefix} (links through a contact are resolved apart). In insertion order, at
     * most {@code limit}, starting after id {@code afterId}. Links whose target never landed (contacts of a
     * company that was not imported) are not read at all: the direct pass over 100,000 of them read and
     * looked up every one at the end of every file (docs/benchmarks.md).
     */
    public List<PendingLink> pendingWithLandedTarget(long afterId, int limit, String toKeyPrefix) {
        String like = likePrefix(toKeyPrefix);
        return inTransaction(em -> em.createNamedQuery(PendingLink.WITH_LANDED_TARGET, PendingLink.class)
                .setParameter("after", afterId).setParameter("prefix", like).setMaxResults(limit).getResultList());
    }

    /** A LIKE pattern (escape character \\) matching the strings that start with {@code prefix}. */
    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** How many links are still waiting for a target. */
    public long pendingCount() {
        return inTransaction(em -> em.createNamedQuery(PendingLink.COUNT, Long.class).getSingleResult());
    }

    /**
     * Marks pending links as made: deletes them and records the associations with both HubSpot ids
     * (once: linking the same link again, e.g. after a crash between HubSpot's answer and this
     * write, keeps one association row), with the run whose file completion made them (U1: undoing that run
     * archives them; null when no run did).
     */
    public void linked(List<MadeLink> made, Long runId) {
        if (made.isEmpty()) {
            return;
        }
        inTransaction(em -> {
            List<Long> ids = made.stream().map(MadeLink::pendingId).toList();
            for (int i = 0; i < ids.size(); i += IN_CHUNK) {
                em.createNamedQuery(PendingLink.DELETE)
                        .setParameter("ids", ids.subList(i, Math.min(ids.size(), i + IN_CHUNK))).executeUpdate();
            }
            for (MadeLink m : made) {
                if (em.find(AssociationLink.class, AssociationLink.Id.of(m.link())) == null) {
                    em.persist(new AssociationLink(m.link(), m.fromId(), m.toId(), clock.instant(), runId));
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
                em.createNamedQuery(AssociationLink.FROM_KEYS, AssociationLink.class)
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
