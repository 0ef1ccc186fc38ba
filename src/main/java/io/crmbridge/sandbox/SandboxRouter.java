package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Maps method and path to a handler. Serves both {@code /crm/v3|v4/...} and the date-based
 * {@code /crm/objects|associations|properties/<yyyy-MM>/...} paths (hubspot-api.md §0, §8.1, §10.1), each batch
 * answered with the status codes of the version its path speaks ({@link ApiVersion}), and the date-based
 * Property Validations API {@code /crm/property-validations/<version>/...} (§10.3); object types by name in any
 * case or by type id. Writes on object paths of version 2026-09 or later meet the portal's admin rules (§10.3).
 */
final class SandboxRouter {

    private final ObjectQueryHandler query;
    private final BatchCreateHandler create;
    private final BatchUpdateHandler update;
    private final BatchUpsertHandler upsert;
    private final BatchReadHandler batchRead;
    private final SearchHandler search;
    private final AssociationHandler associations;
    private final PropertiesHandler properties;
    private final ListMembershipsHandler lists;
    private final PropertyValidationsHandler validations;
    private final DailyBudget daily;

    /** @param daily the portal's daily count, or null when the sandbox keeps none */
    SandboxRouter(SandboxState state, SandboxConfig config, DailyBudget daily) {
        RecordJson json = new RecordJson(state.schema());
        WritePlanner planner = new WritePlanner(state, config.portalRules());
        AssociationTypes types = new AssociationTypes();
        int max = config.maxBatchInputs();
        this.query = new ObjectQueryHandler(state, json);
        this.create = new BatchCreateHandler(state, planner, json, types, max);
        this.update = new BatchUpdateHandler(state, planner, json, max);
        this.upsert = new BatchUpsertHandler(state, planner, json, max);
        this.batchRead = new BatchReadHandler(state, json, max);
        this.search = new SearchHandler(state, json);
        this.associations = new AssociationHandler(state, types, max);
        this.properties = new PropertiesHandler(state.schema());
        this.lists = new ListMembershipsHandler(state, max);
        this.validations = new PropertyValidationsHandler(config.portalRules(), state.schema());
        this.daily = daily;
    }

    /** Whether a request goes to search, which has its own per-second limit and no burst headers (§4.2). */
    static boolean isSearch(String method, String path) {
        return "POST".equals(method) && path.endsWith("/search");
    }

    ApiResponse route(String method, String path, QueryParameters params, Supplier<JsonNode> body) {
        List<String> s = Arrays.asList(path.replaceAll("^/+|/+$", "").split("/+"));
        if (isDailyUsage(method, s)) {
            return dailyUsage();
        }
        ApiVersion version = ApiVersion.of(s.subList(0, Math.min(3, s.size())));
        if (s.size() >= 4 && "crm".equals(s.get(0))) {
            if ("v3".equals(s.get(1)) && "objects".equals(s.get(2)) || "objects".equals(s.get(1)) && isDated(s.get(2))) {
                return objects(version, method, path, type(s.get(3)), s.subList(4, s.size()), params, body);
            }
            if ("property-validations".equals(s.get(1)) && isDated(s.get(2)) && "GET".equals(method)) {
                return propertyValidations(method, path, type(s.get(3)), s.subList(4, s.size()));
            }
            if ("v4".equals(s.get(1)) && "associations".equals(s.get(2))
                    || "associations".equals(s.get(1)) && isDated(s.get(2))) {
                return associations(version, method, s.subList(3, s.size()), body);
            }
            if ("v3".equals(s.get(1)) && "properties".equals(s.get(2)) || "properties".equals(s.get(1)) && isDated(s.get(2))) {
                return properties(version, method, type(s.get(3)), s.subList(4, s.size()), body);
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
            if ("GET".equals(method)) {
                return query.list(type, params, path);
            }
            if ("POST".equals(method)) {
                return create.createOne(type, body.get(), version.enforcesAdminRules());
            }
        } else if (rest.size() == 1 && "search".equals(rest.get(0)) && "POST".equals(method)) {
            return search.search(type, body.get());
        } else if (rest.size() == 1 && "GET".equals(method)) {
            return query.get(type, rest.get(0), params);
        } else if (rest.size() == 2 && "batch".equals(rest.get(0)) && "POST".equals(method)) {
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
                    return batchRead.archive(type, body.get());
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

    private ApiResponse associations(ApiVersion version, String method, List<String> rest, Supplier<JsonNode> body) {
        if (rest.size() == 4 && "batch".equals(rest.get(2)) && "POST".equals(method)) {
            ObjectType from = type(rest.get(0));
            ObjectType to = type(rest.get(1));
            if ("create".equals(rest.get(3))) {
                return associations.create(version, from, to, body.get());
            }
            if ("read".equals(rest.get(3))) {
                return associations.read(version, from, to, body.get());
            }
        }
        throw notRouted(method, "associations/" + String.join("/", rest));
    }

    private ApiResponse properties(ApiVersion version, String method, ObjectType type, List<String> rest,
                                   Supplier<JsonNode> body) {
        if (!rest.isEmpty() && "groups".equals(rest.get(0))) {
            if (rest.size() == 1 && "GET".equals(method)) {
                return properties.listGroups(type);
            }
            if (rest.size() == 1 && "POST".equals(method)) {
                return properties.createGroup(type, body.get());
            }
            if (rest.size() == 2 && "GET".equals(method)) {
                return properties.getGroup(type, rest.get(1));
            }
        }
        if (rest.isEmpty() && "GET".equals(method)) {
            return properties.list(type);
        }
        if (rest.isEmpty() && "POST".equals(method)) {
            return properties.create(type, body.get());
        }
        if (rest.equals(List.of("batch", "create")) && "POST".equals(method)) {
            return properties.batchCreate(version, type, body.get());
        }
        if (rest.size() == 1 && "GET".equals(method)) {
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

    /** {@code POST /crm/v3/lists/records/memberships/batch/read} or its date-based twin {@code /crm/lists/2026-03/...}. */
    static boolean isListMembershipsBatchRead(String method, List<String> s) {
        boolean lists = s.size() == 7 && ("v3".equals(s.get(1)) && "lists".equals(s.get(2))
                || "lists".equals(s.get(1)) && isDated(s.get(2)));
        return lists && "POST".equals(method) && s.subList(3, 7).equals(List.of("records", "memberships", "batch", "read"));
    }

    private static boolean isDated(String segment) {
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
