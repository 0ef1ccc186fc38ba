package io.crmbridge.ledger;

import static io.crmbridge.ledger.LedgerUpsert.columns;

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
    private static final String PENDING_COLUMNS = "p.id, p.from_type, p.from_key, p.to_type, p.to_key,"
            + " p.association_type_id";

    /**
     * record_key by (natural_key, object_type): a null hash keeps the stored one. A row without a hash (an alias such
     * as {@code name:young inc}, or a record found unchanged, whose id is the stored one) keeps the stored HubSpot id:
     * when two companies share a name or a domain, the alias stays with the first that landed, so a contact naming
     * it links to the same company whichever instance imports what when (docs/cluster.md).
     */
    private static final LedgerUpsert REMEMBER = LedgerUpsert.into("record_key", columns("object_type", "varchar",
                    "natural_key", "varchar", "hubspot_id", "varchar", "content_hash", "varchar", "links_hash", "varchar",
                    "updated_at", "timestamp"), List.of("natural_key", "object_type"))
            .update("hubspot_id", "case when {new}.content_hash is null then coalesce({old}.hubspot_id,"
                    + " {new}.hubspot_id) else {new}.hubspot_id end")
            .update("content_hash", "coalesce({new}.content_hash, {old}.content_hash)")
            .update("links_hash", "coalesce({new}.links_hash, {old}.links_hash)").update("updated_at").build();

    private static final Map<String, String> LINK_COLUMNS = columns("from_type", "varchar", "from_key", "varchar",
            "to_type", "varchar", "to_key", "varchar", "association_type_id", "int");
    private static final List<String> LINK_KEY = List.of("from_key", "from_type", "to_type", "to_key",
            "association_type_id");

    /** A pending link, unless the same link is pending (constraint pending_link_unique) or made. */
    private static final LedgerUpsert ADD_PENDING = LedgerUpsert.into("pending_link",
                    columns(LINK_COLUMNS, "created_at", "timestamp"), LINK_KEY)
            .onlyIf("not exists (select 1 from association_link a where a.from_key = {new}.from_key"
                    + " and a.from_type = {new}.from_type and a.to_type = {new}.to_type and a.to_key = {new}.to_key"
                    + " and a.association_type_id = {new}.association_type_id)")
            .doNothing();

    /** A made association, unless it is stored already: the first run that made it keeps it. */
    private static final LedgerUpsert MAKE_LINK = LedgerUpsert.into("association_link", columns(LINK_COLUMNS,
                    "from_id", "varchar", "to_id", "varchar", "created_at", "timestamp", "run_id", "bigint"), LINK_KEY)
            .doNothing();

    /** The order of the columns of {@link #LINK_KEY}, in which links are written. */
    private static final java.util.Comparator<Link> LINK_ORDER = java.util.Comparator.comparing(Link::fromKey)
            .thenComparing(l -> l.fromType().name()).thenComparing(l -> l.toType().name()).thenComparing(Link::toKey)
            .thenComparingInt(Link::associationTypeId);

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
     * Reserves a RUNNING run for a file not yet taken (rows posted over HTTP, docs/http-intake.md), so that its id can
     * be answered before the import starts; its content hash is {@link ImportRun#RESERVED_HASH} until the intake
     * {@link #adoptRun adopts} it.
     *
     * @return the run's id
     */
    public long reserveRun(String fileName, ObjectType type) {
        return openRunOfKind(fileName, ImportRun.RESERVED_HASH, type.pathName(), false);
    }

    /**
     * The intake's {@link #openRun} for a run reserved by {@link #reserveRun}: the run takes the file's name, content
     * hash, type and mode, this instance as owner and a new start.
     *
     * @return {@code runId}
     * @throws IllegalStateException when no such run exists or it is no longer RUNNING (it was closed meanwhile)
     */
    public long adoptRun(long runId, String fileName, String contentHash, ObjectType type, boolean dryRun) {
        return inTransaction(em -> {
            ImportRun run = em.find(ImportRun.class, runId);
            if (run == null || run.getStatus() != ImportRun.Status.RUNNING) {
                throw new IllegalStateException("run " + runId + " reserved for " + fileName + " is "
                        + (run == null ? "missing" : run.getStatus()));
            }
            run.adopt(fileName, contentHash, type.pathName(), dryRun, clock.instant(), owners.self());
            return runId;
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
        return interruptRuns(contentHash, dryRun, null);
    }

    /**
     * {@link #interruptRuns(String, boolean)} leaving run {@code keep} alone (null: none): the run reserved for the
     * posted rows being taken again after a stop goes on under its own id (docs/http-intake.md).
     */
    public List<ImportRun> interruptRuns(String contentHash, boolean dryRun, Long keep) {
        // the owners' heartbeats are read between two transactions, not inside one: a pool of one connection
        // would wait for itself
        List<Long> taken = running(contentHash, dryRun).stream().filter(r -> owners.mayTakeOver(r.getOwnerInstance()))
                .map(ImportRun::getId).filter(id -> !id.equals(keep)).toList();
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
        if (keys.isEmpty()) {
            return new HashMap<>();
        }
        return inTransaction(em -> find(em, type, keys));
    }

    private static Map<String, RecordKey> find(EntityManager em, ObjectType type, Collection<String> keys) {
        Map<String, RecordKey> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        jdbc(em, connection -> selectIn(connection, "select natural_key, hubspot_id, content_hash, links_hash,"
                + " updated_at from record_key where object_type = ? and natural_key", type.name(),
                List.copyOf(keys), rs -> found.put(rs.getString(1), new RecordKey(type.name(), rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toLocalDateTime().toInstant(ZoneOffset.UTC)))));
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
     * Stores links as pending unless the same link is already pending or already made, one atomic statement per
     * link. Deliveries store their links with {@link #recordDelivery} instead; this one sets up {@code LedgerTest}.
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
     * Stores the keys the ledger does not have and updates the others (a null hash keeps the stored one), each with
     * one atomic upsert ({@link LedgerUpsert}: two instances remembering the same key at once leave one row and no
     * error), in one JDBC batch on the transaction's connection: through Hibernate, persisting and flushing a batch's
     * entities was the largest part of the delivery thread while the JVM is cold (docs/benchmarks.md). The rows are
     * written in key order, so that two transactions writing the same keys lock them in the same order and never
     * deadlock; a key given twice is written twice, the later values last. {@code updated_at} is written as UTC wall
     * time.
     */
    private void remember(EntityManager em, ObjectType type, List<RememberedRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Timestamp now = utcNow();
        // a stable sort: a key's later values stay later
        List<RememberedRecord> ordered = records.stream()
                .sorted(java.util.Comparator.comparing(RememberedRecord::naturalKey)).toList();
        REMEMBER.executeBatch(em, ordered, (statement, r) -> {
            bind(statement, type.name(), r.naturalKey(), r.hubspotId(), r.contentHash(), r.linksHash());
            statement.setTimestamp(6, now);
        });
    }

    /**
     * Stores the links that are neither pending nor made, each with one atomic statement ({@link #ADD_PENDING}), in
     * one JDBC batch, in key order (as {@link #remember}). {@code created_at} is written as UTC wall time.
     */
    private void addPending(EntityManager em, Collection<Link> links) {
        if (links.isEmpty()) {
            return;
        }
        Timestamp now = utcNow();
        List<Link> ordered = links.stream().distinct().sorted(LINK_ORDER).toList();
        ADD_PENDING.executeBatch(em, ordered, (statement, l) -> {
            bind(statement, l.fromType().name(), l.fromKey(), l.toType().name(), l.toKey());
            statement.setInt(5, l.associationTypeId());
            statement.setTimestamp(6, now);
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
     * Pending links in insertion order, at most {@code limit}, starting after id {@code afterId}: what
     * {@code LedgerTest} reads back (the association passes read one kind of link each).
     */
    List<PendingLink> pending(long afterId, int limit) {
        return inTransaction(em -> em.createNamedQuery(PendingLink.AFTER, PendingLink.class)
                .setParameter("after", afterId).setMaxResults(limit).getResultList());
    }

    /**
     * Pending links whose target key starts with {@code toKeyPrefix} ({@code withPrefix}) or does not, in
     * insertion order, at most {@code limit}, starting after id {@code afterId}, read without claiming them (the
     * association passes claim theirs with {@link #claimPending}).
     */
    public List<PendingLink> pending(long afterId, int limit, String toKeyPrefix, boolean withPrefix) {
        String like = likePrefix(toKeyPrefix);
        String query = withPrefix ? PendingLink.TO_KEY_LIKE : PendingLink.TO_KEY_NOT_LIKE;
        return inTransaction(em -> em.createNamedQuery(query, PendingLink.class)
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
            linked(em, made, runId);
            return null;
        });
    }

    /** {@link #linked(List, Long)} in the transaction of {@code em}: JDBC batches, in key order. */
    private void linked(EntityManager em, List<MadeLink> made, Long runId) {
        if (made.isEmpty()) {
            return;
        }
        Timestamp now = utcNow();
        List<MadeLink> ordered = made.stream().sorted(java.util.Comparator.comparing(MadeLink::link, LINK_ORDER))
                .toList();
        jdbc(em, connection -> executeBatch(connection, "delete from pending_link where id = ?", ordered,
                (statement, m) -> statement.setLong(1, m.pendingId())));
        MAKE_LINK.executeBatch(em, ordered, (statement, m) -> {
            Link l = m.link();
            bind(statement, l.fromType().name(), l.fromKey(), l.toType().name(), l.toKey());
            statement.setInt(5, l.associationTypeId());
            bind(statement, 6, m.fromId(), m.toId());
            statement.setTimestamp(8, now);
            if (runId == null) {
                statement.setNull(9, java.sql.Types.BIGINT);
            } else {
                statement.setLong(9, runId);
            }
        });
    }

    /**
     * A page of pending links claimed by this transaction: no other transaction can claim them until it ends (row
     * locks, {@code FOR UPDATE SKIP LOCKED}), and the lookups and the "made" record it offers run in the same
     * transaction, on the same connection.
     */
    public interface ClaimedLinks {

        /** The claimed links, in id order; empty when there are no more. */
        List<PendingLink> links();

        /** {@link Ledger#find} in the claim's transaction. */
        Map<String, RecordKey> find(ObjectType type, Collection<String> keys);

        /** {@link Ledger#linkedTargets} in the claim's transaction. */
        Map<String, String> linkedTargets(ObjectType fromType, Collection<String> fromKeys, ObjectType toType,
                                          int typeId);

        /** {@link Ledger#linked} in the claim's transaction: committed with it, when {@code work} returns. */
        void linked(List<MadeLink> made);
    }

    /**
     * Claims up to {@code limit} pending links with an id above {@code afterId}, in id order, and runs {@code work}
     * with them in one transaction that holds them until {@code work} returns (then commits what it recorded) or
     * throws (then rolls back: the links stay pending). Two sweepers, in one process or in two instances on one
     * database, never hold the same link: a link another transaction holds is skipped ({@code FOR UPDATE SKIP
     * LOCKED}, PostgreSQL 9.5 and later, H2 2.x), and a link made and deleted by a transaction that committed is gone.
     * A dead instance's links are free again when its connection ends, which ends its transaction. The links claimed
     * are those whose target key starts with {@code toKeyPrefix} when {@code viaPrefix}, else those whose target key
     * does not and whose target the ledger knows (its type and key are in record_key): links whose target never landed (contacts of a company that was not imported) are not read at all, since the direct pass
     * over 100,000 of them read and looked up every one at the end of every file (docs/benchmarks.md).
     *
     * @param runId the run recorded as the maker of the links {@code work} records made (U1); null when none
     */
    public <T> T claimPending(long afterId, int limit, String toKeyPrefix, boolean viaPrefix, Long runId,
                              Function<ClaimedLinks, T> work) {
        String like = likePrefix(toKeyPrefix);
        // the target's record only filters: FOR UPDATE locks the rows of pending_link alone (the record_key rows
        // are in a subquery), so that a delivery updating that record is never kept waiting
        String sql = "select " + PENDING_COLUMNS + " from pending_link p where p.id > ? and p.to_key "
                + (viaPrefix ? "like" : "not like") + " ? escape '\\'"
                + (viaPrefix ? "" : " and exists (select 1 from record_key k where k.object_type = p.to_type"
                + " and k.natural_key = p.to_key)")
                + " order by p.id fetch first " + limit + " rows only for update skip locked";
        return inTransaction(em -> {
            List<PendingLink> links = new ArrayList<>();
            jdbc(em, connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setLong(1, afterId);
                    statement.setString(2, like);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            links.add(new PendingLink(rs.getLong(1), new Link(ObjectType.valueOf(rs.getString(2)),
                                    rs.getString(3), ObjectType.valueOf(rs.getString(4)), rs.getString(5),
                                    rs.getInt(6))));
                        }
                    }
                }
            });
            return work.apply(new ClaimedLinks() {
                @Override
                public List<PendingLink> links() {
                    return links;
                }

                @Override
                public Map<String, RecordKey> find(ObjectType type, Collection<String> keys) {
                    return Ledger.find(em, type, keys);
                }

                @Override
                public Map<String, String> linkedTargets(ObjectType fromType, Collection<String> fromKeys,
                                                         ObjectType toType, int typeId) {
                    return Ledger.linkedTargets(em, fromType, fromKeys, toType, typeId);
                }

                @Override
                public void linked(List<MadeLink> made) {
                    Ledger.this.linked(em, made, runId);
                }
            });
        });
    }

    /**
     * The HubSpot ids of the records made associations point to, by source key, e.g. the company
     * each contact was linked to (used for ticket -> company through its contact, E2). Source keys
     * without such an association are absent from the map.
     */
    public Map<String, String> linkedTargets(ObjectType fromType, Collection<String> fromKeys, ObjectType toType,
                                             int typeId) {
        return inTransaction(em -> linkedTargets(em, fromType, fromKeys, toType, typeId));
    }

    private static Map<String, String> linkedTargets(EntityManager em, ObjectType fromType, Collection<String> fromKeys,
                                                     ObjectType toType, int typeId) {
        Map<String, String> targets = new HashMap<>();
        List<String> all = new ArrayList<>(fromKeys);
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            em.createNamedQuery(AssociationLink.FROM_KEYS, AssociationLink.class)
                    .setParameter("ft", fromType.name())
                    .setParameter("fk", all.subList(i, Math.min(all.size(), i + IN_CHUNK)))
                    .setParameter("tt", toType.name()).setParameter("a", typeId)
                    .getResultList().forEach(a -> targets.putIfAbsent(a.getFromKey(), a.getToId()));
        }
        return targets;
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        return transactions.run(work);
    }
}
