package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.model.ObjectType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The scopes crm-bridge asks a user to grant ({@link PortalScopes}, README.md, docs/hubspot.md) are the ones
 * HubSpot's OpenAPI documents in ../shared/hubspot-openapi require for every endpoint crm-bridge calls, in every API
 * version: each endpoint is satisfied by the list, and no scope of the list can be left out.
 *
 * <p>A document's {@code security} lists alternatives: a token holding every scope of one alternative may call.
 * The generic documents (objects, properties, associations, property validations) list the alternatives of every
 * object type together, so for a call on an object type only the alternatives naming that type count
 * ({@code crm.objects.<type>.*}, {@code crm.schemas.<type>.*}, and the legacy {@code tickets} and {@code contacts}
 * scopes), and an association needs one for each of its two types (hubspot-api.md §5). A v3 path with no v3
 * document in ../shared (the lists API, the daily usage read) is checked against its 2026-03 twin.
 */
class PortalScopesTest {

    private static final Path DOCUMENTS = Path.of("..", "shared", "hubspot-openapi");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, JsonNode> PARSED = new ConcurrentHashMap<>();
    private static final Set<String> METHODS = Set.of("get", "post", "patch", "put", "delete");

    /** One call crm-bridge makes: the method, the path and the object types it is about (none, one, or two). */
    record Call(String method, String path, List<ObjectType> types) {
        Call(String method, String path, ObjectType... types) {
            this(method, path, List.of(types));
        }
    }

    /** Every call crm-bridge makes to HubSpot in one API version, built with the same {@link HubSpotPaths}. */
    static List<Call> calls(HubSpotPaths paths) {
        List<Call> calls = new ArrayList<>();
        for (ObjectType t : ObjectType.values()) {
            // import (RecordUpserter), preflight and crm-bridge's own properties (PortalSchema, PropertyEnsurer)
            calls.add(new Call("POST", paths.objects(t) + "/batch/upsert", t));
            // the read before each batch (ReadBeforeWrite) and an undo's read, archive and write-back (docs/undo.md)
            calls.add(new Call("POST", paths.objects(t) + "/batch/read", t));
            calls.add(new Call("POST", paths.objects(t) + "/batch/archive", t));
            calls.add(new Call("POST", paths.objects(t) + "/batch/update", t));
            calls.add(new Call("GET", paths.properties(t), t));
            calls.add(new Call("POST", paths.properties(t), t));
            calls.add(new Call("PATCH", paths.properties(t) + "/crm_bridge_key", t));
            calls.add(new Call("GET", paths.properties(t) + "/groups/crm_bridge", t));
            calls.add(new Call("POST", paths.properties(t) + "/groups", t));
            // the portal's validation rules, read on the versions that enforce them
            paths.propertyValidations(t).ifPresent(p -> calls.add(new Call("GET", p, t)));
        }
        // associations (AssociationWriter): a contact's company, a ticket's contact and company
        calls.add(new Call("POST", paths.associations(ObjectType.CONTACTS, ObjectType.COMPANIES) + "/batch/create",
                ObjectType.CONTACTS, ObjectType.COMPANIES));
        calls.add(new Call("POST", paths.associations(ObjectType.TICKETS, ObjectType.CONTACTS) + "/batch/create",
                ObjectType.TICKETS, ObjectType.CONTACTS));
        calls.add(new Call("POST", paths.associations(ObjectType.TICKETS, ObjectType.COMPANIES) + "/batch/create",
                ObjectType.TICKETS, ObjectType.COMPANIES));
        // an undo archives the associations its run made
        calls.add(new Call("POST", paths.associations(ObjectType.CONTACTS, ObjectType.COMPANIES) + "/batch/archive",
                ObjectType.CONTACTS, ObjectType.COMPANIES));
        calls.add(new Call("POST", paths.associations(ObjectType.TICKETS, ObjectType.CONTACTS) + "/batch/archive",
                ObjectType.TICKETS, ObjectType.CONTACTS));
        calls.add(new Call("POST", paths.associations(ObjectType.TICKETS, ObjectType.COMPANIES) + "/batch/archive",
                ObjectType.TICKETS, ObjectType.COMPANIES));
        // the contact sync (listing, search) and the readiness probe, the list memberships, the daily usage
        calls.add(new Call("GET", paths.objects(ObjectType.CONTACTS) + "?limit=100", ObjectType.CONTACTS));
        calls.add(new Call("POST", paths.objects(ObjectType.CONTACTS) + "/search", ObjectType.CONTACTS));
        calls.add(new Call("POST", paths.listMembershipsBatchRead()));
        calls.add(new Call("GET", paths.dailyUsage()));
        return calls;
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-03", "2026-09"})
    void everyCallIsSatisfiedByTheListAndNoScopeOfItCanBeLeftOut(String version) {
        HubSpotPaths paths = new HubSpotPaths(version);
        Set<String> granted = PortalScopes.standard().names();
        List<List<Set<Set<String>>>> requirements = calls(paths).stream().map(c -> requirement(version, c)).toList();

        for (int i = 0; i < requirements.size(); i++) {
            assertThat(satisfied(requirements.get(i), granted)).as("%s needs one of %s", calls(paths).get(i),
                    requirements.get(i)).isTrue();
        }
        for (String scope : granted) {
            Set<String> without = new HashSet<>(granted);
            without.remove(scope);
            assertThat(requirements.stream().anyMatch(r -> !satisfied(r, without)))
                    .as("%s is needed by some call of %s", scope, version).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-03", "2026-09"})
    void eachProbeOfCheckPortalNeedsItsScopeAndNoOtherOfTheList(String version) {
        HubSpotPaths paths = new HubSpotPaths(version);
        Set<String> granted = PortalScopes.standard().names();
        for (PortalScopes.Scope scope : PortalScopes.standard().scopes()) {
            PortalScopes.Probe probe = scope.probeRequest(paths);
            Call call = new Call(probe.method(), probe.path(), typesOf(scope.probe()));
            List<Set<Set<String>>> requirement = requirement(version, call);
            Set<String> without = new HashSet<>(granted);
            without.remove(scope.name());
            assertThat(satisfied(requirement, granted)).as("%s", call).isTrue();
            assertThat(satisfied(requirement, without)).as("%s without %s", call, scope.name()).isFalse();
            assertThat(satisfied(requirement, Set.of(scope.name()))).as("%s with %s alone", call, scope.name()).isTrue();
        }
    }

    @Test
    void everyPathOfHubSpotPathsIsAmongTheCalls() throws Exception {
        for (String version : List.of("v3", "2026-03", "2026-09")) {
            HubSpotPaths paths = new HubSpotPaths(version);
            List<String> called = calls(paths).stream().map(Call::path).toList();
            for (Method m : HubSpotPaths.class.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || Set.of("version", "toString").contains(m.getName())
                        || m.getReturnType() != String.class && m.getReturnType() != Optional.class) {
                    continue;
                }
                for (Object[] args : arguments(m)) {
                    Object result = m.invoke(paths, args);
                    Optional<?> path = result instanceof Optional<?> o ? o : Optional.of(result);
                    path.ifPresent(p -> assertThat(called).as("a call of %s %s", m.getName(), List.of(args))
                            .anyMatch(c -> c.startsWith((String) p)));
                }
            }
        }
    }

    @Test
    void readmeAndThePortalPageNameExactlyTheListsScopes() throws IOException {
        Set<String> known = documentedScopes();
        Set<String> expected = new TreeSet<>(PortalScopes.standard().names());
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Pointing at a real HubSpot portal");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        assertThat(backticked(section, known)).isEqualTo(expected);
        String page = Files.readString(Path.of("docs", "hubspot.md"));
        int table = page.indexOf("## Scopes");
        assertThat(backticked(page.substring(table, page.indexOf("\n## ", table + 1)), known)).isEqualTo(expected);
    }

    private static Set<String> backticked(String text, Set<String> scopes) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("`([a-z][a-z0-9._-]*)`").matcher(text);
        while (m.find()) {
            if (scopes.contains(m.group(1))) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    /** Every scope any document names. */
    private static Set<String> documentedScopes() throws IOException {
        Set<String> scopes = new HashSet<>();
        try (Stream<Path> files = Files.walk(DOCUMENTS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                document(f).findValues("security").forEach(sec -> sec.forEach(alt -> alt.forEach(
                        list -> list.forEach(s -> scopes.add(s.asText())))));
            }
        }
        return scopes;
    }

    private static List<Object[]> arguments(Method m) {
        Class<?>[] p = m.getParameterTypes();
        List<Object[]> all = new ArrayList<>();
        if (p.length == 0) {
            all.add(new Object[0]);
        } else if (p.length == 1 && p[0] == ObjectType.class) {
            for (ObjectType t : ObjectType.values()) {
                all.add(new Object[] {t});
            }
        } else if (p.length == 2 && p[0] == ObjectType.class && p[1] == ObjectType.class) {
            // the pairs crm-bridge links
            all.add(new Object[] {ObjectType.CONTACTS, ObjectType.COMPANIES});
            all.add(new Object[] {ObjectType.TICKETS, ObjectType.CONTACTS});
            all.add(new Object[] {ObjectType.TICKETS, ObjectType.COMPANIES});
        } else {
            throw new AssertionError("HubSpotPaths." + m.getName() + " takes arguments this test does not know");
        }
        return all;
    }

    private static ObjectType[] typesOf(String probe) {
        String[] words = probe.split("\\s+");
        return words.length > 1 ? new ObjectType[] {ObjectType.fromPathSegment(words[1]).orElseThrow()}
                : new ObjectType[0];
    }

    /** Whether {@code granted} holds every scope of one alternative of each group. */
    private static boolean satisfied(List<Set<Set<String>>> requirement, Set<String> granted) {
        return requirement.stream().allMatch(group -> group.stream().anyMatch(granted::containsAll));
    }

    /**
     * What the documents require of a call: a group of alternatives (each a set of scopes) per object type of the call
     * (its alternatives naming that type), or one group of all alternatives for a call about no type.
     */
    private static List<Set<Set<String>>> requirement(String version, Call call) {
        List<Set<String>> alternatives = alternatives(version, call);
        if (call.types().isEmpty()) {
            return List.of(new LinkedHashSet<>(alternatives));
        }
        List<Set<Set<String>>> groups = new ArrayList<>();
        for (ObjectType t : call.types()) {
            Set<Set<String>> group = new LinkedHashSet<>();
            alternatives.stream().filter(a -> a.stream().anyMatch(s -> names(t, s))).forEach(group::add);
            assertThat(group).as("%s: an alternative for %s", call, t).isNotEmpty();
            groups.add(group);
        }
        return groups;
    }

    private static boolean names(ObjectType type, String scope) {
        String t = Pattern.quote(type.pathName());
        return scope.matches("crm\\.(objects|schemas)\\." + t + "\\..*")
                || type == ObjectType.TICKETS && scope.matches("tickets(\\..*)?")
                || type == ObjectType.CONTACTS && scope.equals("contacts");
    }

    /** The security alternatives of the document operation describing the call. */
    private static List<Set<String>> alternatives(String version, Call call) {
        String path = call.path().replaceFirst("\\?.*$", "");
        Optional<List<Set<String>>> found = operation(version.equals("v3") ? DOCUMENTS : DOCUMENTS.resolve(version),
                call.method(), path, call.types());
        if (found.isEmpty() && version.equals("v3")) {
            String twin = path.replaceFirst("^/crm/v3/lists/", "/crm/lists/2026-03/")
                    .replaceFirst("^/account-info/v3/", "/account-info/2026-03/");
            found = operation(DOCUMENTS.resolve("2026-03"), call.method(), twin, call.types());
        }
        return found.orElseThrow(() -> new AssertionError("no HubSpot document describes " + call));
    }

    /**
     * The alternatives of the operation matching {@code method path} in the folder's documents: the template with
     * the most literal segments wins, then a document of the call's own type (contacts.json over objects.json).
     */
    private static Optional<List<Set<String>>> operation(Path folder, String method, String path, List<ObjectType> types) {
        List<String> segments = List.of(path.substring(1).split("/"));
        List<Set<String>> best = null;
        int bestScore = -1;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode doc = document(f);
                var it = doc.path("paths").fields();
                while (it.hasNext()) {
                    var entry = it.next();
                    List<String> template = List.of(entry.getKey().substring(1).split("/"));
                    JsonNode op = entry.getValue().path(method.toLowerCase(java.util.Locale.ROOT));
                    if (template.size() != segments.size() || !op.isObject() || !METHODS.contains(
                            method.toLowerCase(java.util.Locale.ROOT))) {
                        continue;
                    }
                    int literal = 0;
                    boolean matches = true;
                    for (int i = 0; i < template.size() && matches; i++) {
                        boolean variable = template.get(i).startsWith("{");
                        matches = variable || template.get(i).equals(segments.get(i));
                        literal += variable ? 0 : 1;
                    }
                    boolean ownType = types.size() == 1 && f.getFileName().toString().startsWith(types.get(0).pathName());
                    int score = literal * 2 + (ownType ? 1 : 0);
                    if (matches && score > bestScore) {
                        bestScore = score;
                        best = security(op.has("security") ? op.path("security") : doc.path("security"));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.ofNullable(best);
    }

    private static List<Set<String>> security(JsonNode security) {
        List<Set<String>> alternatives = new ArrayList<>();
        for (JsonNode alternative : security) {
            Set<String> scopes = new TreeSet<>();
            alternative.forEach(list -> list.forEach(s -> scopes.add(s.asText())));
            alternatives.add(scopes);
        }
        return alternatives;
    }

    private static JsonNode document(Path file) {
        return PARSED.computeIfAbsent(file.toAbsolutePath().normalize(), f -> {
            try {
                return JSON.readTree(f.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
