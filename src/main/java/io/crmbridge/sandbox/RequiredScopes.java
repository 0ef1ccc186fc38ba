package io.crmbridge.sandbox;

import io.crmbridge.model.ObjectType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scopes a call needs (hubspot-api.md §1.1, §5; the {@code security} of HubSpot's documents), as groups of
 * alternatives: the call needs one scope of every group. HubSpot's documents list a call's scopes as alternatives
 * ("one or more of the following"); an association needs one of each of its two types.
 * <ul>
 *   <li>objects: {@code crm.objects.<type>.read} (GET, search, batch/read) or {@code .write} (everything else),
 *       tickets the legacy {@code tickets} scope for both;</li>
 *   <li>properties: a read takes {@code crm.schemas.<type>.read} or the type's object read or write scope, a write
 *       {@code crm.schemas.<type>.write}; for tickets {@code tickets} does both (properties documents);</li>
 *   <li>associations, batch or of one record: the read (GET, batch/read) or write scope of each object type;</li>
 *   <li>reading pipelines: the type's object read or schema read scope (pipelines documents list both among their
 *       alternatives);</li>
 *   <li>the lists API's membership batch read: {@code crm.lists.read} (lists documents);</li>
 *   <li>the Property Validations API: as a read of the type's properties (propertyValidations.json);</li>
 *   <li>the daily usage read {@code /account-info/<version>/api-usage/daily/private-apps}: {@code oauth}
 *       ({@code accountInfo.json}).</li>
 * </ul>
 * Paths the router does not serve need none, so they still answer 404.
 */
final class RequiredScopes {

    private RequiredScopes() {
    }

    /** The scopes of the call that {@code granted} lacks ({@link #missing(List, Set)}); empty when it may be made. */
    static List<String> missing(String method, String path, Set<String> granted) {
        return missing(of(method, path), granted);
    }

    /** The groups of alternatives the call needs, each in order of preference; empty when the path is not an API route. */
    static List<List<String>> of(String method, String path) {
        List<String> s = SandboxRouter.segments(path);
        if (SandboxRouter.isDailyUsage(method, s)) {
            return List.of(List.of("oauth"));
        }
        if (s.size() < 4 || !"crm".equals(s.get(0))) {
            return List.of();
        }
        if (SandboxRouter.isListMembershipsBatchRead(method, s)) {
            return List.of(List.of("crm.lists.read"));
        }
        if (SandboxRouter.isRecordAssociations(s)) {
            // .../associations/{toType}/... or .../associations/default/{toType}/{toId}
            return bothTypes(s.get(3), "default".equals(s.get(6)) && s.size() > 7 ? s.get(7) : s.get(6),
                    "GET".equals(method));
        }
        if ("GET".equals(method) && SandboxRouter.isApi(s, "v3", "pipelines")) {
            return type(s.get(3)).map(t -> List.of(List.of(objectScope(t, true), "crm.schemas." + t.pathName() + ".read")))
                    .orElse(List.of());
        }
        if (SandboxRouter.isApi(s, "v3", "objects")) {
            List<String> rest = s.subList(4, s.size());
            boolean read = "GET".equals(method) || rest.equals(List.of("search")) || rest.equals(List.of("batch", "read"));
            return type(s.get(3)).map(t -> List.of(List.of(objectScope(t, read)))).orElse(List.of());
        }
        if (SandboxRouter.isApi(s, "v4", "associations") && s.size() >= 5) {
            boolean read = "GET".equals(method) || s.subList(5, s.size()).equals(List.of("batch", "read"));
            return bothTypes(s.get(3), s.get(4), read);
        }
        if ("property-validations".equals(s.get(1)) && SandboxRouter.isDated(s.get(2))) {
            return type(s.get(3)).map(t -> List.of(propertyScopes(t, true))).orElse(List.of());
        }
        if (SandboxRouter.isApi(s, "v3", "properties")) {
            boolean read = "GET".equals(method) || s.subList(4, s.size()).equals(List.of("batch", "read"));
            return type(s.get(3)).map(t -> List.of(propertyScopes(t, read))).orElse(List.of());
        }
        return List.of();
    }

    /**
     * The scopes of the unsatisfied groups of {@code required} (a group is satisfied by any one of its scopes), in
     * order; empty when {@code granted} satisfies every group.
     */
    static List<String> missing(List<List<String>> required, Set<String> granted) {
        List<String> missing = new ArrayList<>();
        for (List<String> group : required) {
            if (group.stream().noneMatch(granted::contains)) {
                missing.addAll(group);
            }
        }
        return missing;
    }

    /** One group per object type: the read or write scope of each, once; empty when either is no type. */
    private static List<List<String>> bothTypes(String fromSegment, String toSegment, boolean read) {
        Optional<ObjectType> from = type(fromSegment);
        Optional<ObjectType> to = type(toSegment);
        if (from.isEmpty() || to.isEmpty()) {
            return List.of();
        }
        Set<List<String>> both = new LinkedHashSet<>();
        both.add(List.of(objectScope(from.get(), read)));
        both.add(List.of(objectScope(to.get(), read)));
        return new ArrayList<>(both);
    }

    private static List<String> propertyScopes(ObjectType type, boolean read) {
        String schema = "crm.schemas." + type.pathName() + (read ? ".read" : ".write");
        if (type == ObjectType.TICKETS) {
            return List.of(schema, "tickets");
        }
        return read ? List.of(schema, objectScope(type, true), objectScope(type, false)) : List.of(schema);
    }

    private static String objectScope(ObjectType type, boolean read) {
        if (type == ObjectType.TICKETS) {
            return "tickets";
        }
        return "crm.objects." + type.pathName() + (read ? ".read" : ".write");
    }

    private static Optional<ObjectType> type(String segment) {
        return ObjectType.fromPathSegment(segment);
    }
}
