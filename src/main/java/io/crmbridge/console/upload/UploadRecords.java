package io.crmbridge.console.upload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Who uploaded which file and when, in the ledger database's table {@code console_upload} (migration V7,
 * docs/console.md "Upload files"). A run is attributed to the latest upload of its file name and content made
 * before it started, so a file dropped in the inbox has no uploader, and a run taken over after a restart keeps
 * its uploader. Plain JDBC on the ledger's connection pool; thread-safe.
 */
public class UploadRecords {

    /** Who uploaded a run's file and when. */
    public record Uploaded(String by, Instant at) {
    }

    private final DataSource dataSource;

    public UploadRecords(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records an upload that landed as {@code fileName} (the inbox name) with SHA-256 {@code contentHash}.
     *
     * @param checkFirst true for a file held for a dry run first; false for an import (or a confirmed check)
     * @throws IllegalStateException when the database cannot be written
     */
    public void record(String fileName, String contentHash, String by, Instant at, boolean checkFirst) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("insert into console_upload (file_name, content_hash,"
                     + " uploaded_by, uploaded_at, check_first) values (?, ?, ?, ?, ?)")) {
            s.setString(1, fileName);
            s.setString(2, contentHash);
            s.setString(3, by);
            s.setTimestamp(4, Timestamp.from(at));
            s.setBoolean(5, checkFirst);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the upload of " + fileName + " in the ledger database", e);
        }
    }

    /** Who uploaded the file of a run of {@code fileName} and {@code contentHash} started at {@code startedAt}. */
    public Optional<Uploaded> of(String fileName, String contentHash, Instant startedAt) {
        return query("select uploaded_by, uploaded_at from console_upload where file_name = ? and content_hash = ?"
                + " and uploaded_at <= ? order by uploaded_at desc, id desc", s -> {
                    s.setString(1, fileName);
                    s.setString(2, contentHash);
                    s.setTimestamp(3, Timestamp.from(startedAt));
                }, r -> new Uploaded(r.getString(1), r.getTimestamp(2).toInstant()));
    }

    /** The id of the latest dry run of a file named {@code fileName}, if any (a checked file's report). */
    public Optional<Long> latestDryRun(String fileName) {
        return query("select id from import_run where file_name = ? and dry_run = ? order by id desc", s -> {
            s.setString(1, fileName);
            s.setBoolean(2, true);
        }, r -> r.getLong(1));
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet r) throws SQLException;
    }

    /** The first row of {@code sql}, read by {@code reader}. */
    private <T> Optional<T> query(String sql, Binder binder, Reader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setMaxRows(1);
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(reader.read(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the uploads from the ledger database", e);
        }
    }
}
