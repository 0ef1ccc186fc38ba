package io.crmbridge.ledger;

import static io.crmbridge.ledger.LedgerUpsert.columns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.config.Transactions;
import io.crmbridge.model.ObjectType;
import jakarta.persistence.EntityManagerFactory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;

/**
 * What each run wrote to HubSpot, record by record, and how undoing it ended (PRODUCT.md U1, docs/undo.md): tables
 * {@code record_change}, {@code undo_outcome} and the {@code run_id} of {@code association_link} (migration V9).
 * Every method is one transaction.
 */
public final class RunChanges {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> VALUES = new TypeReference<>() {
    };

    /** record_change by (run_id, object_type, hubspot_id): a later write takes written and written_at only. */
    private static final LedgerUpsert RECORD = LedgerUpsert.into("record_change", columns("run_id", "bigint",
                    "object_type", "varchar", "hubspot_id", "varchar", "natural_key", "varchar", "created", "boolean",
                    "written", "varchar", "prior", "varchar", "written_at", "timestamp"),
                    List.of("run_id", "object_type", "hubspot_id"))
            .update("written").update("written_at").build();

    /** undo_outcome by (run_id, object_type, hubspot_id): a record is decided once, the first outcome stays. */
    private static final LedgerUpsert DECIDE = LedgerUpsert.into("undo_outcome", columns("run_id", "bigint",
                    "object_type", "varchar", "hubspot_id", "varchar", "outcome", "varchar", "reason", "varchar",
                    "changed_by", "bigint", "decided_at", "timestamp"), List.of("run_id", "object_type", "hubspot_id"))
            .doNothing();

    private final Transactions transactions;
    private final Clock clock;

    public RunChanges(EntityManagerFactory emf, Clock clock) {
        this.transactions = new Transactions(emf);
        this.clock = clock;
    }

    /**
     * One record a run wrote.
     *
     * @param created   true when HubSpot created it (upsert result {@code new}), false when it updated it
     * @param written   property -> value the run sent
     * @param prior     property -> value HubSpot held before, for each written property (a null value: it had
     *                  none); null for a created record, or when the read before the write was switched off
     * @param writtenAt HubSpot's {@code updatedAt} in the write's answer (hubspot-api.md §1.3)
     */
    public record Change(ObjectType type, String hubspotId, String naturalKey, boolean created,
                         Map<String, String> written, Map<String, String> prior, Instant writtenAt) {
    }

    /** How undoing a run ended for one record. */
    public enum UndoState { REVERSED, KEPT, FAILED }

    /**
     * The undo outcome of one record.
     *
     * @param reason    why it was kept or failed (HubSpot's message for a failure); null when reversed
     * @param changedBy the later run that wrote the record again, when that is why it was kept; else null
     */
    public record Undone(ObjectType type, String hubspotId, UndoState state, String reason, Long changedBy) {

        /** The key of this record among a run's outcomes: {@code <TYPE>:<hubspotId>}. */
        public String recordKey() {
            return key(type, hubspotId);
        }
    }

    /** An association a run's file completion made, by HubSpot ids. */
    public record MadeAssociation(ObjectType fromType, String fromId, ObjectType toType, String toId,
                                  int associationTypeId) {
    }

    /** The key of a record among a run's changes and outcomes: {@code <TYPE>:<hubspotId>}. */
    public static String key(ObjectType type, String hubspotId) {
        return type.name() + ":" + hubspotId;
    }

    /**
     * Stores what run {@code runId} wrote, one atomic upsert per record ({@link LedgerUpsert}) in one JDBC batch, in
     * key order. A record written twice by the run keeps its first prior values and {@code created} flag (what was
     * there before the run) and takes the later written values and time, whichever instance writes it.
     */
    public void record(long runId, List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        // a stable sort: a record's later write stays later
        List<Change> ordered = changes.stream().sorted(java.util.Comparator.comparing((Change c) -> c.type().name())
                .thenComparing(Change::hubspotId)).toList();
        transactions.run(em -> {
            RECORD.executeBatch(em, ordered, (s, c) -> {
            s.setLong(1, runId);
            s.setString(2, c.type().name());
            s.setString(3, c.hubspotId());
            s.setString(4, c.naturalKey());
            s.setBoolean(5, c.created());
            s.setString(6, json(c.written()));
            s.setString(7, c.prior() == null ? null : json(c.prior()));
            s.setTimestamp(8, utc(c.writtenAt()));
            });
            return null;
        });
    }

    /** Every record run {@code runId} wrote, by object type then HubSpot id; empty when it wrote none. */
    public List<Change> changes(long runId) {
        List<Change> changes = new ArrayList<>();
        jdbc(connection -> {
            try (PreparedStatement s = connection.prepareStatement("select object_type, hubspot_id, natural_key,"
                    + " created, written, prior, written_at from record_change where run_id = ?"
                    + " order by object_type, hubspot_id")) {
                s.setLong(1, runId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String prior = rs.getString(6);
                        changes.add(new Change(ObjectType.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                                rs.getBoolean(4), values(rs.getString(5)), prior == null ? null : values(prior),
                                instant(rs.getTimestamp(7))));
                    }
                }
            }
        });
        return changes;
    }

    /**
     * For each of {@code hubspotIds} of {@code type} that a run after {@code runId} wrote again, the latest such
     * run; the others are absent.
     */
    public Map<String, Long> laterWriters(long runId, ObjectType type, Collection<String> hubspotIds) {
        Map<String, Long> later = new HashMap<>();
        if (hubspotIds.isEmpty()) {
            return later;
        }
        jdbc(connection -> Ledger.selectIn(connection, "select hubspot_id, run_id from record_change where run_id > "
                        + runId + " and object_type = ? and hubspot_id", type.name(), List.copyOf(hubspotIds),
                rs -> later.merge(rs.getString(1), rs.getLong(2), Math::max)));
        return later;
    }

    /** The undo outcomes stored for run {@code runId}, by {@link #key}. */
    public Map<String, Undone> undone(long runId) {
        Map<String, Undone> done = new LinkedHashMap<>();
        jdbc(connection -> {
            try (PreparedStatement s = connection.prepareStatement("select object_type, hubspot_id, outcome, reason,"
                    + " changed_by from undo_outcome where run_id = ? order by object_type, hubspot_id")) {
                s.setLong(1, runId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long by = rs.getLong(5);
                        // wasNull speaks of the column read last: changed_by, before any other is read
                        Long changedBy = rs.wasNull() ? null : by;
                        Undone u = new Undone(ObjectType.valueOf(rs.getString(1)), rs.getString(2),
                                UndoState.valueOf(rs.getString(3)), rs.getString(4), changedBy);
                        done.put(u.recordKey(), u);
                    }
                }
            }
        });
        return done;
    }

    /**
     * Stores the outcomes of records of run {@code runId} and brings the ledger in line with them, in one
     * transaction: a reversed created record is forgotten (its keys and the links waiting from it), so that
     * importing it again creates it again; a reversed updated record loses its content hash, so that the next
     * import sends it again rather than calling it unchanged.
     *
     * @param outcomes records without an outcome yet (a record is decided once)
     * @param created  the HubSpot ids, by {@link #key}, of the records the run created
     */
    public void undone(long runId, List<Undone> outcomes, Set<String> created) {
        if (outcomes.isEmpty()) {
            return;
        }
        Timestamp now = utc(clock.instant());
        transactions.run(em -> {
            DECIDE.executeBatch(em, outcomes, (s, u) -> {
                        s.setLong(1, runId);
                        s.setString(2, u.type().name());
                        s.setString(3, u.hubspotId());
                        s.setString(4, u.state().name());
                        s.setString(5, u.reason() == null ? null
                                : u.reason().substring(0, Math.min(2048, u.reason().length())));
                        if (u.changedBy() == null) {
                            s.setNull(6, java.sql.Types.BIGINT);
                        } else {
                            s.setLong(6, u.changedBy());
                        }
                        s.setTimestamp(7, now);
                    });
            List<Undone> reversed = outcomes.stream().filter(u -> u.state() == UndoState.REVERSED).toList();
            List<Undone> archived = reversed.stream().filter(u -> created.contains(u.recordKey())).toList();
            List<Undone> restored = reversed.stream().filter(u -> !created.contains(u.recordKey())).toList();
            em.unwrap(Session.class).doWork(connection -> forget(connection, archived, restored));
            return null;
        });
    }

    /**
     * Forgets the records an undo archived (their keys and the links waiting from them) and drops the content hash
     * of those it restored.
     */
    private static void forget(java.sql.Connection connection, List<Undone> archived, List<Undone> restored)
            throws SQLException {
        Ledger.executeBatch(connection, "delete from pending_link where from_type = ? and from_key in (select"
                + " natural_key from record_key where object_type = ? and hubspot_id = ?)", archived, (s, u) -> {
                    s.setString(1, u.type().name());
                    s.setString(2, u.type().name());
                    s.setString(3, u.hubspotId());
                });
        Ledger.executeBatch(connection, "delete from record_key where object_type = ? and hubspot_id = ?",
                archived, (s, u) -> {
                    s.setString(1, u.type().name());
                    s.setString(2, u.hubspotId());
                });
        Ledger.executeBatch(connection, "update record_key set content_hash = null, links_hash = null"
                + " where object_type = ? and hubspot_id = ?", restored, (s, u) -> {
                    s.setString(1, u.type().name());
                    s.setString(2, u.hubspotId());
                });
    }

    /** The associations run {@code runId}'s file completion made and the ledger still holds. */
    public List<MadeAssociation> associations(long runId) {
        List<MadeAssociation> made = new ArrayList<>();
        jdbc(connection -> {
            try (PreparedStatement s = connection.prepareStatement("select from_type, from_id, to_type, to_id,"
                    + " association_type_id from association_link where run_id = ?"
                    + " order by from_type, to_type, association_type_id, from_id, to_id")) {
                s.setLong(1, runId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        made.add(new MadeAssociation(ObjectType.valueOf(rs.getString(1)), rs.getString(2),
                                ObjectType.valueOf(rs.getString(3)), rs.getString(4), rs.getInt(5)));
                    }
                }
            }
        });
        return made;
    }

    /** Forgets associations HubSpot has archived: the ledger no longer counts them as made. */
    public void associationsArchived(long runId, List<MadeAssociation> archived) {
        jdbc(connection -> Ledger.executeBatch(connection, "delete from association_link where run_id = ? and"
                + " from_type = ? and from_id = ? and to_type = ? and to_id = ? and association_type_id = ?", archived,
                (s, a) -> {
                    s.setLong(1, runId);
                    s.setString(2, a.fromType().name());
                    s.setString(3, a.fromId());
                    s.setString(4, a.toType().name());
                    s.setString(5, a.toId());
                    s.setInt(6, a.associationTypeId());
                }));
    }

    /**
     * Marks run {@code runId} UNDONE once every record has its outcome: a later drop of the same content is imported
     * again instead of being skipped as a duplicate (I1).
     */
    public void runUndone(long runId) {
        jdbc(connection -> {
            try (PreparedStatement s = connection.prepareStatement(
                    "update import_run set status = ? where id = ? and status = ?")) {
                s.setString(1, ImportRun.Status.UNDONE.name());
                s.setLong(2, runId);
                s.setString(3, ImportRun.Status.COMPLETED.name());
                s.executeUpdate();
            }
        });
    }

    @FunctionalInterface
    private interface JdbcWork {
        void run(java.sql.Connection connection) throws SQLException;
    }

    private void jdbc(JdbcWork work) {
        transactions.run(em -> {
            em.unwrap(Session.class).doWork(work::run);
            return null;
        });
    }

    private static String json(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("property values cannot be written as JSON", e);
        }
    }

    private static Map<String, String> values(String json) {
        try {
            return JSON.readValue(json, VALUES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("record_change holds values that are not JSON", e);
        }
    }

    /** The ledger stores times as UTC wall time (as record_key.updated_at). */
    private static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static Instant instant(Timestamp t) {
        return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
