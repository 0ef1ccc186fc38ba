package io.crmbridge.validation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.OptionalLong;

/**
 * V5 duplicate detection inside one file for one kind of key (email, domain, external id).
 * Rule: the first row with a key wins; every later row with the same key is a duplicate of it.
 * Keys are compared exactly, so pass normalised values (the lower-cased email, the domain).
 *
 * <p>Memory: only a 64-bit hash of each key is kept (the first 8 bytes of its SHA-256) with its row
 * number, in two primitive arrays probed linearly and at most three quarters full: 22 to 43 bytes a
 * key, where a {@code HashMap<Long, Long>} took about 72 (docs/benchmarks.md: a 1,000,000-row file under
 * {@code -Xmx256m}). Two different keys share a hash with probability about n²/2⁶⁵, below 10⁻⁹ for a
 * million keys; such a collision would report a false duplicate. Use one instance per file and key
 * kind. Thread-safe (synchronised).
 */
public final class DuplicateDetector {

    private static final int INITIAL_CAPACITY = 1 << 10;

    // one digest for every key, used under the lock: looking SHA-256 up per key cost more than hashing it
    // (docs/benchmarks.md)
    private final MessageDigest sha256 = sha256();
    private long[] hashes = new long[INITIAL_CAPACITY];
    // row number + 1 of the key in the same slot; 0 marks an empty slot
    private long[] rows = new long[INITIAL_CAPACITY];
    private int size;

    /**
     * Records a key, or reports where it was first seen.
     *
     * @param key       the normalised key; null or blank keys are never duplicates and not kept
     * @param rowNumber this row's number in the file (0 or more)
     * @return empty when the key is new (the row is remembered), else the first row number that
     *         had the key
     */
    public synchronized OptionalLong firstRowWith(String key, long rowNumber) {
        if (key == null || key.isBlank()) {
            return OptionalLong.empty();
        }
        if (rowNumber < 0) {
            throw new IllegalArgumentException("row numbers start at 0, was " + rowNumber);
        }
        long hash = hash(key);
        int slot = slotOf(hash, hashes, rows);
        if (rows[slot] != 0) {
            return OptionalLong.of(rows[slot] - 1);
        }
        hashes[slot] = hash;
        rows[slot] = rowNumber + 1;
        if (++size * 4L > hashes.length * 3L) {
            grow();
        }
        return OptionalLong.empty();
    }

    /** The slot holding {@code hash}, else the empty slot where it belongs. */
    private static int slotOf(long hash, long[] hashes, long[] rows) {
        int mask = hashes.length - 1;
        // the hash is the start of a SHA-256: its low bits are as uniform as any
        int slot = (int) hash & mask;
        while (rows[slot] != 0 && hashes[slot] != hash) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldHashes = hashes;
        long[] oldRows = rows;
        hashes = new long[oldHashes.length * 2];
        rows = new long[oldRows.length * 2];
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldRows[i] != 0) {
                int slot = slotOf(oldHashes[i], hashes, rows);
                hashes[slot] = oldHashes[i];
                rows[slot] = oldRows[i];
            }
        }
    }

    private long hash(String key) {
        byte[] digest = sha256.digest(key.getBytes(StandardCharsets.UTF_8));
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (digest[i] & 0xFF);
        }
        return value;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
