package io.crmbridge.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * The segment rules of feature S2 (PRODUCT.md), from configuration
 * ({@code crm-bridge.sync.segments.*}): {@code chainge} when the company contains the configured word
 * (ignoring case), {@code engaged} when modified in the last {@code engagedDays}, {@code cold} when not
 * modified for {@code coldDays}, {@code high_value} when the lifecycle stage is one of
 * {@code highValueStages}. A contact can be in several.
 *
 * @param companyWord     word looked for in the company name; blank disables the segment
 * @param engagedDays     days since the last modification that still count as engaged
 * @param coldDays        days without modification after which a contact is cold
 * @param highValueStages lifecycle stages (internal values, lower case) of high-value contacts
 */
public record SegmentRules(String companyWord, int engagedDays, int coldDays, Set<String> highValueStages) {

    public static final String CHAINGE = "chainge";
    public static final String ENGAGED = "engaged";
    public static final String COLD = "cold";
    public static final String HIGH_VALUE = "high_value";
    /** Every segment name, in the order segment lists use. */
    public static final List<String> NAMES = List.of(CHAINGE, ENGAGED, COLD, HIGH_VALUE);

    public SegmentRules {
        companyWord = companyWord == null ? "" : companyWord.trim().toLowerCase(Locale.ROOT);
        highValueStages = Set.copyOf(highValueStages);
    }

    /**
     * The segments of one contact at {@code now}.
     *
     * @param lastModified HubSpot's lastmodifieddate; null puts the contact in neither engaged nor cold
     */
    public List<String> segmentsOf(String company, String lifecycleStage, Instant lastModified, Instant now) {
        List<String> segments = new ArrayList<>(2);
        if (!companyWord.isEmpty() && company != null && company.toLowerCase(Locale.ROOT).contains(companyWord)) {
            segments.add(CHAINGE);
        }
        if (lastModified != null) {
            Duration age = Duration.between(lastModified, now);
            if (age.compareTo(Duration.ofDays(engagedDays)) <= 0) {
                segments.add(ENGAGED);
            }
            if (age.compareTo(Duration.ofDays(coldDays)) > 0) {
                segments.add(COLD);
            }
        }
        if (lifecycleStage != null && highValueStages.contains(lifecycleStage.trim().toLowerCase(Locale.ROOT))) {
            segments.add(HIGH_VALUE);
        }
        return segments;
    }

    /**
     * The rules in force, written for people: segment name -> what puts a contact in it, in {@link #NAMES} order,
     * with the configured word, days and stages (the {@code crm-bridge.sync.segments.*} settings).
     */
    public Map<String, String> descriptions() {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put(CHAINGE, companyWord.isEmpty()
                ? "Nobody: no company word is configured (crm-bridge.sync.segments.chainge.company-word)."
                : "The company name contains \u201c" + companyWord + "\u201d, in any case.");
        rules.put(ENGAGED, "Changed in HubSpot in the last " + days(engagedDays) + ".");
        rules.put(COLD, "Not changed in HubSpot for more than " + days(coldDays) + ".");
        rules.put(HIGH_VALUE, highValueStages.isEmpty() ? "Nobody: no lifecycle stage is configured."
                : "Lifecycle stage is " + either(highValueStages.stream().sorted().toList()) + ".");
        return rules;
    }

    /** "a", "a or b", "a, b or c". */
    private static String either(List<String> values) {
        int last = values.size() - 1;
        return last == 0 ? values.get(0) : String.join(", ", values.subList(0, last)) + " or " + values.get(last);
    }

    private static String days(int n) {
        return n == 1 ? "day" : n + " days";
    }
}
