package io.crmbridge.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.report.ImportReport;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Reads the account's daily usage, {@code GET /account-info/<version>/api-usage/daily/private-apps}
 * ({@link HubSpotPaths#dailyUsage()}; scope {@code oauth} per {@code accountInfo.json}), which answers
 * {@code {"results":[{name, usageLimit, currentUsage, collectedAt, resetsAt, fetchStatus}]}} (hubspot-api.md §10.4).
 * Never throws for HubSpot's sake: a refused or failed read, or a count HubSpot could not make ({@code fetchStatus}
 * FAILURE, NOTFOUND or TIMEOUT), gives an {@link DailyUsage#unknown unknown} usage with the reason.
 */
public final class DailyUsageReader {

    /** The {@code fetchStatus} values whose numbers stand (accountInfo.json {@code ApiUsage.fetchStatus}). */
    private static final Set<String> COUNTED = Set.of("SUCCESS", "CACHED");

    private final HubSpotGateway gateway;

    public DailyUsageReader(HubSpotGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * One read, counted on {@code report} when there is one (it is one of the file's requests).
     *
     * @return the usage of the entry with the fewest requests left when HubSpot lists several limits, or the
     *         reason it is unknown
     */
    public DailyUsage read(ImportReport report) {
        JsonNode body;
        try {
            body = gateway.get(gateway.settings().paths().dailyUsage(), report).body();
        } catch (HubSpotCallException e) {
            return DailyUsage.unknown(e.status() == 0 ? e.getMessage()
                    : e.status() + (e.category() == null ? "" : " " + e.category()) + ": " + e.getMessage());
        }
        return parse(body);
    }

    /** The usage an {@code accountInfo.json} {@code CollectionResponseApiUsageNoPaging} body gives (a missing body: unknown). */
    public static DailyUsage parse(JsonNode body) {
        DailyUsage tightest = null;
        String notCounted = null;
        for (JsonNode usage : body.path("results")) {
            String status = usage.path("fetchStatus").asText("");
            if (!COUNTED.contains(status) || !usage.path("usageLimit").isNumber()
                    || !usage.path("currentUsage").isNumber()) {
                notCounted = "HubSpot could not count today's requests (fetchStatus " + status + ")";
                continue;
            }
            DailyUsage u = DailyUsage.known(usage.path("usageLimit").asLong(), usage.path("currentUsage").asLong(),
                    instant(usage.path("resetsAt")));
            if (tightest == null || u.remaining().orElseThrow() < tightest.remaining().orElseThrow()) {
                tightest = u;
            }
        }
        if (tightest != null) {
            return tightest;
        }
        return DailyUsage.unknown(notCounted != null ? notCounted : "HubSpot listed no daily limit");
    }

    private static Instant instant(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
