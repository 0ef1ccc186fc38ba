package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.hubspot.HubSpotRateLimitExemptions.Operation;
import io.crmbridge.model.ObjectType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The table of {@link HubSpotRateLimitExemptions} against HubSpot's own OpenAPI documents in
 * {@code ../shared/hubspot-openapi} (read in place, as the contract tests do): every operation of every document
 * is exempt in the code exactly when its document marks it {@code x-hubspot-rate-limit-exemptions: ["ten-secondly"]},
 * and every operation of the code is one a document of its version marks, in the document's own words.
 */
class HubSpotRateLimitExemptionsTest {

    private static final Path DOCUMENTS = Path.of("..", "shared", "hubspot-openapi");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One operation of one document, and whether the document marks it exempt from the 10-second window. */
    private record Documented(String document, String apiVersion, String method, String pathTemplate,
                              boolean tenSecondly) {

        /** The template's path with each {@code {name}} filled: a request HubSpot would route to this operation. */
        String requestPath() {
            return pathTemplate.replaceAll("\\{[^}/]+}", "x1");
        }
    }

    private static List<Documented> documented() throws IOException {
        List<Documented> all = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(DOCUMENTS)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("HubSpot's documents under %s", DOCUMENTS.toAbsolutePath()).isNotEmpty();
        for (Path file : files) {
            Path relative = DOCUMENTS.relativize(file);
            // the top level holds v3 objects and v4 associations, which HubSpotPaths calls version v3
            String version = relative.getNameCount() == 1 ? "v3" : relative.getName(0).toString();
            JsonNode paths = JSON.readTree(file.toFile()).path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    if (!METHODS.contains(op.getKey())) {
                        continue;
                    }
                    boolean exempt = false;
                    for (JsonNode e : op.getValue().path("x-hubspot-rate-limit-exemptions")) {
                        exempt |= "ten-secondly".equals(e.asText());
                    }
                    all.add(new Documented(relative.toString(), version, op.getKey().toUpperCase(Locale.ROOT),
                            path.getKey(), exempt));
                }
            }
        }
        return all;
    }

    @Test
    void everyDocumentedOperationIsExemptInTheCodeExactlyWhenItsDocumentMarksIt() throws IOException {
        List<Documented> all = documented();
        // the documents' set: association batches, the usage report and search, in v3/v4, 2026-03 and 2026-09
        assertThat(all).filteredOn(Documented::tenSecondly).extracting(Documented::apiVersion)
                .containsOnly("v3", "2026-03", "2026-09");

        List<String> disagreements = new ArrayList<>();
        for (Documented d : all) {
            boolean code = HubSpotRateLimitExemptions.isTenSecondlyExempt(d.method(), d.requestPath());
            if (code != d.tenSecondly()) {
                disagreements.add(d.document() + " " + d.method() + " " + d.pathTemplate() + ": document "
                        + (d.tenSecondly() ? "exempt" : "counted") + ", code " + (code ? "exempt" : "counted"));
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void everyExemptOperationOfTheCodeIsMarkedByADocumentOfItsVersion() throws IOException {
        Set<Operation> marked = new LinkedHashSet<>();
        for (Documented d : documented()) {
            if (d.tenSecondly()) {
                marked.add(new Operation(d.apiVersion(), d.method(), d.pathTemplate()));
            }
        }

        assertThat(marked).containsAll(HubSpotRateLimitExemptions.tenSecondly());
        assertThat(HubSpotRateLimitExemptions.tenSecondly()).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-03", "2026-09"})
    void theAssociationBatchesAndSearchesCrmBridgeSendsAreExemptItsOtherCallsAreNot(String version) {
        HubSpotPaths paths = new HubSpotPaths(version);
        String associations = paths.associations(ObjectType.TICKETS, ObjectType.CONTACTS);

        assertThat(HubSpotRateLimitExemptions.isTenSecondlyExempt("POST", associations + "/batch/create")).isTrue();
        assertThat(HubSpotRateLimitExemptions.isTenSecondlyExempt("POST", associations + "/batch/read")).isTrue();
        assertThat(HubSpotRateLimitExemptions.tenSecondly("POST", paths.objects(ObjectType.CONTACTS) + "/search"))
                .hasValueSatisfying(op -> assertThat(op.search()).isTrue());
        assertThat(HubSpotRateLimitExemptions.tenSecondly("POST", associations + "/batch/create"))
                .hasValueSatisfying(op -> assertThat(op.search()).isFalse());
        for (ObjectType type : ObjectType.values()) {
            assertThat(HubSpotRateLimitExemptions.isTenSecondlyExempt("POST", paths.objects(type) + "/batch/upsert"))
                    .isFalse();
            assertThat(HubSpotRateLimitExemptions.isTenSecondlyExempt("GET", paths.properties(type))).isFalse();
            assertThat(HubSpotRateLimitExemptions.isTenSecondlyExempt("GET", paths.objects(type) + "?limit=100"))
                    .isFalse();
        }
        assertThat(HubSpotRateLimitExemptions.isTenSecondlyExempt("POST", paths.listMembershipsBatchRead())).isFalse();
    }

    @Test
    void readsThePathWithoutItsQueryOrTrailingSlashAndTheMethodInAnyCase() {
        assertThat(HubSpotRateLimitExemptions.isTenSecondlyExempt("post",
                "/crm/v4/associations/0-5/0-1/batch/create/?archived=false")).isTrue();
        assertThat(HubSpotRateLimitExemptions.isTenSecondlyExempt("GET",
                "/crm/v4/associations/tickets/contacts/batch/create")).isFalse();
        // a date version HubSpot's documents in our folder do not describe is counted
        assertThat(HubSpotRateLimitExemptions.isTenSecondlyExempt("POST",
                "/crm/associations/2027-03/tickets/contacts/batch/create")).isFalse();
        // the lists API's search is not exempt (2026-03/lists.json, 2026-09/lists.json)
        assertThat(HubSpotRateLimitExemptions.isTenSecondlyExempt("POST", "/crm/lists/2026-09/search")).isFalse();
        assertThat(HubSpotRateLimitExemptions.isTenSecondlyExempt(null, null)).isFalse();
    }
}
