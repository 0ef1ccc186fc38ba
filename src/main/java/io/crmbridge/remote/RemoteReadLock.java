package io.crmbridge.remote;

import io.crmbridge.cluster.RemoteFileClaims;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.remote.FtpConstants;
import org.apache.camel.spi.IdempotentRepository;

/**
 * The read lock of a remote source ({@code exclusiveReadLockStrategy} of routes/remote-sources.yaml): complete files
 * only, through camel-ftp's own {@code readLock=changed} for the protocol (a file whose size and modification time
 * stay the same over the check interval and that is at least the minimum age old), and in cluster mode first a claim
 * of the file in the ledger database ({@link RemoteFileClaims}), so that two instances polling one server never take
 * one file both (docs/cluster.md). Once it holds the claim it also refuses a file another instance finished since this
 * one listed the folder: moved away, or (a source that remembers its files instead of moving them: {@code noop} with
 * an idempotent repository) remembered.
 *
 * @param <T> the protocol's file type (JSch's {@code LsEntry}, commons-net's {@code FTPFile})
 */
public final class RemoteReadLock<T> implements GenericFileExclusiveReadLockStrategy<T> {

    private final GenericFileExclusiveReadLockStrategy<T> changed;
    private final RemoteFileClaims claims;

    /**
     * @param changed camel-ftp's changed read lock of the protocol, configured
     * @param claims  the cluster's claims of remote files, null for one instance
     */
    public RemoteReadLock(GenericFileExclusiveReadLockStrategy<T> changed, RemoteFileClaims claims) {
        this.changed = changed;
        this.claims = claims;
    }

    @Override
    public void prepareOnStartup(GenericFileOperations<T> operations, GenericFileEndpoint<T> endpoint)
            throws Exception {
        changed.prepareOnStartup(operations, endpoint);
    }

    /**
     * Claims the file (cluster mode), then waits for it to stop changing. False, with the claim released, when another
     * instance holds it, another instance remembered it meanwhile, or it is still changing at the time-out.
     */
    @Override
    public boolean acquireExclusiveReadLock(GenericFileOperations<T> operations, GenericFile<T> file,
                                            Exchange exchange) throws Exception {
        String key = claimKey(exchange, file);
        if (claims != null) {
            if (!claims.claim(key)) {
                return false;
            }
            // another instance may have finished it, moved or remembered it, since this one listed the folder
            if (!operations.existsFile(file.getAbsoluteFilePath()) || rememberedElsewhere(exchange)) {
                claims.release(key);
                return false;
            }
        }
        boolean locked = false;
        try {
            locked = changed.acquireExclusiveReadLock(operations, file, exchange);
            return locked;
        } finally {
            if (!locked && claims != null) {
                claims.release(key);
            }
        }
    }

    /** True when the source remembers its files and the repository already holds this one's key. */
    private static boolean rememberedElsewhere(Exchange exchange) {
        if (!(exchange.getFromEndpoint() instanceof GenericFileEndpoint<?> endpoint)
                || !Boolean.TRUE.equals(endpoint.isIdempotent()) || endpoint.getIdempotentKey() == null) {
            return false;
        }
        IdempotentRepository seen = endpoint.getIdempotentRepository();
        String key = endpoint.getIdempotentKey().evaluate(exchange, String.class);
        return seen != null && key != null && seen.contains(key);
    }

    /** The server ({@code CamelFileHost}) and the file's absolute path there: the same for every instance. */
    static String claimKey(Exchange exchange, GenericFile<?> file) {
        return "remote:" + exchange.getIn().getHeader(FtpConstants.FILE_HOST, String.class) + ":"
                + file.getAbsoluteFilePath();
    }

    @Override
    public void releaseExclusiveReadLockOnAbort(GenericFileOperations<T> operations, GenericFile<T> file,
                                                Exchange exchange) throws Exception {
        releaseAfter(() -> changed.releaseExclusiveReadLockOnAbort(operations, file, exchange), exchange, file);
    }

    @Override
    public void releaseExclusiveReadLockOnRollback(GenericFileOperations<T> operations, GenericFile<T> file,
                                                   Exchange exchange) throws Exception {
        releaseAfter(() -> changed.releaseExclusiveReadLockOnRollback(operations, file, exchange), exchange, file);
    }

    @Override
    public void releaseExclusiveReadLockOnCommit(GenericFileOperations<T> operations, GenericFile<T> file,
                                                 Exchange exchange) throws Exception {
        releaseAfter(() -> changed.releaseExclusiveReadLockOnCommit(operations, file, exchange), exchange, file);
    }

    /** A release of camel-ftp's read lock, which may throw. */
    private interface Release {
        void run() throws Exception;
    }

    /** Runs camel-ftp's release, then releases the claim (cluster mode) whatever it did. */
    private void releaseAfter(Release release, Exchange exchange, GenericFile<T> file) throws Exception {
        try {
            release.run();
        } finally {
            if (claims != null) {
                claims.release(claimKey(exchange, file));
            }
        }
    }

    @Override
    public void setTimeout(long timeout) {
        changed.setTimeout(timeout);
    }

    @Override
    public void setCheckInterval(long checkInterval) {
        changed.setCheckInterval(checkInterval);
    }

    @Override
    public void setReadLockLoggingLevel(LoggingLevel level) {
        changed.setReadLockLoggingLevel(level);
    }

    @Override
    public void setMarkerFiler(boolean markerFile) {
        changed.setMarkerFiler(markerFile);
    }

    @Override
    public void setDeleteOrphanLockFiles(boolean deleteOrphanLockFiles) {
        changed.setDeleteOrphanLockFiles(deleteOrphanLockFiles);
    }
}
