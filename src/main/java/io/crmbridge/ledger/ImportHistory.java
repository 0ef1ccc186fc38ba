package io.crmbridge.ledger;

import io.crmbridge.config.Transactions;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hibernate.Session;

/**
 * The imports across time as the console lists them (docs/console.md): the import runs together with the files
 * skipped because their content was already imported (table {@code skipped_file}), and where each file was archived
 * in {@code inbox/.done/} (column {@code import_run.archive_name}); migration V8. Plain JDBC in portable SQL, each
 * method one transaction, timestamps as UTC wall time like the rest of the ledger.
 */
public class ImportHistory {

    /** What an entry of the list is. */
    public enum Kind { RUN, SKIPPED }

    /** The columns the list can be sorted by, each with its SQL column in the union of runs and skipped files. */
    public enum SortColumn {
        RUN("id"), FILE("file_name"), TYPE("object_type"), STATUS("status"), ROWS("rows_read"),
        STARTED("started_at"), FINISHED("finished_at");

        private final String sql;

        SortColumn(String sql) {
            this.sql = sql;
        }

        /** The name a request gives, e.g. {@code started}. */
        public String urlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One entry: a run (status as the ledger's {@link ImportRun.Status}) or a skipped file (status {@code SKIPPED},
     * {@code startedAt} and {@code finishedAt} the time it was skipped, {@code duplicateOf} the completed run of the
     * same content, object type that run's). {@code archiveName} is null until the file is archived.
     */
    public record Entry(Kind kind, long id, String fileName, String objectType, String status, long rowsRead,
                        Instant startedAt, Instant finishedAt, Long duplicateOf, String contentHash,
                        String archiveName) {
    }

    private static final String UNION = "select * from ("
            + "select 'RUN' as kind, r.id as id, r.file_name as file_name, r.object_type as object_type,"
            + " r.status as status, r.rows_read as rows_read, r.started_at as started_at, r.finished_at as finished_at,"
            + " cast(null as bigint) as duplicate_of, r.content_hash as content_hash, r.archive_name as archive_name"
            + " from import_run r"
            + " union all "
            + "select 'SKIPPED', s.id, s.file_name, d.object_type, 'SKIPPED', 0, s.skipped_at, s.skipped_at,"
            + " s.duplicate_of, s.content_hash, s.archive_name"
            + " from skipped_file s left join import_run d on d.id = s.duplicate_of"
            + ") e";

    private final Transactions transactions;
    private final Clock clock;

    public ImportHistory(EntityManagerFactory emf, Clock clock) {
        this.transactions = new Transactions(emf);
        this.clock = clock;
    }

    /** Records that run {@code runId}'s file was archived as {@code inbox/.done/<archiveName>}. */
    public void archived(long runId, String archiveName) {
        update("update import_run set archive_name = ? where id = ?", statement -> {
            statement.setString(1, archiveName);
            statement.setLong(2, runId);
        });
    }

    /**
     * Records a file skipped because completed run {@code duplicateOf} imported the same content (hash
     * {@code contentHash}), archived as {@code inbox/.done/<archiveName>}.
     */
    public void skipped(String fileName, String contentHash, long duplicateOf, String archiveName) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        update("insert into skipped_file (file_name, content_hash, duplicate_of, archive_name, skipped_at)"
                + " values (?, ?, ?, ?, ?)", statement -> {
                    statement.setString(1, fileName);
                    statement.setString(2, contentHash);
                    statement.setLong(3, duplicateOf);
                    statement.setString(4, archiveName);
                    statement.setTimestamp(5, now);
                });
    }

    /** The archive name of run {@code runId}'s file, when it was archived. */
    public Optional<String> archiveName(long runId) {
        List<String> names = new ArrayList<>();
        query("select archive_name from import_run where id = ?", s -> s.setLong(1, runId),
                rs -> names.add(rs.getString(1)));
        return names.stream().filter(n -> n != null).findFirst();
    }

    /** The content hash of run {@code runId}, when the ledger knows the run. */
    public Optional<String> contentHash(long runId) {
        List<String> hashes = new ArrayList<>();
        query("select content_hash from import_run where id = ?", s -> s.setLong(1, runId),
                rs -> hashes.add(rs.getString(1)));
        return hashes.stream().findFirst();
    }

    /**
     * One page of runs and skipped files, sorted by {@code column} ({@code ascending} or not), ties newest first.
     *
     * @param offset entries to skip, 0 or more
     * @param limit  most entries to return, 1 or more
     */
    public List<Entry> entries(SortColumn column, boolean ascending, int offset, int limit) {
        List<Entry> entries = new ArrayList<>();
        // the column comes from the enum, never from the request: only the direction and the page are bound. Empty
        // values (a running run's finish, a sales file's type) sort as the lowest on every database: PostgreSQL
        // takes null as the highest, H2 as the lowest
        query(UNION + " order by e." + column.sql + (ascending ? " asc nulls first" : " desc nulls last")
                        + ", e.started_at desc, e.kind, e.id desc"
                        + " offset ? rows fetch next ? rows only",
                s -> {
                    s.setInt(1, offset);
                    s.setInt(2, limit);
                }, rs -> entries.add(entry(rs)));
        return entries;
    }

    /** How many runs and skipped files the ledger knows. */
    public long entryCount() {
        long[] count = new long[1];
        query("select (select count(*) from import_run) + (select count(*) from skipped_file)", s -> { },
                rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    /** Every run and skipped file of content {@code contentHash}, oldest first. */
    public List<Entry> sameContent(String contentHash) {
        List<Entry> entries = new ArrayList<>();
        query(UNION + " where e.content_hash = ? order by e.started_at, e.kind, e.id", s -> s.setString(1, contentHash),
                rs -> entries.add(entry(rs)));
        return entries;
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        long duplicate = rs.getLong("duplicate_of");
        Long duplicateOf = rs.wasNull() ? null : duplicate;
        return new Entry(Kind.valueOf(rs.getString("kind").trim()), rs.getLong("id"), rs.getString("file_name"),
                rs.getString("object_type"), rs.getString("status").trim(), rs.getLong("rows_read"),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")), duplicateOf,
                rs.getString("content_hash"), rs.getString("archive_name"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                statement.executeUpdate();
            }
        });
    }

    private void query(String sql, Binder binder, RowReader reader) {
        jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
        });
    }

    private void jdbc(org.hibernate.jdbc.Work work) {
        transactions.run(em -> {
            em.unwrap(Session.class).doWork(work);
            return null;
        });
    }

}
