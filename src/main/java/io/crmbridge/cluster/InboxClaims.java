package io.crmbridge.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox files the instances are processing, in the ledger database ({@code file_claim}): the idempotent
 * repository of the inbox consumer's read lock in cluster mode ({@link InboxReadLock}), keyed by the file's name in
 * the inbox. {@link #add} claims a file for this instance with one atomic statement, taking over the claim of a dead
 * instance ({@link Claims}); the read lock removes the key when the file is moved to .done/ or .failed/ (commit and
 * rollback), which also precedes the inbox retry's move back. DESIGN.md "Known Camel pitfalls": Camel's own
 * {@code JdbcOrphanLockAwareIdempotentRepository} took files twice; this one keeps no state in the process.
 */
public final class InboxClaims extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(InboxClaims.class);

    private final ClusterMembers members;
    private final Claims claims;
    private final Path inbox;

    /** @param inbox the folder the keys are names in */
    public InboxClaims(ClusterMembers members, Path inbox) {
        this.claims = new Claims(members, "file_claim", "file_name");
        this.inbox = inbox;
        this.members = members;
    }

    /**
     * Claims the file named {@code key} for this instance. False when a live instance holds it, or when the file is no
     * longer in the inbox once claimed: another instance finished it (and released its claim) after this one listed
     * the inbox, and Camel's existence check ran before that.
     *
     * @throws IllegalStateException when the database cannot be asked (Camel then skips the file this poll)
     */
    @Override
    public boolean add(String key) {
        try {
            Optional<String> before = claims.holder(key);
            if (!claims.claim(key)) {
                return false;
            }
            if (!Files.exists(inbox.resolve(key))) {
                claims.release(key);
                return false;
            }
            if (before.isPresent() && !before.get().equals(members.self())) {
                LOG.info("Cluster: {} taken over from {}, which sent no heartbeat for {} ms", key, before.get(),
                        members.deadAfterMillis());
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim " + key + ": " + e.getMessage(), e);
        }
    }

    /** True when an instance (alive or not) holds the file named {@code key}. */
    @Override
    public boolean contains(String key) {
        try {
            return claims.holder(key).isPresent();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the claim of " + key + ": " + e.getMessage(), e);
        }
    }

    /** Releases this instance's claim of the file named {@code key}. */
    @Override
    public boolean remove(String key) {
        try {
            return claims.release(key);
        } catch (SQLException e) {
            // the claim stays until this instance is taken for dead, or starts again under the same id
            LOG.warn("Cluster: the claim of {} could not be released: {}", key, e.getMessage());
            return false;
        }
    }

    /** Nothing to confirm: a claim is whole once {@link #add} returned true. */
    @Override
    public boolean confirm(String key) {
        return true;
    }

    /** Releases every claim of this instance. */
    @Override
    public void clear() {
        try {
            claims.releaseAll();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release this instance's claims: " + e.getMessage(), e);
        }
    }

    @Override
    protected void doStart() {
        // the table is the state: nothing to open
    }

    @Override
    protected void doStop() {
        // claims in flight are released by the read lock when their files are moved
    }
}
