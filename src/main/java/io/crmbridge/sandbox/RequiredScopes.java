package io.crmbridge.sandbox;

import io.crmbridge.model.ObjectType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scopes a call needs (hubspot-api.md §1.1, §5; SPEC {@code security}): objects need
 * {@code crm.objects.<type>.read} (GET, search, batch/read) or {@code .write} (everything else), tickets the
 * legacy {@code tickets} scope for both; properties need {@code crm.schemas.<type>.read} (GET) or
 * {@code .write}; v4 associations need the read (batch/read) or write scopes of both object types; the lists
 * API's membership batch read needs {@code crm.lists.read} (Lists v3 document {@code security}); the Property
 * Validations API needs {@code crm.schemas.<type>.read}, {@code tickets} for tickets (one of the alternatives its
 * documents list: propertyValidations.json {@code security}, where any one scope of the list is enough). Paths the
 * router does not serve need none, so they still answer 404.
 */
final class RequiredScopes {

    private RequiredScopes() {
    }

    /** Every scope the call needs, in a stable order; empty when the path is not an API route. */
    static List<String> of(String method, String path) {
        List<String> s = Arrays.asList(path.replaceAll("^/+|/+$", "").split("/+"));
        if (s.size() < 4 || !"crm".equals(s.get(0))) {
            return List.of();
        }
        if (SandboxRouter.isListMembershipsBatchRead(method, s)) {
            return List.of("crm.lists.read");
        }
        String family = s.get(1);
        String version = s.get(2);
        if ("v3".equals(family) && "objects".equals(version) || "objects".equals(family) && isDated(version)) {
            List<String> rest = s.subList(4, s.size());
            boolean read = "GET".equals(method) || rest.equals(List.of("search")) || rest.equals(List.of("batch", "read"));
            return type(s.get(3)).map(t -> List.of(objectScope(t, read))).orElse(List.of());
        }
        if (("v4".equals(family) && "associations".equals(version) || "associations".equals(family) && isDated(version))
                && s.size() >= 5) {
            Optional<ObjectType> from = type(s.get(3));
            Optional<ObjectType> to = type(s.get(4));
            if (from.isEmpty() || to.isEmpty()) {
                return List.of();
            }
            boolean read = "GET".equals(method) || s.subList(5, s.size()).equals(List.of("batch", "read"));
            Set<String> both = new LinkedHashSet<>();
            both.add(objectScope(from.get(), read));
            both.add(objectScope(to.get(), read));
            return new ArrayList<>(both);
        }
        if ("property-validations".equals(family) && isDated(version)) {
            return type(s.get(3)).map(t -> List.of(t == ObjectType.TICKETS ? "tickets" : "crm.schemas." + t.pathName() + ".read"))
                    .orElse(List.of());
        }
        if ("v3".equals(family) && "properties".equals(version) || "properties".equals(family) && isDated(version)) {
            boolean read = "GET".equals(method);
            return type(s.get(3)).map(t -> List.of("crm.schemas." + t.pathName() + (read ? ".read" : ".write")))
                    .orElse(List.of());
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

    private static String objectScope(ObjectType type, boolean read) {
        if (type == ObjectType.TICKETS) {
            return "tickets";
        }
        return "crm.objects." + type.pathName() + (read ? ".read" : ".write");
    }

    private static Optional<ObjectType> type(String segment) {
        return ObjectType.fromPathSegment(segment);
    }

    private static boolean isDated(String segment) {
        return segment.matches("\\d{4}-\\d{2}");
    }
}
