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
 * when more records follow.
 */
final class ObjectQueryHandler {

    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 100;

    private final SandboxState state;
    private final RecordJson json;

    ObjectQueryHandler(SandboxState state, RecordJson json) {
        this.state = state;
        this.json = json;
    }

    ApiResponse list(ObjectType type, QueryParameters query, String path) {
        int limit = Math.max(1, Math.min(MAX_LIMIT, query.intValue("limit", DEFAULT_LIMIT)));
        Long afterId = decodeCursor(query.first("after"));
        List<String> properties = query.list("properties");
        boolean archived = "true".equalsIgnoreCase(query.first("archived"));
        return state.read(() -> {
            RecordStore store = state.store(type);
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            ArrayNode results = body.putArray("results");
            if (archived) {
                store.allArchived().forEach(r -> results.add(archivedJson(type, r, properties)));
                return new ApiResponse(200, body);
            }
            List<SandboxRecord> page = store.page(afterId, limit);
            page.forEach(r -> results.add(json.selected(type, r, properties)));
            if (!page.isEmpty()) {
                long lastId = Long.parseLong(page.get(page.size() - 1).id());
                if (store.hasAfter(lastId)) {
                    String cursor = Base64.getUrlEncoder().withoutPadding()
                            .encodeToString(Long.toString(lastId).getBytes(StandardCharsets.US_ASCII));
                    ObjectNode next = body.putObject("paging").putObject("next");
                    next.put("after", cursor);
                    next.put("link", path + "?limit=" + limit + "&after=" + cursor);
                }
            }
            return new ApiResponse(200, body);
        });
    }

    ApiResponse get(ObjectType type, String id, QueryParameters query) {
        List<String> properties = query.list("properties");
        String idProperty = query.first("idProperty");
        return state.read(() -> {
            RecordStore store = state.store(type);
            var record = idProperty == null || "hs_object_id".equals(idProperty) ? store.get(id)
                    : store.idByUniqueValue(idProperty, WritePlanner.lookupValue(type, idProperty, id)).flatMap(store::get);
            return new ApiResponse(200, json.selected(type, record.orElseThrow(() ->
                    ErrorBodies.notFound("Object not found.  objectId are usually numeric.")), properties));
        });
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
