package io.crmbridge.ledger;

import io.crmbridge.model.CrmRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hash of what crm-bridge sends for a record (L6 change detection): its id property, key and
 * properties in name order, SHA-256 hex. The same record sent twice hashes the same.
 */
public final class ContentHash {

    private ContentHash() {
    }

    public static String of(CrmRecord r) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            update(md, r.idProperty());
            update(md, r.key());
            for (Map.Entry<String, String> e : new TreeMap<>(r.properties()).entrySet()) {
                update(md, e.getKey());
                update(md, e.getValue());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static void update(MessageDigest md, String s) {
        md.update((s == null ? "" : s).getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }
}
