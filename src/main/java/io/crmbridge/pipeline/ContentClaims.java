package io.crmbridge.pipeline;

import org.apache.camel.Exchange;

/**
 * Who may import a content now (docs/cluster.md "Shared inbox and takeover"): with several instances, the same
 * content under two names is imported by one of them at a time; the other's file waits in the inbox
 * ({@link ContentImportedElsewhereException}) and is then skipped as already imported. A single instance
 * ({@link #SINGLE}) always may.
 */
public interface ContentClaims {

    /** A single instance: every content may be imported (the intake takes one file at a time). */
    ContentClaims SINGLE = (exchange, contentHash, dryRun) -> true;

    /**
     * Claims the content for the file of {@code exchange} until that exchange is done.
     *
     * @param contentHash the file's SHA-256 (hex)
     * @return false when another live instance imports the same content (dry run or not as {@code dryRun})
     */
    boolean claim(Exchange exchange, String contentHash, boolean dryRun);
}
