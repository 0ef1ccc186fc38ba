package io.crmbridge.hubspot;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The operations HubSpot leaves out of its 10-second burst window: those its OpenAPI documents mark
 * {@code x-hubspot-rate-limit-exemptions: ["ten-secondly"]} (hubspot-api.md §2.1, §3.2, §10.2), i.e. the
 * association batch operations and the usage report of {@code associations-v4.json} and of the 2026-03 and
 * 2026-09 {@code associations.json}, and search in the object documents. They still count for the daily
 * budget (§4.1, §10.4); search has a per-second limit of its own (§3.2). The client takes no burst permit for
 * them ({@link HubSpotRequestBudget}) and the sandbox leaves them out of its window.
 *
 * <p>The jar cannot read the documents, so the operations are written here, in the documents' own path
 * templates, per API version: {@code v3} (objects under {@code /crm/v3}, associations under {@code /crm/v4},
 * as {@link HubSpotPaths} calls them), {@code 2026-03} and {@code 2026-09}. A test compares this table with
 * every document under {@code ../shared/hubspot-openapi}. A date version not listed here has no exemption:
 * its calls are counted, which can only slow the client down, never draw a 429.
 */
public final class HubSpotRateLimitExemptions {

    /**
     * One exempt operation.
     *
     * @param apiVersion   {@code v3}, {@code 2026-03} or {@code 2026-09} ({@link HubSpotPaths#version()})
     * @param method       the HTTP method, upper case
     * @param pathTemplate the document's path, {@code {name}} standing for one path segment
     */
    public record Operation(String apiVersion, String method, String pathTemplate) {

        /** Whether this is a search, which has its own per-second limit (hubspot-api.md §3.2). */
        public boolean search() {
            return pathTemplate.endsWith("/search");
        }

        /** Whether {@code method} on the path split into {@code segments} is this operation. */
        boolean matches(String requestMethod, List<String> segments) {
            List<String> template = segments(pathTemplate);
            if (!method.equals(requestMethod) || template.size() != segments.size()) {
                return false;
            }
            for (int i = 0; i < template.size(); i++) {
                String t = template.get(i);
                if (!(t.startsWith("{") && t.endsWith("}")) && !t.equals(segments.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Operation> TEN_SECONDLY = Stream.of(
            // associations-v4.json; objects-v3.json (contacts-, companies-, tickets-v3.json: the same search)
            exempt("v3", "/crm/v4/associations", "/crm/v3/objects"),
            // 2026-03/associations.json; 2026-03/objects.json (and the per-object documents)
            exempt("2026-03", "/crm/associations/2026-03", "/crm/objects/2026-03"),
            // 2026-09/associations.json; 2026-09/objects.json (and the per-object documents)
            exempt("2026-09", "/crm/associations/2026-09", "/crm/objects/2026-09"))
            .flatMap(List::stream).toList();

    private HubSpotRateLimitExemptions() {
    }

    /** Every operation exempt from the 10-second window, in every API version. */
    public static List<Operation> tenSecondly() {
        return TEN_SECONDLY;
    }

    /**
     * The exempt operation {@code method} on {@code path} is, if any.
     *
     * @param method an HTTP method, any case
     * @param path   a request path starting with {@code /} (a query string is ignored); segments compare
     *               exactly, as HubSpot's paths are written, except where the template has a {@code {name}}
     * @return empty when HubSpot counts the call in its 10-second window
     */
    public static Optional<Operation> tenSecondly(String method, String path) {
        String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
        List<String> segments = segments(path);
        return TEN_SECONDLY.stream().filter(op -> op.matches(m, segments)).findFirst();
    }

    /** Whether HubSpot leaves {@code method} on {@code path} out of its 10-second window. */
    public static boolean isTenSecondlyExempt(String method, String path) {
        return tenSecondly(method, path).isPresent();
    }

    /**
     * The operations one version's documents mark: five association batches and the usage report under
     * {@code associations}, search under {@code objects}.
     */
    private static List<Operation> exempt(String version, String associations, String objects) {
        String batch = associations + "/{fromObjectType}/{toObjectType}/batch/";
        return List.of(
                new Operation(version, "POST", batch + "archive"),
                new Operation(version, "POST", batch + "associate/default"),
                new Operation(version, "POST", batch + "create"),
                new Operation(version, "POST", batch + "labels/archive"),
                new Operation(version, "POST", batch + "read"),
                new Operation(version, "POST", associations + "/usage/high-usage-report/{userId}"),
                new Operation(version, "POST", objects + "/{objectType}/search"));
    }

    private static List<String> segments(String path) {
        String p = path == null ? "" : path;
        int query = p.indexOf('?');
        p = query < 0 ? p : p.substring(0, query);
        return Arrays.stream(p.split("/+")).filter(s -> !s.isEmpty()).toList();
    }
}
