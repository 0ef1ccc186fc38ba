package io.crmbridge.pipeline;

import io.crmbridge.hubspot.PortalReader;
import io.crmbridge.hubspot.PortalReader.PortalRecord;
import io.crmbridge.hubspot.PropertyValues;
import io.crmbridge.model.CrmRecord;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.PropertyChange;
import io.crmbridge.report.ImportReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the portal holds for the records of a batch, read just before they are written (docs/undo.md): one
 * {@code batch/read} by {@code idProperty} per 100 records (hubspot-api.md §1.2, §1.5). It gives the preview its
 * answer (created, updated with the property changes, or unchanged: U2), the overwrite policy {@code if-empty} its
 * test (U3), and an undo the values to write back (U1).
 */
public final class ReadBeforeWrite {

    private final PortalReader reader;
    private final PropertyMapping mapping;
    private final boolean always;

    /**
     * @param always read before every write (setting {@code crm-bridge.read-before-write}); otherwise only the
     *               types with an {@code if-empty} column, and dry runs, read
     */
    public ReadBeforeWrite(PortalReader reader, PropertyMapping mapping, boolean always) {
        this.reader = reader;
        this.mapping = mapping;
        this.always = always;
    }

    /** True when a write of {@code type} is read first: always, or for the {@code if-empty} columns. */
    public boolean readsBefore(ObjectType type) {
        return always || !mapping.ifEmptyProperties(type).isEmpty();
    }

    /** True when the prior values of updated records are kept: undo can restore them. */
    public boolean keepsPriorValues() {
        return always;
    }

    /**
     * The portal's records for {@code records}, by natural key; a key the portal does not hold is absent.
     *
     * @throws io.crmbridge.hubspot.HubSpotCallException when HubSpot refuses the read after redelivery
     */
    public Map<String, PortalRecord> read(ObjectType type, List<CrmRecord> records, ImportReport report) {
        Map<String, List<CrmRecord>> byIdProperty = new LinkedHashMap<>();
        records.forEach(r -> byIdProperty.computeIfAbsent(r.idProperty(), p -> new ArrayList<>()).add(r));
        Map<String, PortalRecord> held = new LinkedHashMap<>();
        byIdProperty.forEach((idProperty, group) -> {
            for (int i = 0; i < group.size(); i += PortalReader.MAX_INPUTS) {
                List<CrmRecord> chunk = group.subList(i, Math.min(group.size(), i + PortalReader.MAX_INPUTS));
                Set<String> properties = new LinkedHashSet<>();
                chunk.forEach(r -> properties.addAll(r.properties().keySet()));
                held.putAll(reader.readByIdProperty(type, idProperty, chunk.stream().map(CrmRecord::key).toList(),
                        properties, report));
            }
        });
        return held;
    }

    /**
     * {@code record} as it is to be sent to a portal holding {@code held} (null: none): without the {@code if-empty}
     * properties HubSpot already holds a value for (U3).
     */
    public CrmRecord applyPolicy(CrmRecord record, PortalRecord held) {
        Set<String> ifEmpty = mapping.ifEmptyProperties(record.type());
        if (held == null || ifEmpty.isEmpty()) {
            return record;
        }
        Map<String, String> properties = new LinkedHashMap<>(record.properties());
        properties.keySet().removeIf(p -> ifEmpty.contains(p) && !p.equals(record.idProperty())
                && held.value(p) != null && !held.value(p).isEmpty());
        return new CrmRecord(record.type(), record.idProperty(), record.key(), properties, record.aliases());
    }

    /** The properties writing {@code record} would change on {@code held}, in the record's order; empty: none. */
    public static List<PropertyChange> changes(CrmRecord record, PortalRecord held) {
        List<PropertyChange> changes = new ArrayList<>();
        record.properties().forEach((p, v) -> {
            String before = held.value(p);
            if (!PropertyValues.same(p, v, before)) {
                changes.add(new PropertyChange(p, before, v));
            }
        });
        return changes;
    }

    /** HubSpot's value before the write of each property {@code record} writes (a null value: none). */
    public static Map<String, String> priorValues(CrmRecord record, PortalRecord held) {
        Map<String, String> prior = new LinkedHashMap<>();
        record.properties().keySet().forEach(p -> prior.put(p, held.value(p)));
        return prior;
    }
}
