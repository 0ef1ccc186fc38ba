package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmbridge.model.ObjectType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * {@code POST /crm/v3/objects/{obj}/search} (hubspot-api.md §3.2): filter groups ORed, filters ANDed,
 * at most 5 groups, 6 filters per group, 18 in total; one sort; limit default 10, at most 200;
 * {@code after} is an integer offset; results past 10,000 → 400.
 */
final class SearchHandler {

    static final int MAX_GROUPS = 5;
    static final int MAX_FILTERS_PER_GROUP = 6;
    static final int MAX_FILTERS = 18;
    static final int MAX_LIMIT = 200;
    static final int MAX_RESULTS = 10_000;

    private final SandboxState state;
    private final RecordJson json;

    SearchHandler(SandboxState state, RecordJson json) {
        this.state = state;
        this.json = json;
    }

    ApiResponse search(ObjectType type, JsonNode body) {
        List<List<SearchFilter>> groups = parseGroups(type, body.path("filterGroups"));
        int limit = body.hasNonNull("limit") ? body.path("limit").asInt(10) : 10;
        limit = Math.max(1, Math.min(MAX_LIMIT, limit));
        int offset = parseOffset(body.path("after"));
        if (offset + limit > MAX_RESULTS) {
            throw ErrorBodies.validation("Search results are limited to " + MAX_RESULTS
                    + " records per query; narrow the filters instead of paging further");
        }
        Comparator<SandboxRecord> order = order(type, body.path("sorts"));
        String query = BatchInputs.text(body, "query");
        List<String> properties = new ArrayList<>();
        body.path("properties").forEach(p -> properties.add(p.asText()));
        int pageLimit = limit;
        return state.read(() -> {
            List<SandboxRecord> matches = new ArrayList<>();
            for (SandboxRecord record : state.store(type).all()) {
                if (matchesGroups(record, groups) && matchesQuery(record, query)) {
                    matches.add(record);
                }
            }
            matches.sort(order);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("total", matches.size());
            ArrayNode results = out.putArray("results");
            int end = Math.min(matches.size(), offset + pageLimit);
            for (int i = offset; i < end; i++) {
                results.add(json.selected(type, matches.get(i), properties));
            }
            if (end < matches.size()) {
                out.putObject("paging").putObject("next").put("after", Integer.toString(end));
            }
            return new ApiResponse(200, out);
        });
    }

    private List<List<SearchFilter>> parseGroups(ObjectType type, JsonNode filterGroups) {
        if (filterGroups.size() > MAX_GROUPS) {
            throw ErrorBodies.validation("Too many filter groups: " + filterGroups.size() + " (at most " + MAX_GROUPS + ")");
        }
        List<List<SearchFilter>> groups = new ArrayList<>();
        int total = 0;
        for (JsonNode group : filterGroups) {
            JsonNode filters = group.path("filters");
            if (filters.size() > MAX_FILTERS_PER_GROUP) {
                throw ErrorBodies.validation("Too many filters in a filter group: " + filters.size()
                        + " (at most " + MAX_FILTERS_PER_GROUP + ")");
            }
            total += filters.size();
            List<SearchFilter> parsed = new ArrayList<>();
            filters.forEach(f -> parsed.add(new SearchFilter(f, type, state.schema())));
            groups.add(parsed);
        }
        if (total > MAX_FILTERS) {
            throw ErrorBodies.validation("Too many filters: " + total + " (at most " + MAX_FILTERS + " in total)");
        }
        return groups;
    }

    private static boolean matchesGroups(SandboxRecord record, List<List<SearchFilter>> groups) {
        if (groups.isEmpty()) {
            return true;
        }
        for (List<SearchFilter> group : groups) {
            if (group.stream().allMatch(f -> f.matches(record))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesQuery(SandboxRecord record, String query) {
        if (query == null) {
            return true;
        }
        String q = query.toLowerCase(Locale.ROOT);
        return record.properties().values().stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(q));
    }

    private static int parseOffset(JsonNode after) {
        if (after.isMissingNode() || after.isNull() || after.asText().isEmpty()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(after.asText().trim());
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw ErrorBodies.validation("Invalid paging cursor: after must be an integer offset");
        }
    }

    /** One sort, object form or string form ({@code "-prop"} descending); default createdate ascending, then id. */
    private Comparator<SandboxRecord> order(ObjectType type, JsonNode sorts) {
        Comparator<SandboxRecord> byId = Comparator.comparingLong(r -> Long.parseLong(r.id()));
        if (sorts.size() > 1) {
            throw ErrorBodies.validation("Only one sort is supported");
        }
        String property = "createdate";
        boolean descending = false;
        if (sorts.size() == 1) {
            JsonNode sort = sorts.get(0);
            if (sort.isTextual()) {
                String s = sort.asText();
                descending = s.startsWith("-");
                property = descending ? s.substring(1) : s;
            } else {
                property = sort.path("propertyName").asText();
                descending = "DESCENDING".equalsIgnoreCase(sort.path("direction").asText());
            }
        }
        String kind = "hs_object_id".equals(property) ? "number"
                : state.schema().find(type, property).map(PropertyDefinition::type).orElse("string");
        String prop = property;
        Comparator<SandboxRecord> byValue = (a, b) -> compareValues(kind, a.property(prop), b.property(prop));
        if (descending) {
            byValue = byValue.reversed();
        }
        return byValue.thenComparing(byId);
    }

    /** Compares two stored values by property type; missing values sort last (ascending). */
    private static int compareValues(String kind, String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        try {
            switch (kind) {
                case "number":
                    return new BigDecimal(a).compareTo(new BigDecimal(b));
                case "date":
                case "datetime": {
                    OptionalLong x = Timestamps.toEpochMillis(a);
                    OptionalLong y = Timestamps.toEpochMillis(b);
                    if (x.isPresent() && y.isPresent()) {
                        return Long.compare(x.getAsLong(), y.getAsLong());
                    }
                    return a.compareTo(b);
                }
                default:
                    return a.compareToIgnoreCase(b);
            }
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
