package io.crmbridge.ledger;

import io.crmbridge.model.CrmRecord;
import io.crmbridge.model.Link;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
        List<String> values = new ArrayList<>();
        values.add(r.idProperty());
        values.add(r.key());
        for (Map.Entry<String, String> e : new TreeMap<>(r.properties()).entrySet()) {
            values.add(e.getKey());
            values.add(e.getValue());
        }
        return ofValues(values);
    }

    /**
     * Hash of a row's links in their order (each: source type and key, target type and key, association type
     * id), SHA-256 hex; no links hash the same as each other. Kept beside the record's content hash so that
     * an unchanged row with the same links needs no look-up of its pending links ({@code Ledger.recordDelivery}).
     */
    public static String ofLinks(List<Link> links) {
        List<String> values = new ArrayList<>(links.size() * 5);
        for (Link l : links) {
            values.add(l.fromType().name());
            values.add(l.fromKey());
            values.add(l.toType().name());
            values.add(l.toKey());
            values.add(Integer.toString(l.associationTypeId()));
        }
        return ofValues(values);
    }

    /** SHA-256 hex of the values in order, each followed by a NUL byte (null counts as empty). */
    public static String ofValues(List<String> values) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String v : values) {
                update(md, v);
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
