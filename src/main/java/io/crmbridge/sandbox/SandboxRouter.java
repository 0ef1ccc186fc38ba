package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Maps method and path to a handler. Serves both {@code /crm/v3|v4/...} and the date-based
 * {@code /crm/objects|associations|properties|pipelines/<yyyy-MM>/...} paths (hubspot-api.md §0, §8.1, §10.1), each
 * batch answered with the status codes of the version its path speaks ({@link ApiVersion}), the date-based Property
 * Validations API {@code /crm/property-validations/<version>/...} (§10.3) and the daily usage read
 * {@code /account-info/<version>/...} (§10.4); object types by name in any case or by type id. One record's
 * associations are under {@code /crm/v4/objects/{type}/{id}/associations/...}, dated
 * {@code /crm/objects/<yyyy-MM>/{type}/{id}/associations/...}. Writes on object paths of version 2026-09 or later
 * meet the portal's admin rules (§10.3).
 */
final class SandboxRouter {

    private static final String GET = "GET";
    private static final String POST = "POST";

    private final ObjectQueryHandler query;
    private final BatchCreateHandler create;
    private final BatchUpdateHandler update;
    private final BatchUpsertHandler upsert;
    private final BatchReadHandler batchRead;
    private final RecordUpdateHandler recordUpdate;
    private final ArchiveHandler archive;
    private final MergeHandler merge;
    private final SearchHandler search;
    private final AssociationHandler associations;
    private final AssociationPageHandler associationPage;
    private final DefaultAssociationHandler defaultAssociations;
    private final AssociationArchiveHandler associationArchive;
    private final PropertiesHandler properties;
    private final PipelinesHandler pipelines;
    private final ListMembershipsHandler lists;
    private final PropertyValidationsHandler validations;
    private final DailyBudget daily;

    /** @param daily the portal's daily count, or null when the sandbox keeps none */
    SandboxRouter(SandboxState state, SandboxConfig config, DailyBudget daily) {
        RecordJson json = new RecordJson(state.schema());
        WritePlanner planner = new WritePlanner(state, config.portalRules());
        AssociationTypes types = new AssociationTypes();
        int max = config.maxBatchInputs();
        this.query = new ObjectQueryHandler(state, json, new InlineAssociations(state, types));
        this.create = new BatchCreateHandler(state, planner, json, types, max);
        this.update = new BatchUpdateHandler(state, planner, json, max);
        this.upsert = new BatchUpsertHandler(state, planner, json, max);
        this.batchRead = new BatchReadHandler(state, json, max);
        this.recordUpdate = new RecordUpdateHandler(state, planner, json);
        this.archive = new ArchiveHandler(state, max);
        this.merge = new MergeHandler(state, json);
        this.search = new SearchHandler(state, json);
        this.associations = new AssociationHandler(state, types, max);
        this.associationPage = new AssociationPageHandler(state, types);
        this.defaultAssociations = new DefaultAssociationHandler(state, types, max);
        this.associationArchive = new AssociationArchiveHandler(state, types, max);
        this.properties = new PropertiesHandler(state.schema());
        this.pipelines = new PipelinesHandler();
        this.lists = new ListMembershipsHandler(state, max);
        this.validations = new PropertyValidationsHandler(config.portalRules(), state.schema());
        this.daily = daily;
    }

    ApiResponse route(String method, String path, QueryParameters params, Supplier<JsonNode> body) {
        List<String> s = segments(path);
        if (isDailyUsage(method, s)) {
            return dailyUsage();
        }
        ApiVersion version = ApiVersion.of(s.subList(0, Math.min(3, s.size())));
        if (s.size() >= 4 && "crm".equals(s.get(0))) {
            if (isRecordAssociations(s)) {
                return recordAssociations(method, path, type(s.get(3)), s.get(4), s.subList(6, s.size()), params, body);
            }
            if (isApi(s, "v3", "objects")) {
                return objects(version, method, path, type(s.get(3)), s.subList(4, s.size()), params, body);
            }
            if ("property-validations".equals(s.get(1)) && isDated(s.get(2)) && GET.equals(method)) {
                return propertyValidations(method, path, type(s.get(3)), s.subList(4, s.size()));
            }
            if (isApi(s, "v4", "associations")) {
                return associations(version, method, s.subList(3, s.size()), body);
            }
            if (isApi(s, "v3", "properties")) {
                return properties(version, method, type(s.get(3)), s.subList(4, s.size()), body);
            }
            if (isApi(s, "v3", "pipelines") && GET.equals(method)) {
                return pipelines(method, path, type(s.get(3)), s.subList(4, s.size()));
            }
            if (isListMembershipsBatchRead(method, s)) {
                return lists.batchRead(body.get());
            }
        }
        throw notRouted(method, path);
    }

    private ApiResponse objects(ApiVersion version, String method, String path, ObjectType type, List<String> rest, QueryParameters params,
                                Supplier<JsonNode> body) {
        if (rest.isEmpty()) {
            if (GET.equals(method)) {
                return query.list(type, params, path);
            }
            if (POST.equals(method)) {
                return create.createOne(type, body.get(), version.enforcesAdminRules());
            }
        } else if (rest.size() == 1 && POST.equals(method)) {
            if ("search".equals(rest.get(0))) {
                return search.search(type, body.get());
            }
            if ("merge".equals(rest.get(0))) {
                return merge.merge(type, body.get());
            }
        } else if (rest.size() == 1) {
            switch (method) {
                case GET:
                    return query.get(type, rest.get(0), params);
                case "PATCH":
                    return recordUpdate.update(version, type, rest.get(0), params, body.get());
                case "DELETE":
                    return archive.archiveOne(type, rest.get(0));
                default:
                    break;
            }
        } else if (rest.size() == 2 && "batch".equals(rest.get(0)) && POST.equals(method)) {
            switch (rest.get(1)) {
                case "create":
                    return create.batchCreate(version, type, body.get());
                case "update":
                    return update.update(version, type, body.get());
                case "upsert":
                    return upsert.upsert(version, type, body.get());
                case "read":
                    return batchRead.read(version, type, body.get());
                case "archive":
                    return archive.archiveBatch(type, body.get());
                default:
                    break;
            }
        }
        throw notRouted(method, path);
    }

    private ApiResponse propertyValidations(String method, String path, ObjectType type, List<String> rest) {
        if (rest.isEmpty()) {
            return validations.list(type);
        }
        if (rest.size() == 1) {
            return validations.property(type, rest.get(0));
        }
        if (rest.size() == 3 && "rule-type".equals(rest.get(1))) {
            return validations.rule(type, rest.get(0), rest.get(2));
        }
        throw notRouted(method, path);
    }

    /** {@code rest}: what follows {@code .../associations/}, e.g. {@code [companies]}, {@code [default, companies, 7]}. */
    private ApiResponse recordAssociations(String method, String path, ObjectType from, String fromId, List<String> rest,
                                           QueryParameters params, Supplier<JsonNode> body) {
        if (rest.size() == 1 && GET.equals(method)) {
            return associationPage.page(from, fromId, type(rest.get(0)), params, path);
        }
        if (rest.size() == 2 && "PUT".equals(method)) {
            return associations.createOne(from, fromId, type(rest.get(0)), rest.get(1), body.get());
        }
        if (rest.size() == 2 && "DELETE".equals(method)) {
            return associationArchive.archiveOne(from, fromId, type(rest.get(0)), rest.get(1));
        }
        if (rest.size() == 3 && "default".equals(rest.get(0)) && "PUT".equals(method)) {
            return defaultAssociations.one(from, fromId, type(rest.get(1)), rest.get(2));
        }
        throw notRouted(method, path);
    }

    private ApiResponse associations(ApiVersion version, String method, List<String> rest, Supplier<JsonNode> body) {
        if (rest.size() >= 4 && "batch".equals(rest.get(2)) && POST.equals(method)) {
            ObjectType from = type(rest.get(0));
            ObjectType to = type(rest.get(1));
            String operation = String.join("/", rest.subList(3, rest.size()));
            switch (operation) {
                case "create":
                    return associations.create(version, from, to, body.get());
                case "read":
                    return associations.read(version, from, to, body.get());
                case "associate/default":
                    return defaultAssociations.batch(from, to, body.get());
                case "archive":
                    return associationArchive.archiveBatch(from, to, body.get(), version);
                case "labels/archive":
                    return associationArchive.archiveLabels(from, to, body.get(), version);
                default:
                    break;
            }
        }
        throw notRouted(method, "associations/" + String.join("/", rest));
    }

    private ApiResponse properties(ApiVersion version, String method, ObjectType type, List<String> rest,
                                   Supplier<JsonNode> body) {
        if (!rest.isEmpty() && "groups".equals(rest.get(0))) {
            if (rest.size() == 1 && GET.equals(method)) {
                return properties.listGroups(type);
            }
            if (rest.size() == 1 && POST.equals(method)) {
                return properties.createGroup(type, body.get());
            }
            if (rest.size() == 2 && GET.equals(method)) {
                return properties.getGroup(type, rest.get(1));
            }
        }
        if (rest.isEmpty() && GET.equals(method)) {
            return properties.list(type);
        }
        if (rest.isEmpty() && POST.equals(method)) {
            return properties.create(type, body.get());
        }
        if (rest.equals(List.of("batch", "create")) && POST.equals(method)) {
            return properties.batchCreate(version, type, body.get());
        }
        if (rest.size() == 1 && GET.equals(method)) {
            return properties.get(type, rest.get(0));
        }
        if (rest.size() == 1 && "PATCH".equals(method)) {
            return properties.update(type, rest.get(0), body.get());
        }
        throw notRouted(method, "properties/" + type.pathName() + "/" + String.join("/", rest));
    }

    /**
     * {@code GET /account-info/<version>/api-usage/daily/private-apps} (v3 or a date-based version): the daily
     * usage read (accountInfo.json, hubspot-api.md §10.4).
     */
    static boolean isDailyUsage(String method, List<String> s) {
        return "GET".equals(method) && s.size() == 5 && "account-info".equals(s.get(0))
                && ("v3".equals(s.get(1)) || isDated(s.get(1))) && s.subList(2, 5).equals(
                List.of("api-usage", "daily", "private-apps"));
    }

    /**
     * The daily usage from the sandbox's own daily count (accountInfo.json {@code CollectionResponseApiUsageNoPaging}
     * of one {@code ApiUsage}): the limit, today's requests (this read included), when it was counted and the next
     * midnight in the portal's zone; {@code fetchStatus} NOTFOUND with zeros when the sandbox keeps no daily count.
     */
    private ApiResponse dailyUsage() {
        com.fasterxml.jackson.databind.node.ObjectNode body =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        com.fasterxml.jackson.databind.node.ObjectNode usage = body.putArray("results").addObject();
        usage.put("name", "private-apps-api-calls-daily");
        if (daily == null) {
            usage.put("usageLimit", 0).put("currentUsage", 0).put("collectedAt", Timestamps.now().toString())
                    .put("fetchStatus", "NOTFOUND");
            return new ApiResponse(200, body);
        }
        DailyBudget.Usage today = daily.usage();
        usage.put("usageLimit", today.limit()).put("currentUsage", today.used())
                .put("collectedAt", today.collectedAt().toString()).put("resetsAt", today.resetsAt().toString())
                .put("fetchStatus", "SUCCESS");
        return new ApiResponse(200, body);
    }

    /** {@code rest}: what follows the object type: {@code []}, {@code [id]}, {@code [id, stages]}, {@code [id, stages, stageId]}. */
    private ApiResponse pipelines(String method, String path, ObjectType type, List<String> rest) {
        switch (rest.size()) {
            case 0:
                return pipelines.list(type);
            case 1:
                return pipelines.get(type, rest.get(0));
            case 2:
                if ("stages".equals(rest.get(1))) {
                    return pipelines.stages(type, rest.get(0));
                }
                break;
            case 3:
                if ("stages".equals(rest.get(1))) {
                    return pipelines.stage(type, rest.get(0), rest.get(2));
                }
                break;
            default:
                break;
        }
        throw notRouted(method, path);
    }

    /** The path's segments without empty ones, e.g. {@code [crm, v3, objects, contacts]}. */
    static List<String> segments(String path) {
        return Arrays.asList(path.replaceAll("^/+|/+$", "").split("/+"));
    }

    /** {@code /crm/<legacy>/<api>/...} or {@code /crm/<api>/<yyyy-MM>/...}, e.g. v3 objects or objects/2026-03. */
    static boolean isApi(List<String> s, String legacy, String api) {
        return legacy.equals(s.get(1)) && api.equals(s.get(2)) || api.equals(s.get(1)) && isDated(s.get(2));
    }

    /**
     * One record's associations: {@code /crm/v4/objects/{type}/{id}/associations/...} or
     * {@code /crm/objects/<yyyy-MM>/{type}/{id}/associations/...}.
     */
    static boolean isRecordAssociations(List<String> s) {
        return s.size() >= 7 && "associations".equals(s.get(5))
                && ("v4".equals(s.get(1)) && "objects".equals(s.get(2)) || "objects".equals(s.get(1)) && isDated(s.get(2)));
    }

    /** {@code POST /crm/v3/lists/records/memberships/batch/read} or its date-based twin {@code /crm/lists/2026-03/...}. */
    static boolean isListMembershipsBatchRead(String method, List<String> s) {
        boolean lists = s.size() == 7 && isApi(s, "v3", "lists");
        return lists && POST.equals(method) && s.subList(3, 7).equals(List.of("records", "memberships", "batch", "read"));
    }

    static boolean isDated(String segment) {
        return ApiVersion.isDated(segment);
    }

    private static ObjectType type(String segment) {
        return ObjectType.fromPathSegment(segment).orElseThrow(() ->
                ErrorBodies.validation("Unable to infer object type from: " + segment));
    }

    private static ApiException notRouted(String method, String path) {
        return new ApiException(404, ErrorBodies.error("OBJECT_NOT_FOUND", "No route for " + method + " " + path));
    }
}
