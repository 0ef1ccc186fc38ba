package io.crmbridge.pipeline;

/**
 * The application is stopping (SIGTERM, Ctrl-C): the file is abandoned between two batches, after the batch in
 * flight was delivered and recorded. The file stays in the inbox and its run stays unfinished, so the next start
 * takes the content again (see {@code FileIntake}: interrupted runs).
 */
public final class ImportInterruptedException extends RuntimeException {

    /** @param rowsRead rows read before the stop, for the log */
    public ImportInterruptedException(String fileName, long rowsRead) {
        super(fileName + ": stopped after " + rowsRead + " rows because the application is stopping");
    }
}
