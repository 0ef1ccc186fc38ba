package io.crmbridge.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A copy of one of HubSpot's documents that keeps only the paths crm-bridge calls and the components they reach.
 * Needed for the date-based Lists documents: their list-filter schemas refer to themselves, and the validator's
 * full resolution of them exhausts a 2 GB heap; the membership batch read reaches none of them. A call to a path
 * left out finds no operation and is reported as a violation, never passed unchecked.
 */
final class PrunedDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPONENTS = "#/components/";

    private PrunedDocument() {
    }

    /**
     * Writes the pruned copy of {@code source} to {@code target} (folders created) and returns {@code target}.
     *
     * @param keep the paths to keep, matched with {@code find()} against each documented path
     * @throws UncheckedIOException when the document cannot be read or the copy written
     */
    static Path write(Path source, Pattern keep, Path target) {
        try {
            ObjectNode document = (ObjectNode) JSON.readTree(source.toFile());
            ObjectNode paths = (ObjectNode) document.path("paths");
            for (Iterator<String> names = paths.fieldNames(); names.hasNext(); ) {
                if (!keep.matcher(names.next()).find()) {
                    names.remove();
                }
            }
            Set<String> reached = reachable(document, paths);
            for (Iterator<Map.Entry<String, JsonNode>> sections = document.path("components").fields(); sections.hasNext(); ) {
                Map.Entry<String, JsonNode> section = sections.next();
                if ("securitySchemes".equals(section.getKey()) || !section.getValue().isObject()) {
                    continue;
                }
                for (Iterator<String> names = section.getValue().fieldNames(); names.hasNext(); ) {
                    if (!reached.contains(COMPONENTS + section.getKey() + "/" + names.next())) {
                        names.remove();
                    }
                }
            }
            Files.createDirectories(target.getParent());
            JSON.writeValue(target.toFile(), document);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune HubSpot document " + source, e);
        }
    }

    /** Every {@code $ref} reached from {@code start}, following references through the components. */
    private static Set<String> reachable(JsonNode document, JsonNode start) {
        Set<String> seen = new HashSet<>();
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(start);
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            JsonNode ref = node.path("$ref");
            if (ref.isTextual() && ref.asText().startsWith(COMPONENTS) && seen.add(ref.asText())) {
                todo.push(document.at(ref.asText().substring(1)));
            }
            node.elements().forEachRemaining(todo::push);
        }
        return seen;
    }
}
