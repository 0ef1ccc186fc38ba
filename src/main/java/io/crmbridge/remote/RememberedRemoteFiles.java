package io.crmbridge.remote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The remote files a source leaves on its server and remembers (a source with {@code remember=true}: camel-ftp's
 * {@code noop} with this idempotent repository, docs/sources.md), in the ledger database's {@code remote_file_seen}
 * (migration V14): a restart and every instance of a cluster know them. Keys name the server, the file's path, size
 * and modification time (routes/remote-sources.yaml {@code idempotentKey}), so a file replaced on the server is taken
 * again, and its content hash then decides (the same content is skipped). {@link #add} is one insert: of two
 * instances adding one key, one gets true. Bound as {@value #BEAN_NAME}.
 */
public final class RememberedRemoteFiles extends ServiceSupport implements IdempotentRepository {

    /** Registry name, used by routes/remote-sources.yaml. */
    public static final String BEAN_NAME = "rememberedRemoteFiles";
    /** SQLState of a unique-key violation, the same on H2 and PostgreSQL. */
    private static final String DUPLICATE_KEY = "23505";

    private final DataSource dataSource;

    public RememberedRemoteFiles(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Remembers {@code key}: true when it was new.
     *
     * @throws IllegalStateException when the database cannot be written
     */
    @Override
    public boolean add(String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into remote_file_seen (file_key, seen_at) values (?, current_timestamp)")) {
            s.setString(1, key);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("cannot remember the remote file " + key + ": " + e.getMessage(), e);
        }
    }

    /** True when {@code key} is remembered. */
    @Override
    public boolean contains(String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select 1 from remote_file_seen where file_key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the remembered remote file " + key + ": " + e.getMessage(),
                    e);
        }
    }

    /** Forgets {@code key}: true when it was remembered. */
    @Override
    public boolean remove(String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "delete from remote_file_seen where file_key = ?")) {
            s.setString(1, key);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot forget the remote file " + key + ": " + e.getMessage(), e);
        }
    }

    /** Nothing to confirm: a key is whole once added. */
    @Override
    public boolean confirm(String key) {
        return true;
    }

    /** Forgets every remote file. */
    @Override
    public void clear() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "delete from remote_file_seen")) {
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot forget the remote files: " + e.getMessage(), e);
        }
    }

    @Override
    protected void doStart() {
        // the table is the state: nothing to open
    }

    @Override
    protected void doStop() {
        // nothing held between calls
    }
}
