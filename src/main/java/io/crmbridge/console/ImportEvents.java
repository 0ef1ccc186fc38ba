package io.crmbridge.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A server-sent events stream ({@code text/event-stream}, WHATWG HTML §9.2) as an {@link InputStream} that the
 * platform-http answer reads on a Vert.x worker thread: each {@link #read} waits for the next tick, then hands over
 * the events {@code events} gives at that tick (the imports page's: docs/console.md). Ends after {@code lifetime}
 * (the browser's EventSource then connects again, after the {@code retry} this stream sets) or when closed (the
 * browser went away).
 *
 * <p>Camel 4.17's platform-http on Vert.x ({@code AsyncInputStream}) fills a 16 KiB buffer before it writes a chunk
 * of an InputStream answer (fixed in CAMEL-23804: eager flush for {@code text/event-stream}), so an event smaller
 * than that would wait for the next ones. Each tick's events are therefore padded with an SSE comment line (ignored
 * by the browser) to a multiple of {@value #CHUNK} bytes, which that buffer passes on at once.
 */
public final class ImportEvents extends InputStream {

    /** The buffer size of Camel's {@code AsyncInputStream}. */
    static final int CHUNK = 16 * 1024;

    private final Supplier<String> events;
    private final long tickMs;
    private final long endAt;
    private byte[] pending;
    private int position;
    private long nextTick;
    private volatile boolean closed;
    private boolean first = true;

    /**
     * @param events   the events of one tick, each {@code event: <name>\ndata: <one line>\n\n}; empty for none
     * @param tick     how often events are given
     * @param lifetime how long the stream lasts
     */
    public ImportEvents(Supplier<String> events, Duration tick, Duration lifetime) {
        this.events = events;
        this.tickMs = tick.toMillis();
        long now = System.currentTimeMillis();
        this.nextTick = now;
        this.endAt = now + lifetime.toMillis();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pending == null || position >= pending.length) {
            if (!nextChunk()) {
                return -1;
            }
        }
        int n = Math.min(len, pending.length - position);
        System.arraycopy(pending, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return pending == null ? 0 : pending.length - position;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Waits for the next tick and prepares its events; false once the stream is over. */
    private boolean nextChunk() throws IOException {
        long wait = nextTick - System.currentTimeMillis();
        while (wait > 0 && !closed) {
            try {
                Thread.sleep(Math.min(wait, 200));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            wait = nextTick - System.currentTimeMillis();
        }
        if (closed || System.currentTimeMillis() >= endAt) {
            return false;
        }
        nextTick = Math.max(nextTick + tickMs, System.currentTimeMillis());
        String text = (first ? "retry: 1000\n\n" : "") + events.get();
        first = false;
        pending = padded(text);
        position = 0;
        return true;
    }

    /** {@code text} after an SSE comment line that brings the whole to a multiple of {@value #CHUNK} bytes. */
    static byte[] padded(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        // ":" + padding + "\n" before the events: at least 2 bytes
        int total = ((body.length + 2 + CHUNK - 1) / CHUNK) * CHUNK;
        byte[] out = new byte[total];
        out[0] = ':';
        java.util.Arrays.fill(out, 1, total - body.length - 1, (byte) ' ');
        out[total - body.length - 1] = '\n';
        System.arraycopy(body, 0, out, total - body.length, body.length);
        return out;
    }
}
