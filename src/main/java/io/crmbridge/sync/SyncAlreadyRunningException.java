package io.crmbridge.sync;

/** A sync was asked for while another one runs: runs never overlap (S1). */
public class SyncAlreadyRunningException extends RuntimeException {

    public SyncAlreadyRunningException() {
        super("a contact sync is already running");
    }
}
