package io.crmbridge.pipeline;

import io.crmbridge.hubspot.HubSpotCallException;
import io.crmbridge.hubspot.HubSpotGateway;
import io.crmbridge.hubspot.PortalProperty;
import io.crmbridge.hubspot.PortalSchema;
import io.crmbridge.hubspot.PropertyEnsurer;
import io.crmbridge.hubspot.PropertySpec;
import io.crmbridge.hubspot.PropertyValidations;
import io.crmbridge.model.CrmRecord;
import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.RowResult;
import io.crmbridge.validation.PropertyValidationRule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Preflight against the portal's schema (PRODUCT.md V7): before a row is sent, its values are
 * checked against the property definitions the portal has, so that what HubSpot would refuse
 * (hubspot-api.md §6) is caught per row and before any write instead of failing at HubSpot.
 *
 * <ul>
 *   <li>A property the portal does not have (PROPERTY_DOESNT_EXIST at HubSpot, e.g. a user mapping
 *       to a misspelt property) is left out of every record and reported once per file, in the
 *       report's {@code preflight.unknownProperties} and a WARN line; the rows still load without
 *       it and get no per-row warning (the cause is the mapping, not the row).</li>
 *   <li>A value of an enumeration property that is not one of its options (INVALID_OPTION at
 *       HubSpot, e.g. a ticket-codes file mapping a status to a stage the pipeline lacks) rejects
 *       the row with {@link ErrorCode#INVALID_OPTION}; it is dead-lettered and the other rows go on.
 *       In a ticket row's contact the value is left out instead, with an
 *       {@link ErrorCode#INVALID_CONTACT_OPTION} warning: the ticket itself is fine.</li>
 *   <li>A value that breaks one of the portal's property validation rules (P1, hubspot-api.md §10.3: {@code zip}
 *       with a letter under {@code ALPHANUMERIC [NUMERIC_ONLY]}, a value over {@code MAX_LENGTH} ...) rejects the
 *       row with {@link ErrorCode#VALIDATION_RULE}, naming the property, the value's problem and the rule; in a
 *       ticket row's contact the value is left out instead, with a {@link ErrorCode#CONTACT_VALIDATION_RULE}
 *       warning. Only the rule types {@link PropertyValidationRule} checks are judged here; HubSpot judges the
 *       others at the write. The rules are read from the Property Validations API of a dated API version
 *       ({@link PortalSchema#validations}); when they cannot be read the rows go on unchecked.</li>
 * </ul>
 * The record's upsert key ({@code idProperty}) keeps its value: it is the property {@link PropertyEnsurer} makes sure
 * of, and is never checked against the options (a primary record's key is checked against the validation rules,
 * which HubSpot applies to it too). Numbers and dates are not checked against the property types here: crm-bridge
 * already sends them normalised (plain numbers, midnight-UTC epoch ms).
 *
 * <p>The schema (properties and validation rules) is read once per file (and object type) and kept in the
 * {@link FileImport}. Before
 * it is read, the {@link PropertyEnsurer} creates crm-bridge's own custom properties, so the schema
 * read is the one the writes will meet; on the first file of a type in a process, the ensurer's own
 * read of the property list, completed with what it created, is that schema (not read a second time).
 * In dry-run mode nothing is created (that would be a write): the portal is still read (a GET, no
 * write), and crm-bridge's own custom properties count as present because a real run would create
 * them first.
 */
public final class Preflight {

    private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);
    /** Options listed in a rejection message; a portal can have hundreds. */
    private static final int OPTIONS_SHOWN = 20;

    private final HubSpotGateway gateway;
    private final PropertyEnsurer ensurer;
    private final PropertyMapping mapping;
    private final Set<String> ownProperties = new HashSet<>();

    /**
     * @param mapping the property mapping in use: its custom properties are crm-bridge's own, and it
     *                names the column that fills a property in reports
     */
    public Preflight(HubSpotGateway gateway, PropertyEnsurer ensurer, PropertyMapping mapping) {
        this.gateway = gateway;
        this.ensurer = ensurer;
        this.mapping = mapping;
        for (PropertySpec spec : mapping.customProperties()) {
            ownProperties.add(spec.type().pathName() + "." + spec.name());
        }
    }

    /**
     * Bean method (routes/intake.yaml, before the splitter): reads the file's schema now, creating crm-bridge's
     * own properties first, while the first batch is being mapped on the row-mapping thread, instead of after
     * it: the first upsert goes out that much sooner, and in the first seconds of an import every request sets
     * the pace of the rate budget's later windows (docs/benchmarks.md). A failure is left for the first batch to meet
     * again, where it fails the rows and stops the file as before (401/403).
     */
    public void prepare(@ExchangeProperty(FileImport.PROPERTY) FileImport file) {
        try {
            schema(file);
        } catch (RuntimeException e) {
            LOG.debug("{}: the portal's schema could not be read before the first batch: {}", file.fileName(),
                    e.toString());
        }
    }

    /**
     * Checks every row of a batch, in order; rows already rejected are returned as they are.
     *
     * @throws HubSpotCallException when the portal's schema cannot be read or crm-bridge's custom
     *                              properties cannot be created (e.g. 403 MISSING_SCOPES)
     */
    public List<RowResult> check(FileImport file, List<RowResult> batch) {
        List<RowResult> checked = new ArrayList<>(batch.size());
        for (RowResult r : batch) {
            checked.add(check(file, r));
        }
        return checked;
    }

    /**
     * Checks one row: returns it unchanged, or with the properties the portal lacks (and a
     * secondary contact's disallowed options and values that break a rule) left out, or rejected with INVALID_OPTION
     * or VALIDATION_RULE.
     *
     * @throws HubSpotCallException as {@link #check(FileImport, List)}
     */
    public RowResult check(FileImport file, RowResult row) {
        if (row.isRejected()) {
            return row;
        }
        PortalSchema schema = schema(file);
        CrmRecord record = row.record();
        Map<String, PortalProperty> known = schema.properties(record.type());
        PropertyValidations rules = schema.validations(record.type());
        Map<String, String> props = withoutUnknown(file, known, record);
        for (Map.Entry<String, String> property : props.entrySet()) {
            PortalProperty p = refused(known, record, property.getKey(), property.getValue());
            if (p != null) {
                return RowResult.rejected(row.row(), ErrorCode.INVALID_OPTION.issue(property.getValue(),
                        property.getKey(), allowed(p)), row.warnings());
            }
            Issue broken = broken(rules, ErrorCode.VALIDATION_RULE, property.getKey(), property.getValue());
            if (broken != null) {
                return RowResult.rejected(row.row(), broken, row.warnings());
            }
        }
        List<Issue> warnings = new ArrayList<>(row.warnings());
        List<CrmRecord> secondary = new ArrayList<>(row.secondary().size());
        for (CrmRecord s : row.secondary()) {
            secondary.add(checkSecondary(file, schema, s, warnings));
        }
        if (props == record.properties() && secondary.equals(row.secondary())) {
            return row;
        }
        CrmRecord kept = new CrmRecord(record.type(), record.idProperty(), record.key(), props, record.aliases());
        return new RowResult(row.row(), kept, secondary, row.links(), null, warnings);
    }

    /**
     * The record's properties less those the portal does not have ({@code known}: the portal's properties of the
     * record's type; each left out is reported once per file): the record's own map when the portal has them all
     * (the common case, so no copy a row), else a copy without them.
     */
    private Map<String, String> withoutUnknown(FileImport file, Map<String, PortalProperty> known, CrmRecord record) {
        Map<String, String> props = record.properties();
        for (String name : record.properties().keySet()) {
            if (!name.equals(record.idProperty()) && !known.containsKey(name) && !isOwn(record.type(), name)) {
                if (props == record.properties()) {
                    props = new LinkedHashMap<>(record.properties());
                }
                props.remove(name);
                missing(file, record.type(), name);
            }
        }
        return props;
    }

    /**
     * The portal's definition of {@code name} ({@code known}: the record type's properties) when it refuses
     * {@code value} (an enumeration option it lacks), else null.
     */
    private static PortalProperty refused(Map<String, PortalProperty> known, CrmRecord record, String name,
                                          String value) {
        if (name.equals(record.idProperty())) {
            return null;
        }
        PortalProperty p = known.get(name);
        return p != null && !p.allows(value) ? p : null;
    }

    /**
     * The issue ({@code code}) of the first of {@code property}'s validation rules that {@code value} breaks, or null
     * when it keeps them all.
     */
    private static Issue broken(PropertyValidations rules, ErrorCode code, String property, String value) {
        for (PropertyValidationRule rule : rules.of(property)) {
            Optional<String> problem = rule.problem(value);
            if (problem.isPresent()) {
                return code.issue(property, value, problem.get(), rule.describe());
            }
        }
        return null;
    }

    /**
     * A record a row implies (a ticket row's contact): what HubSpot would refuse is left out, never rejected; its key
     * is left to HubSpot (without it the contact could not be sent at all).
     */
    private CrmRecord checkSecondary(FileImport file, PortalSchema schema, CrmRecord record, List<Issue> warnings) {
        Map<String, PortalProperty> known = schema.properties(record.type());
        PropertyValidations rules = schema.validations(record.type());
        Map<String, String> props = withoutUnknown(file, known, record);
        for (String name : List.copyOf(props.keySet())) {
            PortalProperty p = refused(known, record, name, props.get(name));
            Issue broken = p != null || name.equals(record.idProperty()) ? null
                    : broken(rules, ErrorCode.CONTACT_VALIDATION_RULE, name, props.get(name));
            if (p != null || broken != null) {
                if (props == record.properties()) {
                    props = new LinkedHashMap<>(props);
                }
                String value = props.remove(name);
                warnings.add(p != null ? ErrorCode.INVALID_CONTACT_OPTION.issue(value, name, allowed(p)) : broken);
            }
        }
        return props == record.properties() ? record
                : new CrmRecord(record.type(), record.idProperty(), record.key(), props, record.aliases());
    }

    /** True when the portal defines {@code property} on {@code type}, as the file's schema read says. */
    public boolean portalHas(FileImport file, ObjectType type, String property) {
        return schema(file).properties(type).containsKey(property);
    }

    /** The file's schema: read on the file's first checked row, after crm-bridge's own properties exist. */
    private PortalSchema schema(FileImport file) {
        return file.portalSchema(() -> {
            // the definitions the ensurer has just read are not asked for again (one request less per type)
            Map<ObjectType, List<PortalProperty>> justRead = new EnumMap<>(ObjectType.class);
            if (!file.dryRun()) {
                ensurer.ensure(file.type(), file.report()).ifPresent(d -> justRead.put(file.type(), d));
                if (file.type() == ObjectType.TICKETS) {
                    // ticket rows also upsert their contact
                    ensurer.ensure(ObjectType.CONTACTS, file.report())
                            .ifPresent(d -> justRead.put(ObjectType.CONTACTS, d));
                }
            }
            return PortalSchema.read(gateway, file.report(), justRead);
        });
    }

    private boolean isOwn(ObjectType type, String property) {
        return ownProperties.contains(type.pathName() + "." + property);
    }

    private void missing(FileImport file, ObjectType type, String property) {
        if (!file.firstMissingProperty(type, property)) {
            return;
        }
        String column = type == file.type() ? column(file, property) : null;
        file.report().unknownProperty(type, column, property);
        LOG.warn("{}: the HubSpot portal has no {} property '{}'{}: its values are left out of every record of"
                        + " this file. Fix the property mapping or create the property in HubSpot.", file.fileName(),
                type.pathName(), property, column == null ? "" : " (filled from column '" + column + "')");
    }

    /** The header of the file's column that fills {@code property}, or null when no column does. */
    private String column(FileImport file, String property) {
        for (FieldMapping f : mapping.fields(file.type())) {
            Integer index = file.mapping().indexByField().get(f.field());
            if (f.property().equals(property) && index != null) {
                return file.mapping().header().get(index);
            }
        }
        return null;
    }

    private static String allowed(PortalProperty p) {
        List<String> options = p.options();
        if (options.size() <= OPTIONS_SHOWN) {
            return String.join(", ", options);
        }
        return String.join(", ", options.subList(0, OPTIONS_SHOWN)) + ", ... (" + (options.size() - OPTIONS_SHOWN)
                + " more)";
    }
}
