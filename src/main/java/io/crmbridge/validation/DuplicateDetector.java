package io.crmbridge.validation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * V5 duplicate detection inside one file for one kind of key (email, domain, external id).
 * Rule: the first row with a key wins; every later row with the same key is a duplicate of it.
 * Keys are compared exactly, so pass normalised values (the lower-cased email, the domain).
 *
 * <p>Memory: only a 64-bit hash of each key is kept (the first 8 bytes of its SHA-256), about
 * 100 bytes a key with the map overhead instead of the whole string. Two different keys share a
 * hash with probability about n²/2⁶⁵, below 10⁻⁹ for a million keys; such a collision would
 * report a false duplicate. Use one instance per file and key kind. Thread-safe (synchronised).
 */
public final class DuplicateDetector {

    private final Map<Long, Long> firstRowByHash = new HashMap<>();
    // one digest for every key: looking SHA-256 up per key cost more than hashing it (BENCHMARKS.md); used under the lock
    private final MessageDigest sha256 = sha256();

    /**
     * Records a key, or reports where it was first seen.
     *
     * @param key       the normalised key; null or blank keys are never duplicates and not kept
     * @param rowNumber this row's number in the file
     * @return empty when the key is new (the row is remembered), else the first row number that
     *         had the key
     */
    public synchronized OptionalLong firstRowWith(String key, long rowNumber) {
        if (key == null || key.isBlank()) {
            return OptionalLong.empty();
        }
        Long first = firstRowByHash.putIfAbsent(hash(key), rowNumber);
        return first == null ? OptionalLong.empty() : OptionalLong.of(first);
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
