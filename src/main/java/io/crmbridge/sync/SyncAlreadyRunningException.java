package io.crmbridge.sync;

/** A sync was asked for while another one runs, in this instance or another: runs never overlap (S1). */
public class SyncAlreadyRunningException extends RuntimeException {

    public SyncAlreadyRunningException() {
        this("a contact sync is already running");
    }

    /** @param message why, e.g. that the running sync is another instance's */
    public SyncAlreadyRunningException(String message) {
        super(message);
    }
}
