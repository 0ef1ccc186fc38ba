package io.crmbridge.pipeline;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Tells a failure of a resource the import depends on from a failure caused by the file: a
 * file whose import failed because the ledger database is locked or gone, or the outbox cannot be written, goes
 * back to the inbox to be retried; a file that is itself bad goes to {@code inbox/.failed/}.
 */
final class UnavailableResource {

    private UnavailableResource() {
    }

    /**
     * The unavailable resource behind {@code failure} (anywhere in its cause chain): {@code "ledger database"} for
     * JPA and JDBC errors (a lock timeout, a closed or unreachable database), the exception's own description for
     * a {@link ResourceUnavailableException}; empty when the failure is not a resource's.
     */
    static Optional<String> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ResourceUnavailableException) {
                return Optional.of(t.getMessage());
            }
            if (t instanceof PersistenceException || t instanceof SQLException) {
                return Optional.of("ledger database unavailable: " + t.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Whether {@code failure} is an abandoned import at shutdown ({@link ImportInterruptedException}). */
    static boolean isInterruption(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ImportInterruptedException) {
                return true;
            }
        }
        return false;
    }
}
