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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's property definitions and property validation rules per object type, as one file's import sees them
 * (V7, P1): each type's definitions are read at most once per instance with {@code GET /crm/v3/properties/{type}}
 * (properties-v3.json: {@code {"results":[Property…]}}, the whole list in one answer, no paging), its validation
 * rules at most once with {@code GET /crm/property-validations/<version>/{objectTypeId}} (hubspot-api.md §10.3; a
 * dated API version only, see {@link HubSpotPaths#propertyValidations}), and both are kept for the rest of the
 * file, so a change made in the portal between two files is seen by the next file. Thread-safe.
 *
 * <p>Rules that cannot be read (not asked for on {@code v3}; HubSpot answers 403 or 404, or cannot be reached) are
 * not a reason to stop: the file goes on without checking them, HubSpot still enforces them at the write, and the
 * report says so once per type ({@code preflight.propertyValidations}), with a WARN line when HubSpot refused the
 * read.
 */
public final class PortalSchema {

    private static final Logger LOG = LoggerFactory.getLogger(PortalSchema.class);

    private final Function<ObjectType, List<PortalProperty>> source;
    private final Function<ObjectType, PropertyValidations> rulesSource;
    private final Map<ObjectType, Map<String, PortalProperty>> byType = new EnumMap<>(ObjectType.class);
    private final Map<ObjectType, PropertyValidations> rulesByType = new EnumMap<>(ObjectType.class);

    private PortalSchema(Function<ObjectType, List<PortalProperty>> source,
                         Function<ObjectType, PropertyValidations> rulesSource) {
        this.source = source;
        this.rulesSource = rulesSource;
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
                : parse(gateway.get(gateway.settings().paths().properties(type), report).body()),
                type -> readRules(gateway, report, type));
    }

    /** A schema known in advance: the given definitions per type (a type not given has no properties), no rules. */
    public static PortalSchema of(Map<ObjectType, List<PortalProperty>> definitions) {
        return of(definitions, type -> PropertyValidations.of(Map.of()));
    }

    /**
     * A schema known in advance: the given definitions per type, and each type's validation rules from
     * {@code rules} (asked once per type).
     */
    public static PortalSchema of(Map<ObjectType, List<PortalProperty>> definitions,
                                  Function<ObjectType, PropertyValidations> rules) {
        Map<ObjectType, List<PortalProperty>> copy = new EnumMap<>(ObjectType.class);
        definitions.forEach((t, list) -> copy.put(t, List.copyOf(list)));
        return new PortalSchema(type -> copy.getOrDefault(type, List.of()), rules);
    }

    /**
     * The validation rules of {@code type}'s properties, read on first use; never throws: rules that cannot be read
     * come back {@link PropertyValidations#unread unread}, with the reason.
     */
    public synchronized PropertyValidations validations(ObjectType type) {
        return rulesByType.computeIfAbsent(type, rulesSource);
    }

    /**
     * Reads a type's rules for a file and records how that went on its report (once per type: the schema asks
     * once); a refused or failed read is logged once too.
     */
    private static PropertyValidations readRules(HubSpotGateway gateway, ImportReport report, ObjectType type) {
        HubSpotPaths paths = gateway.settings().paths();
        PropertyValidations rules = paths.propertyValidations(type).map(path -> {
            try {
                return PropertyValidations.parse(gateway.get(path, report).body());
            } catch (HubSpotCallException e) {
                String answer = e.status() == 0 ? e.getMessage()
                        : "HubSpot answered " + e.status() + (e.category() == null ? "" : " " + e.category()) + ": "
                        + e.getMessage();
                LOG.warn("{}: the portal's property validation rules of {} could not be read ({}): its rows are sent"
                                + " without checking them, and HubSpot enforces them at the write",
                        report == null ? "-" : report.file(), type.pathName(), answer);
                return PropertyValidations.unread(answer);
            }
        }).orElseGet(() -> PropertyValidations.unread("not read on hubspot.api-version " + paths.version()
                + ": crm-bridge reads the rules from the Property Validations API of a dated version (2026-03, 2026-09)"));
        if (report != null) {
            report.propertyValidations(type, rules.read(), rules.ruleCount(), rules.checkedCount(), rules.unreadReason());
        }
        return rules;
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
