package io.crmbridge.hubspot;

import io.crmbridge.model.ObjectType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scopes crm-bridge needs in a HubSpot portal, from the bundled {@value #RESOURCE} (one scope a line:
 * {@code scope | probe | what needs it | setting}), with the cheap request that shows each one granted. The list
 * is derived from the {@code security} sections of HubSpot's OpenAPI documents for every endpoint crm-bridge calls
 * (hubspot-api.md §5; PortalScopesTest checks it); README.md and docs/hubspot.md show the same list, and
 * {@code --check-portal} probes it (cli/PortalCheck).
 */
public final class PortalScopes {

    /** The bundled list. */
    public static final String RESOURCE = "hubspot/portal-scopes.txt";

    private static final PortalScopes STANDARD = load();

    private final List<Scope> scopes;

    private PortalScopes(List<Scope> scopes) {
        this.scopes = List.copyOf(scopes);
    }

    /**
     * One needed scope.
     *
     * @param name    HubSpot's scope name, e.g. {@code crm.objects.contacts.write}
     * @param probe   what {@code --check-portal} calls to see it granted, e.g. {@code upsert contacts}
     * @param neededBy what of crm-bridge needs it, for people
     * @param onlyWith the boolean setting it is needed with, or null when it is always needed
     */
    public record Scope(String name, String probe, String neededBy, String onlyWith) {

        /**
         * The probe's request for an API version: a read, or a batch with no inputs, so that nothing is written.
         *
         * @throws IllegalStateException for a probe this class does not know
         */
        public Probe probeRequest(HubSpotPaths paths) {
            String[] words = probe.split("\\s+");
            Optional<ObjectType> type = words.length > 1 ? ObjectType.fromPathSegment(words[1]) : Optional.empty();
            String emptyBatch = "{\"inputs\":[]}";
            return switch (words[0]) {
                case "read" -> new Probe("GET", paths.objects(type.orElseThrow()) + "?limit=1", null);
                case "upsert" -> new Probe("POST", paths.objects(type.orElseThrow()) + "/batch/upsert", emptyBatch);
                case "create-properties" -> new Probe("POST", paths.properties(type.orElseThrow()) + "/batch/create",
                        emptyBatch);
                case "read-list-memberships" -> new Probe("POST", paths.listMembershipsBatchRead(), emptyBatch);
                case "read-daily-usage" -> new Probe("GET", paths.dailyUsage(), null);
                default -> throw new IllegalStateException("unknown probe '" + probe + "' in " + RESOURCE);
            };
        }
    }

    /**
     * A request that needs one scope.
     *
     * @param method {@code GET} or {@code POST}
     * @param path   the path, query string included
     * @param body   the JSON body of a POST, null for a GET
     */
    public record Probe(String method, String path, String body) {
    }

    /** The bundled list, read once. */
    public static PortalScopes standard() {
        return STANDARD;
    }

    /** Every needed scope, in the file's order. */
    public List<Scope> scopes() {
        return scopes;
    }

    /** The scope names, in the file's order. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        scopes.forEach(s -> names.add(s.name()));
        return java.util.Collections.unmodifiableSet(names);
    }

    /**
     * Whether {@code scope} is needed with these settings: always, or when its setting is {@code true}.
     *
     * @param settings looks a setting up by name (empty when unset)
     */
    public static boolean needed(Scope scope, java.util.function.Function<String, Optional<String>> settings) {
        return scope.onlyWith() == null || settings.apply(scope.onlyWith()).map(String::trim)
                .map(Boolean::parseBoolean).orElse(false);
    }

    private static PortalScopes load() {
        try (InputStream in = PortalScopes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the lines of {@value #RESOURCE}: {@code #} starts a comment line, blank lines are skipped.
     *
     * @throws IllegalStateException for a line with fewer than three fields, naming the line
     */
    static PortalScopes parse(List<String> lines) {
        List<Scope> scopes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\|");
            if (f.length < 3) {
                throw new IllegalStateException(RESOURCE + " line " + (i + 1) + ": expected 'scope | probe | what needs"
                        + " it [| setting]', was '" + line + "'");
            }
            scopes.add(new Scope(f[0].strip(), f[1].strip(), f[2].strip(), f.length > 3 ? f[3].strip() : null));
        }
        return new PortalScopes(scopes);
    }

    @Override
    public String toString() {
        return "PortalScopes" + names();
    }
}
