package io.crmbridge.console.health;

import io.crmbridge.console.ConsoleView;
import io.crmbridge.hubspot.DailyUsage;
import io.crmbridge.hubspot.DailyUsageReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * How much of HubSpot's rate budget crm-bridge uses, as the Health page and {@code GET /api/health} show it
 * (docs/console.md): the 10-second window and the day as HubSpot's latest answers told them
 * ({@link HubSpotRateLimitWatch}), the account's daily usage as the import last read it ({@link DailyUsageReader}:
 * each file reads it before it is sent, hubspot-api.md §10.4), and the requests, retries and 429s of the last hour
 * per minute ({@link HubSpotLastHour}). Everything comes from what crm-bridge already sent or read: showing it
 * costs no request.
 */
public final class HubSpotBudgetUse {

    private final HubSpotRateLimitWatch watch;
    private final Supplier<Optional<DailyUsageReader.Reading>> dailyUsage;
    private final HubSpotLastHour lastHour;

    /** @param dailyUsage the latest daily usage read ({@link DailyUsageReader#latest()}) */
    public HubSpotBudgetUse(HubSpotRateLimitWatch watch, Supplier<Optional<DailyUsageReader.Reading>> dailyUsage,
                            HubSpotLastHour lastHour) {
        this.watch = watch;
        this.dailyUsage = dailyUsage;
        this.lastHour = lastHour;
    }

    /**
     * The figures, for the {@code hubspot} part of the health report (times ISO-8601 UTC):
     * <ul>
     *   <li>{@code rateLimitWindow}: {max, remaining, intervalMs, seenAt} from the latest answer with the
     *       {@code X-HubSpot-RateLimit-Max/-Remaining/-Interval-Milliseconds} headers, or null before one;</li>
     *   <li>{@code rateLimitDaily}: {daily, dailyRemaining, seenAt} from the latest answer with
     *       {@code X-HubSpot-RateLimit-Daily/-Daily-Remaining}, or null (OAuth calls carry none);</li>
     *   <li>{@code dailyUsage}: {usageLimit, currentUsage, remaining, resetsAt, readAt, unknownReason} of the
     *       latest read, or null before the first file;</li>
     *   <li>{@code lastHour}: [{minute, requests, retries, tooManyRequests}], {@value HubSpotLastHour#MINUTES}
     *       minutes, oldest first, the current one last;</li>
     *   <li>{@code lastHourTotals}: {requests, retries, tooManyRequests} of those minutes.</li>
     * </ul>
     */
    public Map<String, Object> report() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rateLimitWindow", watch.window().map(w -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("max", w.max());
            m.put("remaining", w.remaining());
            m.put("intervalMs", w.intervalMs());
            m.put("seenAt", w.seenAt().toString());
            return m;
        }).orElse(null));
        r.put("rateLimitDaily", watch.day().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("daily", d.daily());
            m.put("dailyRemaining", d.dailyRemaining());
            m.put("seenAt", d.seenAt().toString());
            return m;
        }).orElse(null));
        r.put("dailyUsage", dailyUsage.get().map(HubSpotBudgetUse::usage).orElse(null));
        List<HubSpotLastHour.Minute> minutes = lastHour.minutes();
        List<Map<String, Object>> perMinute = new ArrayList<>();
        for (HubSpotLastHour.Minute m : minutes) {
            Map<String, Object> figures = figures(m.totals());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("minute", m.minute().toString());
            entry.putAll(figures);
            perMinute.add(entry);
        }
        r.put("lastHour", perMinute);
        r.put("lastHourTotals", figures(HubSpotLastHour.sum(minutes)));
        return r;
    }

    private static Map<String, Object> usage(DailyUsageReader.Reading reading) {
        DailyUsage u = reading.usage();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("usageLimit", u.usageLimit());
        m.put("currentUsage", u.currentUsage());
        m.put("remaining", u.remaining().orElse(null));
        m.put("resetsAt", u.resetsAt() == null ? null : u.resetsAt().toString());
        m.put("readAt", reading.readAt().toString());
        m.put("unknownReason", u.unknownReason());
        return m;
    }

    private static Map<String, Object> figures(HubSpotLastHour.Totals t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", t.requests());
        m.put("retries", t.retries());
        m.put("tooManyRequests", t.tooManyRequests());
        return m;
    }

    /**
     * Adds to the {@code hubspot} part of a {@link #report()} what the Health page shows besides the figures: the
     * times as {@code yyyy-MM-dd HH:mm:ss UTC} ({@code seen} in each of the three parts) and the chart's series as
     * comma-separated numbers (data attributes the page's script reads: {@code chartMinutes} in epoch seconds,
     * {@code chartRequests}, {@code chartRetries}, {@code chartTooManyRequests}).
     */
    public static void addPageView(Map<String, Object> hubspot) {
        for (String[] part : new String[][] {{"rateLimitWindow", "seenAt"}, {"rateLimitDaily", "seenAt"},
                {"dailyUsage", "readAt"}}) {
            if (hubspot.get(part[0]) instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> values = (Map<String, Object>) m;
                values.put("seen", ConsoleView.time(values.get(part[1])));
                values.put("resets", ConsoleView.time(values.get("resetsAt")));
            }
        }
        StringJoiner minutes = new StringJoiner(",");
        StringJoiner requests = new StringJoiner(",");
        StringJoiner retries = new StringJoiner(",");
        StringJoiner tooMany = new StringJoiner(",");
        for (Object o : (List<?>) hubspot.get("lastHour")) {
            Map<?, ?> m = (Map<?, ?>) o;
            minutes.add(Long.toString(Instant.parse((String) m.get("minute")).getEpochSecond()));
            requests.add(m.get("requests").toString());
            retries.add(m.get("retries").toString());
            tooMany.add(m.get("tooManyRequests").toString());
        }
        hubspot.put("chartMinutes", minutes.toString());
        hubspot.put("chartRequests", requests.toString());
        hubspot.put("chartRetries", retries.toString());
        hubspot.put("chartTooManyRequests", tooMany.toString());
    }
}
