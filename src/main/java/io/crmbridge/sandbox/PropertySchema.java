package io.crmbridge.sandbox;

import io.crmbridge.model.ObjectType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The portal's property definitions per object type: HubSpot's defaults plus those created over
 * {@code POST /crm/v3/properties/{obj}}. Thread-safe.
 */
final class PropertySchema {

    private final Map<ObjectType, Map<String, PropertyDefinition>> byType = new EnumMap<>(ObjectType.class);
    private final Map<ObjectType, Map<String, PropertyGroup>> groups = new EnumMap<>(ObjectType.class);

    PropertySchema() {
        for (ObjectType type : ObjectType.values()) {
            byType.put(type, new ConcurrentHashMap<>());
            groups.put(type, new ConcurrentHashMap<>());
        }
        reset();
    }

    /** Drops created properties and groups and restores HubSpot's defaults. */
    void reset() {
        for (ObjectType type : ObjectType.values()) {
            Map<String, PropertyDefinition> defs = byType.get(type);
            defs.clear();
            groups.get(type).clear();
            for (PropertyDefinition d : DefaultProperties.of(type)) {
                defs.put(d.name(), d);
                groups.get(type).putIfAbsent(d.groupName(), new PropertyGroup(d.groupName(), d.groupName(), -1));
            }
        }
    }

    Optional<PropertyGroup> group(ObjectType type, String name) {
        return Optional.ofNullable(groups.get(type).get(name));
    }

    /** All groups of a type, sorted by name. */
    List<PropertyGroup> groups(ObjectType type) {
        return new ArrayList<>(new java.util.TreeMap<>(groups.get(type)).values());
    }

    /** Adds a group; false when the name is already taken. */
    boolean addGroup(ObjectType type, PropertyGroup group) {
        return groups.get(type).putIfAbsent(group.name(), group) == null;
    }

    Optional<PropertyDefinition> find(ObjectType type, String name) {
        return Optional.ofNullable(byType.get(type).get(name));
    }

    /** All definitions, sorted by name for a stable listing. */
    List<PropertyDefinition> all(ObjectType type) {
        Map<String, PropertyDefinition> sorted = new java.util.TreeMap<>(byType.get(type));
        return new ArrayList<>(sorted.values());
    }

    /** Replaces the definition of the same name. */
    void replace(ObjectType type, PropertyDefinition definition) {
        byType.get(type).put(definition.name(), definition);
    }

    /** Adds a definition; false when the name is already taken. */
    boolean add(ObjectType type, PropertyDefinition definition) {
        return byType.get(type).putIfAbsent(definition.name(), definition) == null;
    }

    /**
     * Whether values of this property are kept unique per object type: hasUniqueValue properties,
     * and contact emails (hubspot-api.md §1.6, §1.7).
     */
    boolean isUniqueKey(ObjectType type, String name) {
        if (type == ObjectType.CONTACTS && "email".equals(name)) {
            return true;
        }
        PropertyDefinition d = byType.get(type).get(name);
        return d != null && d.hasUniqueValue();
    }

    /** Names of the unique-key properties of a type. */
    Collection<String> uniqueKeys(ObjectType type) {
        Map<String, Boolean> keys = new LinkedHashMap<>();
        for (PropertyDefinition d : byType.get(type).values()) {
            if (isUniqueKey(type, d.name())) {
                keys.put(d.name(), true);
            }
        }
        return keys.keySet();
    }
}
