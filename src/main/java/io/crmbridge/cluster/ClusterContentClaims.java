package io.crmbridge.cluster;

import io.crmbridge.pipeline.ContentClaims;
import java.sql.SQLException;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContentClaims} of several instances, in the ledger database ({@code content_claim}, by SHA-256 and
 * dry-run mode): taken with one atomic statement that also takes over a dead instance's claim ({@link Claims}),
 * released when the file's exchange is done (imported, skipped, failed or put back in the inbox).
 */
public final class ClusterContentClaims implements ContentClaims {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterContentClaims.class);

    private final Claims claims;

    public ClusterContentClaims(ClusterMembers members) {
        this.claims = new Claims(members, "content_claim", "content_key");
    }

    /**
     * @throws IllegalStateException when the database cannot be asked (the file then fails as for any other error
     *                               of the ledger database)
     */
    @Override
    public boolean claim(Exchange exchange, String contentHash, boolean dryRun) {
        String key = contentHash + (dryRun ? "/dry-run" : "");
        try {
            if (!claims.claim(key)) {
                return false;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim the content " + key + ": " + e.getMessage(), e);
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    claims.release(key);
                } catch (SQLException e) {
                    // it stays until this instance is taken for dead, or starts again under the same id
                    LOG.warn("Cluster: the claim of content {} could not be released: {}", key, e.getMessage());
                }
            }
        });
        return true;
    }
}
