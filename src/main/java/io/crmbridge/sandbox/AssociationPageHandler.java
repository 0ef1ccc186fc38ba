package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmbridge.model.ObjectType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /crm/v4/objects/{objectType}/{id}/associations/{toObjectType}?limit=&after=} (hubspot-api.md §2.1;
 * dated twin {@code /crm/objects/2026-03/...}): one record's associated records of a type, each with its
 * association types ({@code CollectionResponseMultiAssociatedObjectWithLabelForwardPaging}). {@code limit}
 * defaults to and is capped at 500 ("Limit 500 per call"); {@code after} is the opaque cursor of
 * {@code paging.next}, given only when more follow. A record without associations, or no record at all,
 * answers an empty {@code results}.
 */
final class AssociationPageHandler {

    static final int MAX_LIMIT = 500;

    private final SandboxState state;
    private final AssociationTypes types;

    AssociationPageHandler(SandboxState state, AssociationTypes types) {
        this.state = state;
        this.types = types;
    }

    ApiResponse page(ObjectType from, String id, ObjectType to, QueryParameters params, String path) {
        int limit = Math.max(1, Math.min(MAX_LIMIT, params.intValue("limit", MAX_LIMIT)));
        int offset = offset(params.first("after"));
        return state.read(() -> {
            List<Map.Entry<String, Set<Integer>>> targets =
                    new ArrayList<>(state.associations().targets(from, id, to).entrySet());
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            ArrayNode results = body.putArray("results");
            int end = Math.min(targets.size(), offset + limit);
            for (int i = offset; i < end; i++) {
                ObjectNode r = results.addObject();
                r.put("toObjectId", targets.get(i).getKey());
                ArrayNode typeArray = r.putArray("associationTypes");
                targets.get(i).getValue().forEach(typeId -> typeArray.add(types.specWithLabel(typeId)));
            }
            if (end < targets.size()) {
                ObjectNode next = body.putObject("paging").putObject("next");
                next.put("after", Integer.toString(end));
                next.put("link", path + "?limit=" + limit + "&after=" + end);
            }
            return new ApiResponse(200, body);
        });
    }

    private static int offset(String after) {
        if (after == null || after.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(after.trim()));
        } catch (NumberFormatException e) {
            throw ErrorBodies.validation("Invalid paging cursor: after=" + after);
        }
    }
}
