package io.crmbridge.cluster;

import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote files (SFTP, FTPS) the instances are importing, in the ledger database's {@code file_claim} beside the
 * inbox's, under keys that start with {@code remote:} and name the server and the file's path there
 * ({@link io.crmbridge.remote.RemoteReadLock}). A claim is taken with one atomic statement ({@link Claims}), so two
 * instances polling one server never take one file both; a dead instance's claim is taken over.
 */
public final class RemoteFileClaims {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteFileClaims.class);

    private final ClusterMembers members;
    private final Claims claims;

    public RemoteFileClaims(ClusterMembers members) {
        this.members = members;
        this.claims = new Claims(members, "file_claim", "file_name");
    }

    /**
     * Claims {@code key} for this instance: false when a live instance (this one included) holds it.
     *
     * @throws IllegalStateException when the database cannot be asked (the file is then left for a later poll)
     */
    public boolean claim(String key) {
        try {
            Optional<String> before = claims.holder(key);
            boolean taken = claims.claim(key);
            if (taken && before.isPresent() && !before.get().equals(members.self())) {
                LOG.info("Cluster: {} taken over from {}, which sent no heartbeat for {} ms", key, before.get(),
                        members.deadAfterMillis());
            }
            return taken;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim " + key + ": " + e.getMessage(), e);
        }
    }

    /** Releases this instance's claim of {@code key}; a failure is logged (the claim goes when this instance dies). */
    public void release(String key) {
        try {
            claims.release(key);
        } catch (SQLException e) {
            LOG.warn("Cluster: the claim of {} could not be released: {}", key, e.getMessage());
        }
    }
}
