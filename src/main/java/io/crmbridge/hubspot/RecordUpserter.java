package io.crmbridge.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.CrmRecord;
import io.crmbridge.model.ObjectType;
import io.crmbridge.report.ImportReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Upserts records in batches through {@code POST {prefix}/objects/{type}/batch/upsert}
 * (hubspot-api.md §1.1, §1.6): each input carries its {@code idProperty} and an
 * {@code objectWriteTraceId}, so that HubSpot names the bad inputs in {@code errors} (a 207 in v3 and 2026-03, the
 * 200 itself from 2026-09, §10.2: any 2xx with {@code numErrors > 0} is a partial failure). When HubSpot
 * rejects the whole batch for one record (400/409 without per-input errors, §1.5), the batch is
 * split in halves until the bad record is isolated (L5): every good record still lands. A record refused for one
 * of the portal's admin rules ({@link PortalRuleRefusal}) is marked as such in the result.
 */
public class RecordUpserter {

    private final HubSpotGateway gateway;

    public RecordUpserter(HubSpotGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Upserts at most 100 records of one type, keys unique within the call.
     *
     * @throws HubSpotCallException for 401/403: the run must stop
     */
    public UpsertResult upsert(ObjectType type, List<CrmRecord> records, ImportReport report) {
        UpsertResult result = UpsertResult.empty();
        if (records.isEmpty()) {
            return result;
        }
        if (records.size() > 100) {
            throw new IllegalArgumentException("HubSpot rejects batches over 100 inputs (hubspot-api.md §1.5)");
        }
        String path = gateway.settings().paths().objects(type) + "/batch/upsert";
        try {
            HubSpotResponse response = gateway.post(path, body(records), report);
            read(records, response.body(), result);
        } catch (HubSpotCallException e) {
            if (e.isAuthProblem()) {
                throw e;
            }
            if (e.isRecordProblem()) {
                if (records.size() == 1) {
                    result.reject(records.get(0).key(), e.category(), e.getMessage());
                } else {
                    int half = records.size() / 2;
                    result.addAll(upsert(type, records.subList(0, half), report));
                    result.addAll(upsert(type, records.subList(half, records.size()), report));
                }
            } else {
                records.forEach(r -> result.unreachable().put(r.key(), e.getMessage()));
            }
        }
        return result;
    }

    private static Map<String, Object> body(List<CrmRecord> records) {
        List<Map<String, Object>> inputs = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            CrmRecord r = records.get(i);
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("id", r.key());
            input.put("idProperty", r.idProperty());
            input.put("properties", r.properties());
            input.put("objectWriteTraceId", traceId(i));
            inputs.add(input);
        }
        return Map.of("inputs", inputs);
    }

    /** The result's {@code updatedAt}, or its {@code lastmodifieddate}/{@code hs_lastmodifieddate}; null if none. */
    private static java.time.Instant updatedAt(JsonNode result) {
        for (String text : new String[] {result.path("updatedAt").asText(""),
                result.path("properties").path("lastmodifieddate").asText(""),
                result.path("properties").path("hs_lastmodifieddate").asText("")}) {
            java.time.Instant at = PortalReader.instant(text);
            if (at != null) {
                return at;
            }
        }
        return null;
    }

    private static String traceId(int index) {
        return "i" + index;
    }

    /**
     * Matches results to inputs by objectWriteTraceId, else by the idProperty value in the returned
     * properties (result order is not guaranteed: hubspot-api.md §1.3). An input that matches
     * neither a result nor an error is counted as rejected, so that no record is silently lost.
     */
    private static void read(List<CrmRecord> records, JsonNode body, UpsertResult result) {
        Map<String, CrmRecord> byTrace = new HashMap<>();
        Map<String, CrmRecord> byKey = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            byTrace.put(traceId(i), records.get(i));
            byKey.put(records.get(i).key().toLowerCase(Locale.ROOT), records.get(i));
        }
        for (JsonNode r : body.path("results")) {
            CrmRecord rec = byTrace.get(r.path("objectWriteTraceId").asText(""));
            if (rec == null) {
                for (CrmRecord candidate : records) {
                    String v = r.path("properties").path(candidate.idProperty()).asText(null);
                    if (v != null && byKey.get(v.toLowerCase(Locale.ROOT)) != null) {
                        rec = byKey.get(v.toLowerCase(Locale.ROOT));
                        break;
                    }
                }
            }
            if (rec != null) {
                result.upserted().put(rec.key(), new UpsertResult.Upserted(r.path("id").asText(),
                        r.path("new").asBoolean(false), updatedAt(r)));
            }
        }
        for (JsonNode err : body.path("errors")) {
            String message = err.path("message").asText("rejected by HubSpot");
            String category = err.path("category").asText(null);
            for (JsonNode trace : err.path("context").path("objectWriteTraceId")) {
                CrmRecord rec = byTrace.get(trace.asText());
                if (rec != null) {
                    result.reject(rec.key(), category, message);
                }
            }
        }
        for (CrmRecord r : records) {
            if (!result.upserted().containsKey(r.key()) && !result.rejected().containsKey(r.key())) {
                result.rejected().put(r.key(), "HubSpot returned no result for this input");
            }
        }
    }
}
