package io.crmbridge.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counters of one running sync (one instance per run, used by one thread): pages, contacts,
 * requests, errors and the newest lastmodifieddate seen; logs one progress line per page (S1).
 */
final class SyncProgress {

    private static final Logger LOG = LoggerFactory.getLogger(SyncProgress.class);

    private final SyncRun.Mode mode;
    private final long startNanos = System.nanoTime();
    // volatile: the console reads them from another thread while the run goes on (ContactSync#running)
    private volatile int pages;
    private volatile long contacts;
    private volatile int requests;
    private final List<String> errors = new ArrayList<>();
    private Instant watermark;

    SyncProgress(SyncRun.Mode mode) {
        this.mode = mode;
    }

    void request() {
        requests++;
    }

    /** Counts one stored page and logs page number, contacts so far and rate. */
    void page(int stored, Instant newestModified) {
        pages++;
        contacts += stored;
        if (newestModified != null && (watermark == null || newestModified.isAfter(watermark))) {
            watermark = newestModified;
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        LOG.info("Contact sync ({}): page {} stored {} contacts, {} so far, {} contacts/s", mode, pages, stored,
                contacts, String.format(java.util.Locale.ROOT, "%.0f", contacts / seconds));
    }

    /** Lowers the watermark to {@code limit} when it is later (a full listing's changes during the run). */
    void capWatermark(Instant limit) {
        if (watermark != null && watermark.isAfter(limit)) {
            watermark = limit;
        }
    }

    void error(String message) {
        errors.add(message);
        LOG.warn("Contact sync ({}): {}", mode, message);
    }

    int pages() {
        return pages;
    }

    long contacts() {
        return contacts;
    }

    int requests() {
        return requests;
    }

    List<String> errors() {
        return errors;
    }

    Instant watermark() {
        return watermark;
    }
}
