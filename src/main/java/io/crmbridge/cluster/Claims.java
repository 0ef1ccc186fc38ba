package io.crmbridge.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Claims of one kind in the ledger database (migration V11: {@code file_claim} by file name, {@code content_claim}
 * by content), each held by one instance ({@link ClusterMembers}). A claim is taken with one atomic statement: an
 * insert, or when the key is held by an instance that is dead, an update that takes it over; PostgreSQL's
 * {@code on conflict do update ... where} decides under the row's lock, so two instances never both get it.
 */
final class Claims {

    private final ClusterMembers members;
    private final String table;
    private final String keyColumn;

    /**
     * @param table     {@code file_claim} or {@code content_claim}
     * @param keyColumn its key column
     */
    Claims(ClusterMembers members, String table, String keyColumn) {
        this.members = members;
        this.table = table;
        this.keyColumn = keyColumn;
    }

    /**
     * Takes the claim of {@code key} for this instance: true when it was free or its holder dead, false when an
     * instance alive (this one included) holds it.
     */
    boolean claim(String key) throws SQLException {
        try (Connection c = members.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into " + table + " (" + keyColumn + ", instance_id, claimed_at) values (?, ?, current_timestamp)"
                        + " on conflict (" + keyColumn + ") do update set instance_id = excluded.instance_id,"
                        + " claimed_at = excluded.claimed_at where not exists (select 1 from cluster_member m"
                        + " where m.instance_id = " + table + ".instance_id and " + ClusterMembers.ALIVE + ")")) {
            s.setString(1, key);
            s.setString(2, members.self());
            s.setLong(3, members.deadAfterMillis());
            return s.executeUpdate() == 1;
        }
    }

    /** The instance holding {@code key}, if any (alive or not). */
    Optional<String> holder(String key) throws SQLException {
        try (Connection c = members.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "select instance_id from " + table + " where " + keyColumn + " = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Releases this instance's claim of {@code key}; a claim another instance took over stays its own.
     *
     * @return true when this instance held it
     */
    boolean release(String key) throws SQLException {
        try (Connection c = members.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "delete from " + table + " where " + keyColumn + " = ? and instance_id = ?")) {
            s.setString(1, key);
            s.setString(2, members.self());
            return s.executeUpdate() == 1;
        }
    }

    /** Releases every claim this instance holds. */
    void releaseAll() throws SQLException {
        try (Connection c = members.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "delete from " + table + " where instance_id = ?")) {
            s.setString(1, members.self());
            s.executeUpdate();
        }
    }
}
