package io.crmbridge.rows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The posts of rows over HTTP and their runs, in the ledger database's table {@code posted_rows} (migration V15,
 * docs/http-intake.md). Plain JDBC on the ledger's connection pool; thread-safe. The Idempotency-Key column is
 * unique, so two instances given the same key at once record one post.
 */
public class PostedRunRecords {

    /**
     * One post.
     *
     * @param runId       the run reserved for it
     * @param objectType  HubSpot's path name of its object type ({@code contacts})
     * @param key         the client's Idempotency-Key, or null
     * @param contentHash the hash its file is imported under: the file's SHA-256, or with a key the SHA-256 of the
     *                    key and the file's hash
     * @param fileHash    the SHA-256 hex of the file written for it
     * @param rows        its rows
     * @param postedAt    when it was answered
     * @param duplicateOf the completed run whose content it repeated when the intake skipped it, else null
     */
    public record PostedRun(long runId, String objectType, String key, String contentHash, String fileHash, int rows,
                            Instant postedAt, Long duplicateOf) {
    }

    private final DataSource dataSource;

    public PostedRunRecords(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records a post.
     *
     * @return false when another post already holds its Idempotency-Key (nothing recorded)
     * @throws IllegalStateException when the database cannot be written
     */
    public boolean record(PostedRun post) {
        if (post.key() != null && byKey(post.key()).isPresent()) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("insert into posted_rows (run_id, object_type, idempotency_key,"
                     + " content_hash, file_hash, row_count, posted_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, post.runId());
            s.setString(2, post.objectType());
            s.setString(3, post.key());
            s.setString(4, post.contentHash());
            s.setString(5, post.fileHash());
            s.setInt(6, post.rows());
            s.setTimestamp(7, Timestamp.from(post.postedAt()));
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            // the unique key: another instance recorded the same key between the look-up and the insert
            if (post.key() != null && byKey(post.key()).isPresent()) {
                return false;
            }
            throw new IllegalStateException("cannot record the post of run " + post.runId() + " in the ledger database",
                    e);
        }
    }

    /** The post of run {@code runId}, if that run was reserved for posted rows. */
    public Optional<PostedRun> byRun(long runId) {
        return query("where run_id = ?", s -> s.setLong(1, runId));
    }

    /** The post that holds Idempotency-Key {@code key}. */
    public Optional<PostedRun> byKey(String key) {
        return query("where idempotency_key = ?", s -> s.setString(1, key));
    }

    /** The newest post imported under {@code contentHash}. */
    public Optional<PostedRun> latestOfContent(String contentHash) {
        return query("where content_hash = ? order by run_id desc", s -> s.setString(1, contentHash));
    }

    /** Records that the intake skipped the post of run {@code runId} as the same content as run {@code of}. */
    public void duplicateOf(long runId, long of) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update posted_rows set duplicate_of = ? where run_id = ?")) {
            s.setLong(1, of);
            s.setLong(2, runId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the post of run " + runId + " in the ledger database", e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private Optional<PostedRun> query(String where, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select run_id, object_type, idempotency_key, content_hash, file_hash, row_count, posted_at,"
                        + " duplicate_of from posted_rows " + where)) {
            s.setMaxRows(1);
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                long duplicateOf = r.getLong(8);
                Long of = r.wasNull() ? null : duplicateOf;
                return Optional.of(new PostedRun(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getInt(6), r.getTimestamp(7).toInstant(), of));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the posted rows from the ledger database", e);
        }
    }
}
