package io.crmbridge.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The records of one object type: active records by numeric id (ordered, for paging), archived
 * records, and an index from unique-key values to ids so that writes never scan. Not thread-safe:
 * {@link SandboxState} guards it with its lock.
 */
final class RecordStore {

    private final String lastModifiedProperty;
    private final NavigableMap<Long, SandboxRecord> active = new TreeMap<>();
    private final NavigableMap<Long, SandboxRecord> archived = new TreeMap<>();
    private final Map<String, Map<String, String>> uniqueIndex = new HashMap<>();

    RecordStore(String lastModifiedProperty) {
        this.lastModifiedProperty = lastModifiedProperty;
    }

    Optional<SandboxRecord> get(String id) {
        Long key = parseId(id);
        return key == null ? Optional.empty() : Optional.ofNullable(active.get(key));
    }

    Optional<SandboxRecord> getArchived(String id) {
        Long key = parseId(id);
        return key == null ? Optional.empty() : Optional.ofNullable(archived.get(key));
    }

    /** The id holding {@code value} of a unique-key property, if any. */
    Optional<String> idByUniqueValue(String property, String value) {
        Map<String, String> index = uniqueIndex.get(property);
        return index == null ? Optional.empty() : Optional.ofNullable(index.get(value));
    }

    /** Stores a new record with the given id; {@code values} are validated, non-empty values. */
    SandboxRecord insert(String id, Map<String, String> values, Instant now, Collection<String> uniqueKeys) {
        Map<String, String> props = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!v.isEmpty()) {
                props.put(k, v);
            }
        });
        props.putIfAbsent("createdate", Timestamps.format(now));
        props.put(lastModifiedProperty, Timestamps.format(now));
        props.put("hs_object_id", id);
        SandboxRecord record = new SandboxRecord(id, props, now, now);
        active.put(Long.parseLong(id), record);
        index(record, uniqueKeys);
        return record;
    }

    /**
     * Stores a new record created at {@code createdAt} and last modified at {@code modifiedAt}, as a
     * seeded portal's history would have left it ({@link SandboxSeeder}); values are stored as given.
     */
    SandboxRecord insertAt(String id, Map<String, String> values, Instant createdAt, Instant modifiedAt,
                           Collection<String> uniqueKeys) {
        Map<String, String> props = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                props.put(k, v);
            }
        });
        props.put("createdate", Timestamps.format(createdAt));
        props.put(lastModifiedProperty, Timestamps.format(modifiedAt));
        props.put("hs_object_id", id);
        SandboxRecord record = new SandboxRecord(id, props, createdAt, modifiedAt);
        active.put(Long.parseLong(id), record);
        index(record, uniqueKeys);
        return record;
    }

    /** Applies changes (empty value = clear) to an existing record. */
    SandboxRecord update(SandboxRecord existing, Map<String, String> changes, Instant now, Collection<String> uniqueKeys) {
        Map<String, String> props = new LinkedHashMap<>(existing.properties());
        changes.forEach((k, v) -> {
            if (v.isEmpty()) {
                props.remove(k);
            } else {
                props.put(k, v);
            }
        });
        props.put(lastModifiedProperty, Timestamps.format(now));
        SandboxRecord record = new SandboxRecord(existing.id(), props, existing.createdAt(), now);
        unindex(existing, uniqueKeys);
        active.put(Long.parseLong(existing.id()), record);
        index(record, uniqueKeys);
        return record;
    }

    /** Moves a record to the archive; false when no active record has that id. */
    boolean archive(String id, Collection<String> uniqueKeys) {
        Long key = parseId(id);
        SandboxRecord record = key == null ? null : active.remove(key);
        if (record == null) {
            return false;
        }
        unindex(record, uniqueKeys);
        archived.put(key, record);
        return true;
    }

    int count() {
        return active.size();
    }

    /** Active records in id order. */
    Collection<SandboxRecord> all() {
        return active.values();
    }

    /**
     * Up to {@code limit} active (or, with {@code ofArchived}, archived) records with an id greater than
     * {@code afterId} (null = from the start), in id order.
     */
    List<SandboxRecord> page(Long afterId, int limit, boolean ofArchived) {
        NavigableMap<Long, SandboxRecord> records = ofArchived ? archived : active;
        Collection<SandboxRecord> tail = afterId == null ? records.values() : records.tailMap(afterId, false).values();
        List<SandboxRecord> page = new ArrayList<>(Math.min(limit, 128));
        for (SandboxRecord r : tail) {
            if (page.size() == limit) {
                break;
            }
            page.add(r);
        }
        return page;
    }

    /** Whether an active (or, with {@code ofArchived}, archived) record has an id greater than {@code id}. */
    boolean hasAfter(long id, boolean ofArchived) {
        return (ofArchived ? archived : active).higherKey(id) != null;
    }

    void clear() {
        active.clear();
        archived.clear();
        uniqueIndex.clear();
    }

    private void index(SandboxRecord record, Collection<String> uniqueKeys) {
        for (String key : uniqueKeys) {
            String value = record.property(key);
            if (value != null) {
                uniqueIndex.computeIfAbsent(key, k -> new HashMap<>()).put(value, record.id());
            }
        }
    }

    private void unindex(SandboxRecord record, Collection<String> uniqueKeys) {
        for (String key : uniqueKeys) {
            String value = record.property(key);
            Map<String, String> index = uniqueIndex.get(key);
            if (value != null && index != null) {
                index.remove(value, record.id());
            }
        }
    }

    static Long parseId(String id) {
        if (id == null || id.isEmpty() || id.length() > 18 || !id.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(id);
    }
}
