package io.crmbridge.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.NamedWhitelistRule;
import io.crmbridge.sandbox.SandboxExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HubSpot's API contract: checks one {@link SandboxExchange} (the request and the response)
 * against HubSpot's own OpenAPI documents in {@code ../shared/hubspot-openapi/} (read in place),
 * with Atlassian's {@link OpenApiInteractionValidator}, one per document, each built on first use
 * and then shared (thread-safe). Where HubSpot's real behaviour departs from its spec, the
 * {@link ContractExceptions} decide; nothing else is relaxed.
 *
 * <p>Which document: {@code /crm/v3/objects/contacts|companies|tickets/...} → {@code contacts-v3.json},
 * {@code companies-v3.json}, {@code tickets-v3.json}; any other {@code /crm/v3/objects/{objectType}}
 * (type ids such as {@code 0-1}, other spellings) → {@code objects-v3.json}; {@code /crm/v4/associations}
 * → {@code associations-v4.json}; {@code /crm/v3/properties} → {@code properties-v3.json};
 * {@code /crm/v3/pipelines} → {@code pipelines-v3.json}. Date-based object and property paths
 * ({@code /crm/objects/2026-03/...}, {@code /crm/properties/2026-03/...}) are checked as their v3 twins:
 * hubspot-api.md §0 found the 2026-03 request and response schemas equal to v3. Date-based association
 * paths ({@code /crm/associations/2026-03/...} and one record's {@code /crm/objects/2026-03/{type}/{id}/associations/...})
 * and pipeline paths ({@code /crm/pipelines/2026-03/...}) are checked against their own version's document
 * ({@code 2026-03/associations.json}, {@code 2026-03/pipelines.json}): association batch/archive answers 200
 * there and 204 on v4.
 *
 * <p>Security: every operation of these documents requires {@code oauth2}, which on the wire is an
 * {@code Authorization: Bearer <token>} header (RFC 6750; hubspot-api.md §5). The Atlassian validator
 * checks apiKey and http schemes but passes oauth2 unchecked, so this class checks the Bearer header
 * itself and reports a missing one under {@link #MISSING_BEARER}.
 *
 * <p>Outside the documents: the Lists API's membership batch read (the contact sync's list memberships) has
 * no document in {@code ../shared/hubspot-openapi/}. Its exchanges keep the Bearer check, are not validated,
 * and are counted under {@link #LISTS_OUTSIDE_SHARED_DOCUMENTS} in the summary; SandboxListMembershipsTest
 * checks the sandbox's answer against the required fields of HubSpot's Lists v3 document instead.
 */
public final class HubSpotContract {

    /** Key of the message for a request without an {@code Authorization: Bearer} header. */
    public static final String MISSING_BEARER = "contract.request.security.bearer";
    /** Key of the message for a path no HubSpot document describes. */
    public static final String NO_DOCUMENT = "contract.request.path.undocumented";

    /** Name under which exchanges with the Lists API (no document in ../shared) are counted, unvalidated. */
    public static final String LISTS_OUTSIDE_SHARED_DOCUMENTS = "lists-api-outside-shared-documents";

    private static final Pattern LISTS = Pattern.compile("^/crm/(v3/lists|lists/\\d{4}-\\d{2})/.*$");
    private static final Pattern DATED = Pattern.compile("^/crm/(objects|properties|associations)/\\d{4}-\\d{2}(/.*)?$");
    private static final Pattern OBJECTS = Pattern.compile("^/crm/v3/objects/([^/]+)(/.*)?$");
    private static final Pattern OWN_VERSION = Pattern.compile(
            "^/crm/(associations|pipelines)/(\\d{4}-\\d{2})/.*$|^/crm/objects/(\\d{4}-\\d{2})/[^/]+/[^/]+/associations/.*$");
    private static final Set<String> OWN_DOCUMENTS = Set.of("contacts", "companies", "tickets");
    private static final Set<String> UNMATCHED_KEYS =
            Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    private final Path specDir;
    private final ContractExceptions exceptions;
    private final Map<String, OpenApiInteractionValidator> validators = new ConcurrentHashMap<>();

    /**
     * @param specDir    folder holding HubSpot's documents ({@code contacts-v3.json}, ...)
     * @param exceptions the documented departures of HubSpot from its own spec
     */
    public HubSpotContract(Path specDir, ContractExceptions exceptions) {
        this.specDir = specDir;
        this.exceptions = exceptions;
    }

    /** The contract over {@code ../shared/hubspot-openapi} with {@link ContractExceptions#hubSpot()}; built once per JVM. */
    public static HubSpotContract standard() {
        return Standard.INSTANCE;
    }

    /** The exceptions this contract applies. */
    public ContractExceptions exceptions() {
        return exceptions;
    }

    /**
     * Checks one exchange.
     *
     * @return the verdict: whether the request and the response could be matched to a documented
     *         operation and checked, the messages of each that break the contract, and the names of the
     *         exceptions that excused a message
     * @throws IllegalStateException when a spec document cannot be read or parsed
     */
    public ContractVerdict check(SandboxExchange exchange) {
        Optional<String> ownVersion = ownVersionDocument(exchange.path());
        String apiPath = ownVersion.isPresent() ? exchange.path() : specPath(exchange.path());
        Optional<String> document = ownVersion.or(() -> documentFor(apiPath));
        List<String> requestProblems = new ArrayList<>();
        if (bearer(exchange.requestHeaders()).isEmpty()) {
            requestProblems.add(MISSING_BEARER + ": " + exchange.method() + " " + exchange.path()
                    + " has no 'Authorization: Bearer <token>' header (oauth2, hubspot-api.md §5)");
        }
        if (document.isEmpty() && LISTS.matcher(exchange.path()).matches()) {
            return new ContractVerdict(false, false, requestProblems, List.of(), List.of(LISTS_OUTSIDE_SHARED_DOCUMENTS));
        }
        if (document.isEmpty()) {
            requestProblems.add(NO_DOCUMENT + ": no HubSpot OpenAPI document describes " + exchange.path());
            return new ContractVerdict(false, false, requestProblems, List.of(), List.of());
        }
        OpenApiInteractionValidator validator = validators.computeIfAbsent(document.get(), this::load);
        Request request = request(exchange, apiPath);
        ValidationReport requestReport = validator.validateRequest(request);
        boolean matched = requestReport.getMessages().stream().noneMatch(m -> UNMATCHED_KEYS.contains(m.getKey()));
        List<String> excused = new ArrayList<>(excusedBy(requestReport));
        requestProblems.addAll(problems(requestReport));
        if (!matched) {
            return new ContractVerdict(false, false, requestProblems, List.of(), excused);
        }
        ValidationReport responseReport = validator.validateResponse(apiPath, request.getMethod(), response(exchange));
        excused.addAll(excusedBy(responseReport));
        return new ContractVerdict(true, true, requestProblems, problems(responseReport), excused);
    }

    private OpenApiInteractionValidator load(String document) {
        Path file = specDir.resolve(document);
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("HubSpot OpenAPI document not found: " + file.toAbsolutePath());
        }
        return OpenApiInteractionValidator.createForSpecificationUrl(file.toAbsolutePath().toUri().toString())
                .withWhitelist(exceptions.whitelist())
                .build();
    }

    /** The path as the documents spell it: date-based prefixes become their v3/v4 twins (§0). */
    static String specPath(String path) {
        Matcher dated = DATED.matcher(path);
        if (!dated.matches()) {
            return path;
        }
        String rest = dated.group(2) == null ? "" : dated.group(2);
        return ("associations".equals(dated.group(1)) ? "/crm/v4/associations" : "/crm/v3/" + dated.group(1)) + rest;
    }

    /**
     * The version folder's own document of a date-based association or pipeline path, e.g.
     * {@code 2026-03/associations.json}; empty for other paths.
     */
    static Optional<String> ownVersionDocument(String path) {
        Matcher m = OWN_VERSION.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        String version = m.group(2) != null ? m.group(2) : m.group(3);
        return Optional.of(version + "/" + ("pipelines".equals(m.group(1)) ? "pipelines" : "associations") + ".json");
    }

    /** The document describing a (v3/v4) path, if any. */
    static Optional<String> documentFor(String apiPath) {
        Matcher objects = OBJECTS.matcher(apiPath);
        if (objects.matches()) {
            return Optional.of(OWN_DOCUMENTS.contains(objects.group(1)) ? objects.group(1) + "-v3.json" : "objects-v3.json");
        }
        if (apiPath.startsWith("/crm/v4/associations/") || apiPath.startsWith("/crm/v4/objects/")) {
            return Optional.of("associations-v4.json");
        }
        if (apiPath.startsWith("/crm/v3/properties/")) {
            return Optional.of("properties-v3.json");
        }
        if (apiPath.startsWith("/crm/v3/pipelines/")) {
            return Optional.of("pipelines-v3.json");
        }
        return Optional.empty();
    }

    private static Optional<String> bearer(Map<String, List<String>> headers) {
        return header(headers, "Authorization")
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7) && !v.substring(7).isBlank());
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }

    private static Request request(SandboxExchange exchange, String apiPath) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(exchange.method(), apiPath);
        exchange.requestHeaders().forEach(builder::withHeader);
        queryParameters(exchange.rawQuery()).forEach(builder::withQueryParam);
        if (!exchange.requestBody().isEmpty()) {
            builder.withBody(exchange.requestBody());
        }
        return builder.build();
    }

    private static SimpleResponse response(SandboxExchange exchange) {
        SimpleResponse.Builder builder = new SimpleResponse.Builder(exchange.status());
        exchange.responseHeaders().forEach(builder::withHeader);
        if (!exchange.responseBody().isEmpty()) {
            builder.withBody(exchange.responseBody());
        }
        return builder.build();
    }

    private static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static List<String> problems(ValidationReport report) {
        List<String> problems = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR) {
                String where = m.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                        .map(p -> " at " + (p.getInstance().isEmpty() ? "/" : p.getInstance())).orElse("");
                problems.add(m.getKey() + where + ": " + m.getMessage()
                        + (m.getAdditionalInfo().isEmpty() ? "" : " " + m.getAdditionalInfo()));
            }
        }
        return problems;
    }

    private static List<String> excusedBy(ValidationReport report) {
        return report.getMessages().stream()
                .map(m -> m.getContext().flatMap(ValidationReport.MessageContext::getAppliedWhitelistRule))
                .flatMap(Optional::stream).map(NamedWhitelistRule::getName).toList();
    }

    /** Built on first use, once per JVM (the holder idiom makes it lazy and thread-safe). */
    private static final class Standard {
        static final HubSpotContract INSTANCE =
                new HubSpotContract(Path.of("..", "shared", "hubspot-openapi"), ContractExceptions.hubSpot());
    }
}
