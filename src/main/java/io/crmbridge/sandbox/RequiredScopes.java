package io.crmbridge.sandbox;

import io.crmbridge.model.ObjectType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scopes a call needs (hubspot-api.md §1.1, §5; SPEC {@code security}): objects need
 * {@code crm.objects.<type>.read} (GET, search, batch/read) or {@code .write} (everything else), tickets the
 * legacy {@code tickets} scope for both; properties need {@code crm.schemas.<type>.read} (GET) or
 * {@code .write}; v4 associations, batch or of one record, need the read (GET, batch/read) or write scopes of
 * both object types; the lists API's membership batch read needs {@code crm.lists.read} (Lists v3 document
 * {@code security}). Reading pipelines needs any one of the type's object read scope and its schema read scope
 * (pipelines-v3.json lists both among its alternatives); a call missing both names the object scope. Paths
 * the router does not serve need none, so they still answer 404.
 */
final class RequiredScopes {

    private RequiredScopes() {
    }

    /** The scopes of the call that {@code granted} lacks, in a stable order; empty when it may be made. */
    static List<String> missing(String method, String path, Set<String> granted) {
        List<String> s = SandboxRouter.segments(path);
        if ("GET".equals(method) && s.size() >= 4 && "crm".equals(s.get(0)) && SandboxRouter.isApi(s, "v3", "pipelines")) {
            Optional<ObjectType> type = type(s.get(3));
            if (type.isEmpty() || granted.contains(objectScope(type.get(), true))
                    || granted.contains(schemaScope(type.get(), true))) {
                return List.of();
            }
            return List.of(objectScope(type.get(), true));
        }
        return missing(of(method, path), granted);
    }

    /** Every scope the call needs, in a stable order; empty when the path is not an API route. */
    static List<String> of(String method, String path) {
        List<String> s = SandboxRouter.segments(path);
        if (s.size() < 4 || !"crm".equals(s.get(0))) {
            return List.of();
        }
        if (SandboxRouter.isListMembershipsBatchRead(method, s)) {
            return List.of("crm.lists.read");
        }
        if (SandboxRouter.isRecordAssociations(s)) {
            // .../associations/{toType}/... or .../associations/default/{toType}/{toId}
            return bothTypes(s.get(3), "default".equals(s.get(6)) && s.size() > 7 ? s.get(7) : s.get(6),
                    "GET".equals(method));
        }
        if (SandboxRouter.isApi(s, "v3", "objects")) {
            List<String> rest = s.subList(4, s.size());
            boolean read = "GET".equals(method) || rest.equals(List.of("search")) || rest.equals(List.of("batch", "read"));
            return type(s.get(3)).map(t -> List.of(objectScope(t, read))).orElse(List.of());
        }
        if (SandboxRouter.isApi(s, "v4", "associations") && s.size() >= 5) {
            boolean read = "GET".equals(method) || s.subList(5, s.size()).equals(List.of("batch", "read"));
            return bothTypes(s.get(3), s.get(4), read);
        }
        if (SandboxRouter.isApi(s, "v3", "properties")) {
            boolean read = "GET".equals(method);
            return type(s.get(3)).map(t -> List.of(schemaScope(t, read))).orElse(List.of());
        }
        return List.of();
    }

    /** The scopes of {@code required} that {@code granted} lacks, in order. */
    static List<String> missing(List<String> required, Set<String> granted) {
        List<String> missing = new ArrayList<>();
        for (String scope : required) {
            if (!granted.contains(scope)) {
                missing.add(scope);
            }
        }
        return missing;
    }

    /** The read or write scopes of two object types, each once; empty when either is no type. */
    private static List<String> bothTypes(String fromSegment, String toSegment, boolean read) {
        Optional<ObjectType> from = type(fromSegment);
        Optional<ObjectType> to = type(toSegment);
        if (from.isEmpty() || to.isEmpty()) {
            return List.of();
        }
        Set<String> both = new LinkedHashSet<>();
        both.add(objectScope(from.get(), read));
        both.add(objectScope(to.get(), read));
        return new ArrayList<>(both);
    }

    private static String objectScope(ObjectType type, boolean read) {
        if (type == ObjectType.TICKETS) {
            return "tickets";
        }
        return "crm.objects." + type.pathName() + (read ? ".read" : ".write");
    }

    private static String schemaScope(ObjectType type, boolean read) {
        return "crm.schemas." + type.pathName() + (read ? ".read" : ".write");
    }

    private static Optional<ObjectType> type(String segment) {
        return ObjectType.fromPathSegment(segment);
    }
}
