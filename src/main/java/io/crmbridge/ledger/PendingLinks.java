package io.crmbridge.ledger;

import io.crmbridge.config.Transactions;
import io.crmbridge.model.ObjectType;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hibernate.Session;

/**
 * The pending links grouped by what they wait for, as the console's Links page reads them (docs/console.md):
 * by kind (source type, target type, association type id) and by target key, with counts and the first and last
 * time a link of the group was stored; one target's links; and dropping a selection of links that will never
 * resolve. Plain JDBC on table {@code pending_link}, each method one transaction. {@code created_at} is UTC wall
 * time (as {@link Ledger} writes it).
 */
public class PendingLinks {

    private static final int IN_CHUNK = 500;
    private static final String COLUMNS = "id, from_type, from_key, to_type, to_key, association_type_id, created_at";

    private final Transactions transactions;

    public PendingLinks(EntityManagerFactory emf) {
        this.transactions = new Transactions(emf);
    }

    /** A kind of link: from a type to a type with HubSpot's association type id (hubspot-api.md §2.3). */
    public record Kind(ObjectType fromType, ObjectType toType, int associationTypeId) {
    }

    /** The pending links of one kind: how many, to how many targets, first and last stored. */
    public record KindCount(Kind kind, long links, long targets, Instant oldest, Instant newest) {
    }

    /** The pending links of one kind to one target key: how many, first and last stored. */
    public record TargetCount(Kind kind, String target, long links, Instant oldest, Instant newest) {
    }

    /** One pending link, with its row id and when it was first stored. */
    public record Row(long id, Kind kind, String source, String target, Instant firstSeen) {
    }

    /**
     * What to select: a whole kind (target null), every link of a kind to one target (sources empty), or only the
     * links from the given source keys to that target.
     */
    public record Selection(Kind kind, String target, List<String> sources) {
    }

    /** How the groups of targets are ordered. */
    public enum Order {
        /** Most links first, then by target key. */
        COUNT("count(*) desc, to_key, from_type, to_type, association_type_id"),
        /** By target key, then kind. */
        TARGET("to_key, from_type, to_type, association_type_id");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    /** Every kind with pending links, most links first. */
    public List<KindCount> kinds() {
        List<KindCount> kinds = new ArrayList<>();
        jdbc(c -> query(c, "select from_type, to_type, association_type_id, count(*), count(distinct to_key),"
                + " min(created_at), max(created_at) from pending_link group by from_type, to_type,"
                + " association_type_id order by count(*) desc, from_type, to_type", List.of(),
                rs -> kinds.add(new KindCount(kind(rs, 1), rs.getLong(4), rs.getLong(5), instant(rs, 6),
                        instant(rs, 7)))));
        return kinds;
    }

    /**
     * A page of the targets pending links wait for, of one kind or of all kinds (kind null).
     *
     * @param offset groups to skip, 0 or more
     * @param limit  most groups to return, 1 or more
     */
    public List<TargetCount> targets(Kind kind, Order order, int offset, int limit) {
        List<TargetCount> targets = new ArrayList<>();
        List<Object> params = new ArrayList<>(kindParams(kind));
        params.add(limit);
        params.add(offset);
        jdbc(c -> query(c, "select from_type, to_type, association_type_id, to_key, count(*), min(created_at),"
                + " max(created_at) from pending_link" + kindWhere(kind) + " group by from_type, to_type,"
                + " association_type_id, to_key order by " + order.sql + " limit ? offset ?", params,
                rs -> targets.add(new TargetCount(kind(rs, 1), rs.getString(4), rs.getLong(5), instant(rs, 6),
                        instant(rs, 7)))));
        return targets;
    }

    /** How many distinct (kind, target) groups there are, of one kind or of all (kind null). */
    public long targetCount(Kind kind) {
        long[] n = new long[1];
        jdbc(c -> query(c, "select count(*) from (select distinct from_type, to_type, association_type_id, to_key"
                + " from pending_link" + kindWhere(kind) + ") t", kindParams(kind), rs -> n[0] = rs.getLong(1)));
        return n[0];
    }

    /**
     * The first {@code perTarget} source keys (in the order they were stored) of the links to each of
     * {@code targets}, by target.
     */
    public Map<TargetCount, List<String>> examples(List<TargetCount> targets, int perTarget) {
        Map<TargetCount, List<String>> examples = new LinkedHashMap<>();
        Map<String, TargetCount> byGroup = new LinkedHashMap<>();
        for (TargetCount t : targets) {
            examples.put(t, new ArrayList<>());
            byGroup.put(group(t.kind(), t.target()), t);
        }
        List<String> keys = targets.stream().map(TargetCount::target).distinct().toList();
        jdbc(c -> {
            for (int i = 0; i < keys.size(); i += IN_CHUNK) {
                List<String> chunk = keys.subList(i, Math.min(keys.size(), i + IN_CHUNK));
                query(c, "select " + COLUMNS + " from pending_link where to_key in (" + marks(chunk.size())
                        + ") order by id", new ArrayList<>(chunk), rs -> {
                            Row r = row(rs);
                            TargetCount t = byGroup.get(group(r.kind(), r.target()));
                            if (t != null && examples.get(t).size() < perTarget) {
                                examples.get(t).add(r.source());
                            }
                        });
            }
        });
        return examples;
    }

    /** How many links of {@code kind} wait for {@code target}. */
    public long count(Kind kind, String target) {
        long[] n = new long[1];
        List<Object> params = new ArrayList<>(kindParams(kind));
        params.add(target);
        jdbc(c -> query(c, "select count(*) from pending_link" + kindWhere(kind) + " and to_key = ?", params,
                rs -> n[0] = rs.getLong(1)));
        return n[0];
    }

    /** A page of the links of {@code kind} waiting for {@code target}, in the order they were stored. */
    public List<Row> links(Kind kind, String target, int offset, int limit) {
        List<Row> rows = new ArrayList<>();
        List<Object> params = new ArrayList<>(kindParams(kind));
        params.add(target);
        params.add(limit);
        params.add(offset);
        jdbc(c -> query(c, "select " + COLUMNS + " from pending_link" + kindWhere(kind)
                + " and to_key = ? order by id limit ? offset ?", params, rs -> rows.add(row(rs))));
        return rows;
    }

    /** The links {@code selections} pick (each once), in the order they were stored; nothing is changed. */
    public List<Row> select(Collection<Selection> selections) {
        return transactions.run(em -> {
            List<Row> rows = new ArrayList<>();
            em.unwrap(Session.class).doWork(c -> rows.addAll(selected(c, selections, false)));
            return rows;
        });
    }

    /**
     * Removes the links {@code selections} pick, in one transaction: they are read (locked), handed to
     * {@code record} (which writes them down, e.g. to a CSV), then deleted. When {@code record} throws, nothing is
     * deleted. Later association passes no longer see them.
     *
     * @return the links removed, in the order they were stored
     */
    public List<Row> drop(Collection<Selection> selections, Consumer<List<Row>> record) {
        return transactions.run(em -> {
            List<Row> rows = new ArrayList<>();
            em.unwrap(Session.class).doWork(c -> {
                rows.addAll(selected(c, selections, true));
                record.accept(rows);
                for (int i = 0; i < rows.size(); i += IN_CHUNK) {
                    List<Row> chunk = rows.subList(i, Math.min(rows.size(), i + IN_CHUNK));
                    try (PreparedStatement s = c.prepareStatement("delete from pending_link where id in ("
                            + marks(chunk.size()) + ")")) {
                        for (int k = 0; k < chunk.size(); k++) {
                            s.setLong(k + 1, chunk.get(k).id());
                        }
                        s.executeUpdate();
                    }
                }
            });
            return rows;
        });
    }

    private static List<Row> selected(Connection c, Collection<Selection> selections, boolean lock)
            throws SQLException {
        Map<Long, Row> rows = new LinkedHashMap<>();
        for (Selection s : selections) {
            List<Object> params = new ArrayList<>(kindParams(s.kind()));
            String where = kindWhere(s.kind());
            if (s.target() != null) {
                where += " and to_key = ?";
                params.add(s.target());
            }
            List<String> sources = s.sources() == null ? List.of() : s.sources();
            int chunks = Math.max(1, (sources.size() + IN_CHUNK - 1) / IN_CHUNK);
            for (int i = 0; i < chunks; i++) {
                List<Object> p = new ArrayList<>(params);
                String w = where;
                if (!sources.isEmpty()) {
                    List<String> chunk = sources.subList(i * IN_CHUNK, Math.min(sources.size(), (i + 1) * IN_CHUNK));
                    w += " and from_key in (" + marks(chunk.size()) + ")";
                    p.addAll(chunk);
                }
                query(c, "select " + COLUMNS + " from pending_link" + w + " order by id" + (lock ? " for update" : ""),
                        p, rs -> {
                            Row r = row(rs);
                            rows.putIfAbsent(r.id(), r);
                        });
            }
        }
        return rows.values().stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    private static String group(Kind kind, String target) {
        return kind.fromType() + ">" + kind.toType() + ">" + kind.associationTypeId() + ">" + target;
    }

    private static String kindWhere(Kind kind) {
        return kind == null ? " where 1 = 1" : " where from_type = ? and to_type = ? and association_type_id = ?";
    }

    private static List<Object> kindParams(Kind kind) {
        return kind == null ? List.of()
                : List.of(kind.fromType().name(), kind.toType().name(), kind.associationTypeId());
    }

    private static String marks(int n) {
        return "?, ".repeat(n - 1) + "?";
    }

    private static Kind kind(ResultSet rs, int first) throws SQLException {
        return new Kind(ObjectType.valueOf(rs.getString(first)), ObjectType.valueOf(rs.getString(first + 1)),
                rs.getInt(first + 2));
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), new Kind(ObjectType.valueOf(rs.getString(2)), ObjectType.valueOf(rs.getString(4)),
                rs.getInt(6)), rs.getString(3), rs.getString(5), instant(rs, 7));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    /** Reads one row of a result set. */
    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /** JDBC work on a connection. */
    @FunctionalInterface
    private interface JdbcWork {
        void run(Connection connection) throws SQLException;
    }

    private void jdbc(JdbcWork work) {
        transactions.run(em -> {
            em.unwrap(Session.class).doWork(work::run);
            return null;
        });
    }

    private static void query(Connection c, String sql, List<Object> params, RowReader reader) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }
}
