package io.crmbridge.contract;

import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRule;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one list of places where HubSpot's real behaviour departs from its own OpenAPI documents,
 * each with its source, applied as Atlassian whitelist rules (an excused message is set to IGNORE
 * and named in the verdict). Each departure is as narrow as it can be: one message key, one set
 * of operations, one place in the body, and only the named fields.
 */
public final class ContractExceptions {

    private static final Pattern MISSING = Pattern.compile("missing required properties \\(\\[(.*)\\]\\)");
    private static final Pattern EXTRA = Pattern.compile("not allowed by the schema: \\[(.*)\\]");

    private final List<Departure> departures;

    private ContractExceptions(List<Departure> departures) {
        this.departures = List.copyOf(departures);
    }

    /**
     * One documented departure.
     *
     * @param name   short name, reported when it excuses a message
     * @param source where the real behaviour is recorded (hubspot-api.md section and its evidence)
     * @param rule   which validator messages it excuses
     */
    public record Departure(String name, String source, WhitelistRule rule) {
    }

    /** HubSpot's known departures from its spec, as recorded in hubspot-api.md. */
    public static ContractExceptions hubSpot() {
        return new ContractExceptions(List.of(
                new Departure("associations-optional-on-create",
                        "hubspot-api.md §1.2: the spec marks inputs[].associations required on batch create, but real"
                                + " clients leave it out and get 201 (GR recording of api.hubapi.com; DOC-CONTACTS)",
                        missing(true, "/batch/create$", "^/inputs/\\d+$", Set.of("associations"))),
                new Departure("associations-optional-on-single-create",
                        "hubspot-api.md §1.2, §2.4: the spec marks associations required on the single create"
                                + " (SimplePublicObjectInputForCreate) as on batch create; DOC-CONTACTS creates a"
                                + " contact with properties only and HubSpot answers 201",
                        missing(true, "^/crm/(v3/objects|objects/\\d{4}-\\d{2})/[^/]+$", "^/?$", Set.of("associations"))),
                new Departure("batch-read-properties-optional",
                        "hubspot-api.md §1.2: the spec marks properties and propertiesWithHistory required on batch"
                                + " read; DOC-CONTACTS examples leave propertiesWithHistory out and HubSpot answers 200",
                        missing(true, "^/crm/(v3/objects|objects/\\d{4}-\\d{2})/[^/]+/batch/read$", "^/?$",
                                Set.of("properties", "propertiesWithHistory"))),
                new Departure("search-body-defaults",
                        "hubspot-api.md §3.2 (DOC-SEARCH): limit defaults to 10, the first page needs no after, the"
                                + " default order is creation date, a default property set is returned, and a search"
                                + " may be free text only; the spec still marks after, filterGroups, limit, properties"
                                + " and sorts required on SearchRequest",
                        missing(true, "/search$", "^/?$", Set.of("after", "filterGroups", "limit", "properties", "sorts"))),
                new Departure("null-property-values",
                        "hubspot-api.md §0 (DOC-CONTACTS): a requested property with no value comes back as null;"
                                + " the spec types SimplePublicObject.properties as map<string, string>",
                        (message, operation, req, res) -> "validation.response.body.schema.type".equals(message.getKey())
                                && message.getMessage().contains("Instance type (null)")
                                && instance(message, "^(/results/\\d+)?/properties/[^/]+$")),
                new Departure("standard-error-optional-fields",
                        "hubspot-api.md §1.4 (DOC-ERR): every error field is optional and real 207 errors[] elements"
                                + " carry no errors or links; the spec marks all StandardError fields required",
                        missing(false, "", "^/errors/\\d+$", Set.of("errors", "links"))),
                new Departure("error-body-status",
                        "hubspot-api.md §1.4, §1.5, §1.7, §5: real 4xx bodies carry \"status\":\"error\""
                                + " (hubspot-api-nodejs#545, hubspot-api-python#51, #132), a field the Error schema lacks",
                        (message, operation, req, res) -> res != null && res.getStatus() >= 400
                                && extraOnly(message, "^/?$", Set.of("status"))),
                new Departure("rate-limit-429-body",
                        "hubspot-api.md §4.3: the real ten-secondly and daily 429 bodies (hubspot-api-python#117; DOC-USAGE)"
                                + " carry errorType, policyName, groupName or requestId and no category",
                        (message, operation, req, res) -> res != null && res.getStatus() == 429
                                && (extraOnly(message, "^/?$", Set.of("status", "errorType", "policyName", "groupName", "requestId"))
                                || missingFields(message, "validation.response.body.schema.required", "^/?$", Set.of("category"))))));
    }

    /** The departures, for the closing note and for review. */
    public List<Departure> departures() {
        return departures;
    }

    /** The departures as the validator's whitelist. */
    ValidationErrorsWhitelist whitelist() {
        ValidationErrorsWhitelist whitelist = ValidationErrorsWhitelist.create();
        for (Departure d : departures) {
            whitelist = whitelist.withRule(d.name(), d.rule());
        }
        return whitelist;
    }

    /**
     * Excuses a "required" schema message only when every missing field is one of {@code fields}, at a
     * body location matching {@code instance}, on an operation whose documented path matches
     * {@code operationPath}.
     */
    static WhitelistRule missing(boolean request, String operationPath, String instance, Set<String> fields) {
        String key = (request ? "validation.request" : "validation.response") + ".body.schema.required";
        Pattern path = Pattern.compile(operationPath);
        return (message, operation, req, res) -> operation != null
                && path.matcher(operation.getApiPath().original()).find()
                && missingFields(message, key, instance, fields);
    }

    private static boolean missingFields(ValidationReport.Message message, String key, String instance, Set<String> fields) {
        return key.equals(message.getKey()) && instance(message, instance)
                && fields.containsAll(listedFields(MISSING, message.getMessage()));
    }

    /** Excuses an "additionalProperties" response message naming only {@code fields}, at {@code instance}. */
    private static boolean extraOnly(ValidationReport.Message message, String instance, Set<String> fields) {
        return "validation.response.body.schema.additionalProperties".equals(message.getKey())
                && instance(message, instance) && fields.containsAll(listedFields(EXTRA, message.getMessage()));
    }

    private static boolean instance(ValidationReport.Message message, String instance) {
        Pattern at = Pattern.compile(instance);
        return message.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                .map(p -> at.matcher(p.getInstance()).find()).orElse(false);
    }

    /** The field names a schema message lists, {@code ["?"]} when it lists none (so nothing is excused). */
    static Set<String> listedFields(Pattern pattern, String message) {
        Matcher m = pattern.matcher(message);
        if (!m.find()) {
            return Set.of("?");
        }
        return Arrays.stream(m.group(1).split(",")).map(f -> f.trim().replace("\"", ""))
                .filter(f -> !f.isEmpty()).collect(Collectors.toSet());
    }
}
