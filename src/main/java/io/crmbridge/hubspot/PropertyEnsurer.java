package io.crmbridge.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.report.ImportReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the custom properties crm-bridge writes exist in the portal before the first write
 * of an object type: one {@code GET /crm/v3/properties/{type}} (the whole list, properties-v3.json), and
 * for each one missing {@code POST /crm/v3/properties/{type}} (hubspot-api.md §1.6: upsert keys need
 * {@code hasUniqueValue=true}); a property of a group of its own gets that group first
 * ({@code GET}/{@code POST /crm/v3/properties/{type}/groups}, properties-v3.json), and an
 * enumeration its options. Checked once per type per process (per ensurer: each ensurer has its
 * own list of properties).
 */
public class PropertyEnsurer {

    private static final Logger LOG = LoggerFactory.getLogger(PropertyEnsurer.class);

    private final HubSpotGateway gateway;
    private final List<PropertySpec> specs;
    private final Set<ObjectType> ensured = ConcurrentHashMap.newKeySet();
    private final Set<String> groups = ConcurrentHashMap.newKeySet();

    public PropertyEnsurer(HubSpotGateway gateway, List<PropertySpec> specs) {
        this.gateway = gateway;
        this.specs = specs;
    }

    /**
     * Creates the missing custom properties of {@code type}; the requests count on {@code report}.
     *
     * @return the type's property definitions as this call read them and left them (created properties and added
     *         options included, from HubSpot's answers: properties-v3.json {@code Property}), so that the caller
     *         need not read them again; empty when this call read nothing (the type was ensured before, or
     *         crm-bridge has no property of its own for it) or an answer did not describe its property
     * @throws HubSpotCallException when HubSpot refuses to read or create a property (e.g. 403
     *                              MISSING_SCOPES): nothing can be written without them
     */
    public synchronized Optional<List<PortalProperty>> ensure(ObjectType type, ImportReport report) {
        if (ensured.contains(type)) {
            return Optional.empty();
        }
        String base = gateway.settings().paths().properties(type);
        List<PropertySpec> own = specs.stream().filter(spec -> spec.type() == type).toList();
        // one read of the type's properties instead of one per property: each request spends the rate budget
        Map<String, JsonNode> existing = own.isEmpty() ? Map.of() : byName(gateway.get(base, report).body());
        Map<String, JsonNode> definitions = new LinkedHashMap<>(existing);
        for (PropertySpec spec : own) {
            JsonNode found = existing.get(spec.name());
            if (found != null) {
                JsonNode updated = addMissingOptions(base, spec, found, report);
                if (updated != null) {
                    definitions.put(spec.name(), updated);
                }
                continue;
            }
            if (spec.group() != null) {
                ensureGroup(base, spec.group(), report);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", spec.name());
            body.put("label", spec.label());
            body.put("type", spec.propertyType());
            body.put("fieldType", spec.fieldType());
            body.put("groupName", spec.groupName());
            body.put("hasUniqueValue", spec.hasUniqueValue());
            if (!spec.options().isEmpty()) {
                body.put("options", options(spec.options()));
            }
            definitions.put(spec.name(), gateway.post(base, body, report).body());
            LOG.info("Created HubSpot property {}.{}{}", type.pathName(), spec.name(),
                    spec.hasUniqueValue() ? " (unique)" : "");
        }
        ensured.add(type);
        boolean described = definitions.entrySet().stream()
                .allMatch(e -> e.getValue() != null && e.getKey().equals(e.getValue().path("name").asText()));
        return own.isEmpty() || !described ? Optional.empty()
                : Optional.of(PortalSchema.definitions(definitions.values()));
    }

    /**
     * The most writes {@link #ensure} may still send for {@code type} besides its one read of the property list: a
     * create (or an options PATCH) per crm-bridge property of the type, and a group read and create per group of
     * their own; 0 once the type was ensured in this process. For the daily budget's estimate (docs/hubspot.md).
     */
    public int writesStillPossible(ObjectType type) {
        if (ensured.contains(type)) {
            return 0;
        }
        List<PropertySpec> own = specs.stream().filter(spec -> spec.type() == type).toList();
        long groupsOfTheirOwn = own.stream().map(PropertySpec::group).filter(java.util.Objects::nonNull)
                .map(PropertySpec.Group::name).distinct().count();
        return own.size() + 2 * (int) groupsOfTheirOwn;
    }

    /** The properties of a properties-v3.json {@code CollectionResponseProperty} body, by internal name. */
    private static Map<String, JsonNode> byName(JsonNode body) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode p : body.path("results")) {
            byName.put(p.path("name").asText(), p);
        }
        return byName;
    }

    /**
     * An enumeration that exists without some of the spec's options gets them added, after its own, with
     * {@code PATCH {base}/{name}} (properties-v3.json {@code PropertyUpdate}: the options sent replace the
     * property's, so the existing ones are sent too); HubSpot would refuse the new values otherwise.
     *
     * @return the property as HubSpot's answer to the PATCH describes it, or null when nothing was sent
     */
    private JsonNode addMissingOptions(String base, PropertySpec spec, JsonNode existing, ImportReport report) {
        if (spec.options().isEmpty()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        List<Map<String, Object>> kept = new ArrayList<>();
        for (JsonNode o : existing.path("options")) {
            values.add(o.path("value").asText());
            kept.add(Map.of("label", o.path("label").asText(), "value", o.path("value").asText(),
                    "displayOrder", o.path("displayOrder").asInt(kept.size()), "hidden", o.path("hidden").asBoolean(false)));
        }
        List<String> missing = spec.options().stream().filter(v -> !values.contains(v)).toList();
        if (missing.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> merged = new ArrayList<>(kept);
        for (Map<String, Object> added : options(missing)) {
            Map<String, Object> option = new LinkedHashMap<>(added);
            option.put("displayOrder", merged.size());
            merged.add(option);
        }
        JsonNode updated = gateway.send("PATCH", base + "/" + spec.name(), Map.of("options", merged), report).body();
        LOG.info("Added options {} to HubSpot property {}", missing, spec.name());
        return updated;
    }

    private static List<Map<String, Object>> options(List<String> values) {
        List<Map<String, Object>> options = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            options.add(Map.of("label", values.get(i), "value", values.get(i), "displayOrder", i, "hidden", false));
        }
        return options;
    }

    private void ensureGroup(String base, PropertySpec.Group group, ImportReport report) {
        String key = base + "/" + group.name();
        if (groups.contains(key)) {
            return;
        }
        try {
            gateway.get(base + "/groups/" + group.name(), report);
        } catch (HubSpotCallException e) {
            if (e.status() != 404) {
                throw e;
            }
            gateway.post(base + "/groups", Map.of("name", group.name(), "label", group.label(), "displayOrder", -1),
                    report);
            LOG.info("Created HubSpot property group {}", group.name());
        }
        groups.add(key);
    }
}
