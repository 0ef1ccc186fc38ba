package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmbridge.model.ObjectType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * {@code GET /crm/v3/objects/{obj}} (list, hubspot-api.md §3.1) and {@code GET …/{id}}: limit default 10,
 * clamped to 1..100; {@code after} is an opaque cursor (base64 of the last id); {@code paging.next} only
 * when more records follow. {@code archived=true} pages the archived records instead; {@code associations}
 * adds each record's associations with those object types ({@link InlineAssociations}, §2.4); a read by id
 * takes an {@code idProperty} as a batch read does.
 */
final class ObjectQueryHandler {

    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 100;

    private final SandboxState state;
    private final RecordJson json;
    private final InlineAssociations associations;

    ObjectQueryHandler(SandboxState state, RecordJson json, InlineAssociations associations) {
        this.state = state;
        this.json = json;
        this.associations = associations;
    }

    ApiResponse list(ObjectType type, QueryParameters query, String path) {
        int limit = Math.max(1, Math.min(MAX_LIMIT, query.intValue("limit", DEFAULT_LIMIT)));
        Long afterId = decodeCursor(query.first("after"));
        List<String> properties = query.list("properties");
        List<ObjectType> associated = InlineAssociations.requested(query);
        boolean archived = "true".equalsIgnoreCase(query.first("archived"));
        return state.read(() -> {
            RecordStore store = state.store(type);
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            ArrayNode results = body.putArray("results");
            List<SandboxRecord> page = store.page(afterId, limit, archived);
            for (SandboxRecord r : page) {
                if (archived) {
                    results.add(archivedJson(type, r, properties));
                    continue;
                }
                ObjectNode record = json.selected(type, r, properties);
                associations.addTo(record, type, r.id(), associated);
                results.add(record);
            }
            if (!page.isEmpty()) {
                long lastId = Long.parseLong(page.get(page.size() - 1).id());
                if (store.hasAfter(lastId, archived)) {
                    String cursor = Base64.getUrlEncoder().withoutPadding()
                            .encodeToString(Long.toString(lastId).getBytes(StandardCharsets.US_ASCII));
                    ObjectNode next = body.putObject("paging").putObject("next");
                    next.put("after", cursor);
                    next.put("link", path + "?limit=" + limit + "&after=" + cursor + (archived ? "&archived=true" : ""));
                }
            }
            return new ApiResponse(200, body);
        });
    }

    ApiResponse get(ObjectType type, String id, QueryParameters query) {
        List<String> properties = query.list("properties");
        String idProperty = query.first("idProperty");
        List<ObjectType> associated = InlineAssociations.requested(query);
        boolean archived = "true".equalsIgnoreCase(query.first("archived"));
        return state.read(() -> {
            if (archived) {
                return new ApiResponse(200, archivedJson(type, state.store(type).getArchived(id)
                        .orElseThrow(ObjectQueryHandler::notFound), properties));
            }
            SandboxRecord record = IdPropertyRules.find(state, type, id, idProperty).orElseThrow(ObjectQueryHandler::notFound);
            ObjectNode body = json.selected(type, record, properties);
            associations.addTo(body, type, record.id(), associated);
            return new ApiResponse(200, body);
        });
    }

    private static ApiException notFound() {
        return ErrorBodies.notFound("Object not found.  objectId are usually numeric.");
    }

    private ObjectNode archivedJson(ObjectType type, SandboxRecord record, List<String> properties) {
        ObjectNode node = json.selected(type, record, properties);
        node.put("archived", true);
        node.put("archivedAt", Timestamps.format(record.updatedAt()));
        return node;
    }

    private static Long decodeCursor(String after) {
        if (after == null || after.isEmpty()) {
            return null;
        }
        try {
            Long id = RecordStore.parseId(new String(Base64.getUrlDecoder().decode(after), StandardCharsets.US_ASCII));
            if (id != null) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // not base64: fall through to the plain-id form the docs also describe
        }
        Long plain = RecordStore.parseId(after);
        if (plain == null) {
            throw ErrorBodies.validation("Invalid paging cursor: after=" + after);
        }
        return plain;
    }
}
