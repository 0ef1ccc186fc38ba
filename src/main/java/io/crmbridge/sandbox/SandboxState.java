package io.crmbridge.sandbox;

import io.crmbridge.model.ObjectType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Everything the sandbox portal holds: property schema, records per object type, associations and
 * the request log. Thread-safe: one read-write lock makes every batch all-or-nothing, as HubSpot's
 * batches are without trace ids (hubspot-api.md §1.5).
 */
public final class SandboxState {

    /** The property listing the ids merged into a record (HubSpot's {@code hs_merged_object_ids}). */
    static final String MERGED_IDS = "hs_merged_object_ids";

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final PropertySchema schema = new PropertySchema();
    private final Map<ObjectType, RecordStore> stores = new EnumMap<>(ObjectType.class);
    private final AssociationStore associations = new AssociationStore();
    private final ListMemberships listMemberships = new ListMemberships();
    // a user revoking the private app's token in HubSpot: from then on every call answers 401
    private volatile boolean accessTokenRevoked;
    private final List<RecordedRequest> requestLog = new ArrayList<>();
    /** When each request of {@link #requestLog} arrived ({@link System#nanoTime()}), at the same index. */
    private final List<Long> arrivals = new ArrayList<>();
    // Ids keep increasing across object types and resets, so a stale id never matches a new record.
    private final AtomicLong nextId = new AtomicLong(1001);

    SandboxState() {
        for (ObjectType type : ObjectType.values()) {
            stores.put(type, new RecordStore(DefaultProperties.lastModifiedProperty(type)));
        }
    }

    /** Number of non-archived records of a type. */
    public int count(ObjectType type) {
        return read(() -> stores.get(type).count());
    }

    /** Snapshot of the non-archived records of a type, in id order. */
    public List<SandboxRecord> records(ObjectType type) {
        return read(() -> new ArrayList<>(stores.get(type).all()));
    }

    /** The first non-archived record whose property equals {@code value} (case-insensitive for contact email). */
    public Optional<SandboxRecord> findByProperty(ObjectType type, String property, String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = type == ObjectType.CONTACTS && "email".equals(property) ? value.trim().toLowerCase(Locale.ROOT) : value;
        return read(() -> {
            RecordStore store = stores.get(type);
            if (schema.isUniqueKey(type, property)) {
                return store.idByUniqueValue(property, wanted).flatMap(store::get);
            }
            return store.all().stream().filter(r -> wanted.equals(r.property(property))).findFirst();
        });
    }

    /** The portal's definition of a property (properties-v3.json {@code Property}), if it has one. */
    public Optional<com.fasterxml.jackson.databind.node.ObjectNode> property(ObjectType type, String name) {
        return schema.find(type, name).map(PropertyDefinition::toJson);
    }

    /** The portal's property group of that name (properties-v3.json {@code PropertyGroup}), if it has one. */
    public Optional<com.fasterxml.jackson.databind.node.ObjectNode> propertyGroup(ObjectType type, String name) {
        return schema.group(type, name).map(PropertyGroup::toJson);
    }

    /** Ids of the {@code to} records associated with {@code fromId}, whatever the type id. */
    public Set<String> associatedIds(ObjectType from, String fromId, ObjectType to) {
        return read(() -> Set.copyOf(associations.targets(from, fromId, to).keySet()));
    }

    /** Number of distinct (fromId, toId) pairs associated from one type to another. */
    public int associationCount(ObjectType from, ObjectType to) {
        return read(() -> associations.pairCount(from, to));
    }

    /** Every request received since start or the last reset, in order. */
    public List<RecordedRequest> requests() {
        synchronized (requestLog) {
            return List.copyOf(requestLog);
        }
    }

    /**
     * Inserts a record with a past history (seeding: {@link SandboxSeeder}): {@code createdate} and the
     * last-modified property are set from the instants given, not from the clock.
     *
     * @return the stored record, with its new id
     */
    public SandboxRecord insertAt(ObjectType type, Map<String, String> values, Instant createdAt, Instant modifiedAt) {
        return write(() -> stores.get(type).insertAt(newId(), values, createdAt.truncatedTo(ChronoUnit.MILLIS),
                modifiedAt.truncatedTo(ChronoUnit.MILLIS), schema.uniqueKeys(type)));
    }

    /**
     * Changes an active record as a user editing it in HubSpot would: the last-modified property moves
     * to now (an empty value clears a property).
     *
     * @throws IllegalArgumentException when no active record has that id
     */
    public SandboxRecord update(ObjectType type, String id, Map<String, String> changes) {
        return write(() -> {
            RecordStore store = stores.get(type);
            SandboxRecord existing = store.get(id).orElseThrow(() -> new IllegalArgumentException("no record " + id));
            return store.update(existing, changes, Timestamps.now(), schema.uniqueKeys(type));
        });
    }

    /**
     * Merges record {@code mergedId} into {@code primaryId} as a user merging two contacts in HubSpot would:
     * the primary's {@code hs_merged_object_ids} gains the merged id (';'-separated) and its last-modified
     * property moves to now; the merged record leaves the active records and its associations move to the
     * primary. Where HubSpot keeps the merged record is not documented (hubspot-api.md has no merge section):
     * the sandbox archives it.
     *
     * @return the primary record after the merge
     * @throws IllegalArgumentException when either id is not an active record, or they are the same
     */
    public SandboxRecord merge(ObjectType type, String primaryId, String mergedId) {
        if (primaryId.equals(mergedId)) {
            throw new IllegalArgumentException("cannot merge record " + primaryId + " into itself");
        }
        return write(() -> {
            RecordStore store = stores.get(type);
            SandboxRecord primary = store.get(primaryId).orElseThrow(() -> new IllegalArgumentException("no record " + primaryId));
            if (!store.archive(mergedId, schema.uniqueKeys(type))) {
                throw new IllegalArgumentException("no record " + mergedId);
            }
            associations.moveAll(type, mergedId, primaryId);
            String before = primary.property(MERGED_IDS);
            String merged = before == null || before.isBlank() ? mergedId : before + ";" + mergedId;
            return store.update(primary, Map.of(MERGED_IDS, merged), Timestamps.now(), schema.uniqueKeys(type));
        });
    }

    /** Archives an active record as a user deleting it in HubSpot would; false when there is none with that id. */
    public boolean archive(ObjectType type, String id) {
        return write(() -> stores.get(type).archive(id, schema.uniqueKeys(type)));
    }

    /**
     * Adds a contact to a static contact list, as a user or a workflow in HubSpot would (seeding and
     * tests); the list is created on first use.
     *
     * @throws IllegalArgumentException when no active contact has that id
     */
    public void addToList(String listId, String contactId) {
        write(() -> {
            if (stores.get(ObjectType.CONTACTS).get(contactId).isEmpty()) {
                throw new IllegalArgumentException("no contact " + contactId);
            }
            listMemberships.add(listId, contactId, Timestamps.now());
            return null;
        });
    }

    /** The ids of the lists a contact belongs to, in the order it joined them. */
    public List<String> listIdsOf(String contactId) {
        return read(() -> listMemberships.of(contactId).stream().map(ListMemberships.Membership::listId).toList());
    }

    /**
     * Revokes the access token, as a user deleting or rotating the private app's token in HubSpot would:
     * every later call answers 401 until {@link #reset()}.
     */
    public void revokeAccessToken() {
        accessTokenRevoked = true;
    }

    boolean accessTokenRevoked() {
        return accessTokenRevoked;
    }

    /** Drops records, associations, list memberships, created properties and the request log; restores the token. */
    public void reset() {
        accessTokenRevoked = false;
        write(() -> {
            stores.values().forEach(RecordStore::clear);
            associations.clear();
            listMemberships.clear();
            schema.reset();
            return null;
        });
        synchronized (requestLog) {
            requestLog.clear();
            arrivals.clear();
        }
    }

    /**
     * When each logged request arrived, in {@link System#nanoTime()} of this JVM, in the order of {@link #requests()}:
     * what HubSpot's 10-second window counts (hubspot-api.md §4), for tests that check a client never sent more
     * than a window's budget.
     */
    public List<Long> arrivals() {
        synchronized (requestLog) {
            return List.copyOf(arrivals);
        }
    }

    void log(RecordedRequest request, long arrivedNanos) {
        synchronized (requestLog) {
            requestLog.add(request);
            arrivals.add(arrivedNanos);
        }
    }

    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    PropertySchema schema() {
        return schema;
    }

    RecordStore store(ObjectType type) {
        return stores.get(type);
    }

    AssociationStore associations() {
        return associations;
    }

    ListMemberships listMemberships() {
        return listMemberships;
    }

    String newId() {
        return Long.toString(nextId.getAndIncrement());
    }
}
