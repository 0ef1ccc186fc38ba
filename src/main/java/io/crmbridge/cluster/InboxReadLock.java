package io.crmbridge.cluster;

import java.io.File;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.file.strategy.FileChangedExclusiveReadLockStrategy;
import org.apache.camel.component.file.strategy.FileIdempotentChangedRepositoryReadLockStrategy;

/**
 * The inbox consumer's read lock ({@code exclusiveReadLockStrategy} of routes/intake.yaml, bound as
 * {@value #BEAN_NAME}): complete files only (I1), a file must stop changing for {@code crm-bridge.read-lock-check-ms}
 * before it is taken. One instance: Camel's {@code readLock=changed}, with its marker file. Several instances
 * (docs/cluster.md): Camel's {@code readLock=idempotent-changed} over {@link InboxClaims}, keyed by the file's name in
 * the inbox, released when the file is moved, no marker file and no deletion of orphan marker files (an instance
 * starting while another imports deleted that one's marker as an orphan, and the file was imported twice).
 */
public final class InboxReadLock {

    /** Registry name, used by routes/intake.yaml. */
    public static final String BEAN_NAME = "inboxReadLock";
    /** Camel's default {@code readLockTimeout} of the file component: a file still changing after it waits. */
    static final long TIMEOUT_MS = 10_000;

    private InboxReadLock() {
    }

    /**
     * Camel's {@code readLock=changed} with {@code readLockCheckInterval} and {@code readLockMinAge} of
     * {@code checkMs}, {@code readLockMinLength=0}: a file not modified for that long is taken at the first check.
     */
    public static GenericFileExclusiveReadLockStrategy<File> single(long checkMs) {
        FileChangedExclusiveReadLockStrategy changed = new FileChangedExclusiveReadLockStrategy();
        changed.setCheckInterval(checkMs);
        changed.setMinAge(checkMs);
        changed.setMinLength(0);
        changed.setTimeout(TIMEOUT_MS);
        return changed;
    }

    /**
     * Camel's {@code readLock=idempotent-changed} over {@code claims} with the same checks as {@link #single},
     * {@code readLockRemoveOnCommit=true} and {@code readLockRemoveOnRollback=true}: the claim is released once the
     * file is moved to .done/ or .failed/.
     */
    public static GenericFileExclusiveReadLockStrategy<File> claimed(long checkMs, InboxClaims claims,
                                                                     CamelContext context) {
        FileIdempotentChangedRepositoryReadLockStrategy lock = new ByName();
        lock.setIdempotentRepository(claims);
        lock.setRemoveOnCommit(true);
        lock.setRemoveOnRollback(true);
        lock.setCheckInterval(checkMs);
        lock.setMinAge(checkMs);
        lock.setMinLength(0);
        lock.setTimeout(TIMEOUT_MS);
        lock.setCamelContext(context);
        return lock;
    }

    /**
     * Keys a file by its name in the inbox, not by its absolute path: instances may mount the shared inbox at
     * different paths.
     */
    private static final class ByName extends FileIdempotentChangedRepositoryReadLockStrategy {
        @Override
        protected String asKey(Exchange exchange, GenericFile<File> file) {
            return file.getRelativeFilePath();
        }
    }
}
