package io.crmbridge.ledger;

/**
 * Who owns the import runs this process opens, and whether another owner is still alive (docs/cluster.md "Shared
 * inbox and takeover"): with several instances on one database a RUNNING run is taken over only when its owner is
 * dead or is this instance. A single instance ({@link #SINGLE}) owns no run by name, and every RUNNING run it finds
 * was left by a process that stopped.
 */
public interface RunOwners {

    /** A single instance: runs have no owner, and no other owner is alive. */
    RunOwners SINGLE = new RunOwners() {
        @Override
        public String self() {
            return null;
        }

        @Override
        public boolean alive(String instanceId) {
            return false;
        }
    };

    /** This instance's id, recorded on the runs it opens; null for a single instance. */
    String self();

    /** True when {@code instanceId} (not null) still sends heartbeats. */
    boolean alive(String instanceId);

    /** True when a RUNNING run of {@code owner} (null: opened by a single instance) may be taken over by this one. */
    default boolean mayTakeOver(String owner) {
        return owner == null || owner.equals(self()) || !alive(owner);
    }
}
