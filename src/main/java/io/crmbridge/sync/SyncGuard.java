package io.crmbridge.sync;

import java.util.Optional;

/**
 * Who may run a contact sync now: within one process {@link ContactSync} already refuses a second run, and a guard
 * extends that to every instance sharing the database (docs/cluster.md "Scheduled syncs"). A run holds the guard's
 * permit from before its sync_run row is opened until it has finished.
 */
public interface SyncGuard {

    /**
     * Takes the permit at once, never waiting.
     *
     * @return the permit, to be closed when the run ends; empty when a sync runs elsewhere
     * @throws RuntimeException when the database cannot be asked (the sync is then not started)
     */
    Optional<Permit> tryAcquire();

    /**
     * True when a sync holds the permit now, in this process or another; a snapshot that may be stale at once.
     *
     * @throws RuntimeException when the database cannot be asked
     */
    boolean held();

    /** A held permit; {@link #close()} gives it back and never throws. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** The guard of a single instance: the process's own refusal is the whole guard, so the permit is always given. */
    static SyncGuard singleInstance() {
        return new SyncGuard() {
            @Override
            public Optional<Permit> tryAcquire() {
                return Optional.of(() -> { });
            }

            @Override
            public boolean held() {
                return false;
            }
        };
    }
}
