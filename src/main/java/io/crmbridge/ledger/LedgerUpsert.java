package io.crmbridge.ledger;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * An insert-or-update of one row of a ledger table by a unique key of that table, as a single statement that two
 * writers of the same key at the same time (two instances on one database, docs/cluster.md) can neither fail nor
 * double. The one place where the import ledger's writes differ by database (the contact sync's pages have their own,
 * {@link io.crmbridge.sync.SyncedContactUpsert}, bound through Hibernate):
 * <ul>
 *   <li>PostgreSQL: {@code INSERT ... ON CONFLICT (key) DO UPDATE | DO NOTHING} (PostgreSQL 14 has no MERGE);</li>
 *   <li>H2: H2's own {@code MERGE INTO ... KEY (key) SELECT ...} (H2 knows {@code ON CONFLICT} only in its PostgreSQL
 *   mode), its writers ordered by a lock of this JVM (see {@link #executeBatch}).</li>
 * </ul>
 * Every parameter of the statement is the value of one column, in the order of {@link #columns}, on both databases.
 * A column that is neither in the key nor updated keeps its stored value; without updates ({@link #doNothing}) a
 * stored row is left as it is. A condition on the new values ({@code {new}.column}) can keep a row from being
 * inserted at all.
 */
final class LedgerUpsert {

    private final String postgres;
    private final String h2;

    private LedgerUpsert(String postgres, String h2) {
        this.postgres = postgres;
        this.h2 = h2;
    }

    /**
     * Starts the upsert of {@code table} whose unique key is {@code key} (the columns of a primary key or unique
     * constraint: PostgreSQL's ON CONFLICT needs one).
     *
     * @param columns column name -> SQL type of its parameter ({@code varchar}, {@code int}, {@code timestamp}...)
     */
    static Builder into(String table, Map<String, String> columns, List<String> key) {
        return new Builder(table, columns, key);
    }

    /** Column name -> SQL type, from pairs of them ({@code "run_id", "bigint", ...}), in order. */
    static Map<String, String> columns(String... pairs) {
        return columns(Map.of(), pairs);
    }

    /** {@code first} followed by more columns, given as pairs of name and SQL type. */
    static Map<String, String> columns(Map<String, String> first, String... pairs) {
        Map<String, String> columns = new LinkedHashMap<>(first);
        for (int i = 0; i < pairs.length; i += 2) {
            columns.put(pairs[i], pairs[i + 1]);
        }
        return columns;
    }

    /** Whether {@code connection} is to PostgreSQL (else H2, the ledger's other database). */
    private static boolean isPostgres(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
    }

    /**
     * Runs the upsert for every row in one JDBC batch (see {@link Ledger#executeBatch}) in the transaction of
     * {@code em}. On H2, the transaction first waits for any other transaction of this JVM that upserted into the same
     * database to end, and holds the database's writer lock until it ends itself: two H2 transactions merging the same
     * keys at once deadlock inside H2 until its lock timeout (seen on H2 2.4.240, with MERGE ... KEY and with
     * MERGE ... USING alike), and an H2 database is only ever written by one process (its file is locked), so a lock
     * in this JVM orders every writer of it.
     */
    <T> void executeBatch(EntityManager em, List<T> rows, Ledger.RowBinder<T> binder) {
        if (rows.isEmpty()) {
            return;
        }
        Session session = em.unwrap(Session.class);
        session.doWork(connection -> {
            if (isPostgres(connection)) {
                Ledger.executeBatch(connection, postgres, rows, binder);
            } else {
                holdH2Writer(session, connection.getMetaData().getURL());
                Ledger.executeBatch(connection, h2, rows, binder);
            }
        });
    }

    /** The writer lock of each H2 database this JVM has upserted into, by JDBC URL. */
    private static final Map<String, ReentrantLock> H2_WRITERS = new ConcurrentHashMap<>();

    /** Takes the H2 database's writer lock for the rest of {@code session}'s transaction (once per transaction). */
    private static void holdH2Writer(Session session, String url) {
        ReentrantLock lock = H2_WRITERS.computeIfAbsent(url, u -> new ReentrantLock());
        if (lock.isHeldByCurrentThread()) {
            return;
        }
        lock.lock();
        session.getTransaction().registerSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // held until the commit or rollback is done
            }

            @Override
            public void afterCompletion(int status) {
                lock.unlock();
            }
        });
    }

    /** Builds an upsert: the updates ({@code {new}} and {@code {old}} stand for the new and the stored row). */
    static final class Builder {

        private final String table;
        private final Map<String, String> columns;
        private final List<String> key;
        private final Map<String, String> updates = new LinkedHashMap<>();
        private String condition;

        private Builder(String table, Map<String, String> columns, List<String> key) {
            this.table = table;
            this.columns = new LinkedHashMap<>(columns);
            this.key = List.copyOf(key);
        }

        /** On a stored row, sets {@code column} to {@code expression}, e.g. {@code coalesce({new}.h, {old}.h)}. */
        Builder update(String column, String expression) {
            updates.put(column, expression);
            return this;
        }

        /** On a stored row, sets {@code column} to the new value. */
        Builder update(String column) {
            return update(column, "{new}." + column);
        }

        /** Inserts a new row only when {@code condition} on the new values ({@code {new}.column}) holds. */
        Builder onlyIf(String condition) {
            this.condition = condition;
            return this;
        }

        /** An upsert that leaves a stored row as it is. */
        LedgerUpsert doNothing() {
            updates.clear();
            return build();
        }

        LedgerUpsert build() {
            String names = String.join(", ", columns.keySet());
            String source = " from (values (" + columns.values().stream().map(t -> "cast(? as " + t + ")")
                    .collect(Collectors.joining(", ")) + ")) s (" + names + ")";
            String keys = String.join(", ", key);

            String postgres = "insert into " + table + " (" + names + ") select "
                    + columns.keySet().stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + source
                    + (condition == null ? "" : " where " + condition.replace("{new}", "s"))
                    + " on conflict (" + keys + ") do " + (updates.isEmpty() ? "nothing" : "update set "
                    + updates.entrySet().stream().map(u -> u.getKey() + " = " + u.getValue().replace("{new}", "excluded")
                    .replace("{old}", table)).collect(Collectors.joining(", ")));

            // o: the stored row, if any (o.<first key column> is null when there is none)
            String absent = "o." + key.get(0) + " is null";
            List<String> values = new ArrayList<>();
            for (String c : columns.keySet()) {
                if (key.contains(c)) {
                    values.add("s." + c);
                } else if (updates.containsKey(c)) {
                    values.add("case when " + absent + " then s." + c + " else "
                            + updates.get(c).replace("{new}", "s").replace("{old}", "o") + " end");
                } else {
                    values.add("case when " + absent + " then s." + c + " else o." + c + " end");
                }
            }
            List<String> where = new ArrayList<>();
            if (updates.isEmpty()) {
                // a stored row is not written at all, so that it is not locked either
                where.add(absent);
            }
            if (condition != null) {
                where.add(condition.replace("{new}", "s"));
            }
            String h2 = "merge into " + table + " (" + names + ") key (" + keys + ") select " + String.join(", ", values)
                    + source + " left join " + table + " o on " + key.stream().map(k -> "o." + k + " = s." + k)
                    .collect(Collectors.joining(" and "))
                    + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
            return new LedgerUpsert(postgres, h2);
        }
    }
}
