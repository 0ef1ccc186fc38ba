package io.crmbridge.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.report.ImportReport;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The portal's property definitions per object type, as one file's import sees them (V7): each
 * type is read at most once per instance with {@code GET /crm/v3/properties/{type}} (properties-v3.json:
 * {@code {"results":[Property…]}}, the whole list in one answer, no paging), and kept for the rest of
 * the file, so a change made in the portal between two files is seen by the next file. Thread-safe.
 */
public final class PortalSchema {

    private final Function<ObjectType, List<PortalProperty>> source;
    private final Map<ObjectType, Map<String, PortalProperty>> byType = new EnumMap<>(ObjectType.class);

    private PortalSchema(Function<ObjectType, List<PortalProperty>> source) {
        this.source = source;
    }

    /**
     * The schema of the portal behind {@code gateway}, read on first use of each type; the requests
     * count on {@code report}. The path is the one {@link PropertyEnsurer} uses for the same API.
     */
    public static PortalSchema read(HubSpotGateway gateway, ImportReport report) {
        return read(gateway, report, Map.of());
    }

    /**
     * As {@link #read(HubSpotGateway, ImportReport)}, except for the types in {@code justRead}: their definitions
     * were read (and completed) by the caller a moment ago, {@link PropertyEnsurer#ensure}'s answer, and are not
     * asked for again; each request spends the rate budget.
     */
    public static PortalSchema read(HubSpotGateway gateway, ImportReport report,
                                    Map<ObjectType, List<PortalProperty>> justRead) {
        Map<ObjectType, List<PortalProperty>> known = new EnumMap<>(ObjectType.class);
        justRead.forEach((t, list) -> known.put(t, List.copyOf(list)));
        return new PortalSchema(type -> known.containsKey(type) ? known.get(type)
                : parse(gateway.get(gateway.settings().paths().properties(type), report).body()));
    }

    /** A schema known in advance: the given definitions per type (a type not given has no properties). */
    public static PortalSchema of(Map<ObjectType, List<PortalProperty>> definitions) {
        Map<ObjectType, List<PortalProperty>> copy = new EnumMap<>(ObjectType.class);
        definitions.forEach((t, list) -> copy.put(t, List.copyOf(list)));
        return new PortalSchema(type -> copy.getOrDefault(type, List.of()));
    }

    /**
     * The properties of {@code type} by internal name.
     *
     * @throws HubSpotCallException when the portal cannot be read (e.g. 403 MISSING_SCOPES without a
     *                              {@code crm.schemas.*.read} scope); the next call tries again
     */
    public synchronized Map<String, PortalProperty> properties(ObjectType type) {
        Map<String, PortalProperty> known = byType.get(type);
        if (known == null) {
            known = new LinkedHashMap<>();
            for (PortalProperty p : source.apply(type)) {
                known.put(p.name(), p);
            }
            known = Map.copyOf(known);
            byType.put(type, known);
        }
        return known;
    }

    /** Reads a properties-v3.json {@code CollectionResponseProperty} body. */
    static List<PortalProperty> parse(JsonNode body) {
        return definitions(body.path("results"));
    }

    /** Reads properties-v3.json {@code Property} objects. */
    static List<PortalProperty> definitions(Iterable<JsonNode> properties) {
        List<PortalProperty> list = new ArrayList<>();
        for (JsonNode p : properties) {
            List<String> options = new ArrayList<>();
            for (JsonNode o : p.path("options")) {
                if (o.hasNonNull("value")) {
                    options.add(o.get("value").asText());
                }
            }
            list.add(new PortalProperty(p.path("name").asText(), p.path("type").asText(),
                    p.path("fieldType").asText(), options));
        }
        return list;
    }
}
