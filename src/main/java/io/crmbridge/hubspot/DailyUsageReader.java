package io.crmbridge.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.report.ImportReport;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the account's daily usage, {@code GET /account-info/<version>/api-usage/daily/private-apps}
 * ({@link HubSpotPaths#dailyUsage()}; scope {@code oauth} per {@code accountInfo.json}), which answers
 * {@code {"results":[{name, usageLimit, currentUsage, collectedAt, resetsAt, fetchStatus}]}} (hubspot-api.md §10.4).
 * Never throws for HubSpot's sake: a refused or failed read, or a count HubSpot could not make ({@code fetchStatus}
 * FAILURE, NOTFOUND or TIMEOUT), gives an {@link DailyUsage#unknown unknown} usage with the reason. The latest
 * read is kept with its time ({@link #latest()}), so that others can show it without a request of their own.
 */
public final class DailyUsageReader {

    /** The {@code fetchStatus} values whose numbers stand (accountInfo.json {@code ApiUsage.fetchStatus}). */
    private static final Set<String> COUNTED = Set.of("SUCCESS", "CACHED");

    private final HubSpotGateway gateway;
    private final Clock clock;
    private volatile Reading latest;

    /** One read and when it was made. */
    public record Reading(DailyUsage usage, Instant readAt) {
    }

    public DailyUsageReader(HubSpotGateway gateway) {
        this(gateway, Clock.systemUTC());
    }

    /** @param clock tells when each read was made */
    public DailyUsageReader(HubSpotGateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    /** The latest read since the start, known or not; empty before the first. */
    public Optional<Reading> latest() {
        return Optional.ofNullable(latest);
    }

    /**
     * One read, counted on {@code report} when there is one (it is one of the file's requests).
     *
     * @return the usage of the entry with the fewest requests left when HubSpot lists several limits, or the
     *         reason it is unknown
     */
    public DailyUsage read(ImportReport report) {
        DailyUsage usage;
        try {
            usage = parse(gateway.get(gateway.settings().paths().dailyUsage(), report).body());
        } catch (HubSpotCallException e) {
            usage = DailyUsage.unknown(e.status() == 0 ? e.getMessage()
                    : e.status() + (e.category() == null ? "" : " " + e.category()) + ": " + e.getMessage());
        }
        latest = new Reading(usage, clock.instant());
        return usage;
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
