package io.crmbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.hubspot.HubSpotPaths;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.SandboxRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Full and incremental sync of the 10,000 customers of the real dataset, seeded into the sandbox, under
 * the default 190-per-10-s budget (sandbox limit 190).
 */
class FullContactSyncTest extends ContactSyncTestSupport {

    private static final String OBJECTS = new HubSpotPaths(HubSpotPaths.DEFAULT_VERSION).objects(ObjectType.CONTACTS);

    @Override
    protected Properties syncProperties() {
        return properties("sandbox.seed-contacts", DATASETS.resolve("customers-10000.csv").toString(),
                "crm-bridge.sync.segments.chainge.company-word", "Group");
    }

    @Test
    void fullSyncStoresExactlyTheSandboxContacts() {
        long t0 = System.nanoTime();
        SyncStats stats = sync("FULL");
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        long gets = requestsTo("GET", OBJECTS);
        System.out.printf("MEASURE full sync of 10,000 contacts: %d ms wall, %d requests (%d pages), status %s%n",
                wallMs, gets, stats.totalPages(), stats.status());

        assertThat(stats.status()).isEqualTo(SyncRun.Status.COMPLETED);
        assertThat(stats.totalSynced()).isEqualTo(10_000);
        // 100 pages of 100, then one page of the (empty) archived listing
        assertThat(stats.totalPages()).isEqualTo(101);
        assertThat(stats.requests()).isEqualTo(101);
        assertThat(gets).isEqualTo(101);
        Map<String, String> sandboxEmails = sandboxContacts().stream()
                .collect(Collectors.toMap(SandboxRecord::id, r -> r.property("email")));
        Map<String, String> storedEmails = new HashMap<>();
        store().contacts().forEach(c -> storedEmails.put(c.getHubspotId(), c.getEmail()));
        assertThat(sandboxEmails).hasSize(10_000);
        assertThat(storedEmails).isEqualTo(sandboxEmails);
        SyncedContact one = store().contact(sandboxContacts().get(0).id()).orElseThrow();
        assertThat(one.getProperties()).contains("\"lifecyclestage\"");
        assertThat(one.getUpdatedAt()).isEqualTo(lastModified(sandboxContacts().get(0)));
        assertThat(store().lastRun().orElseThrow().getPages()).isEqualTo(101);
    }

    @Test
    void segmentCountsMatchTheRulesComputedIndependently() {
        SyncStats stats = sync("FULL");
        Instant now = stats.timestamp();
        Map<String, Long> expected = new LinkedHashMap<>(Map.of("chainge", 0L, "engaged", 0L, "cold", 0L,
                "high_value", 0L));
        for (SandboxRecord r : sandboxContacts()) {
            if (r.property("company").toLowerCase(Locale.ROOT).contains("group")) {
                expected.merge("chainge", 1L, Long::sum);
            }
            Instant modified = lastModified(r);
            if (!modified.isBefore(now.minus(Duration.ofDays(30)))) {
                expected.merge("engaged", 1L, Long::sum);
            }
            if (modified.isBefore(now.minus(Duration.ofDays(90)))) {
                expected.merge("cold", 1L, Long::sum);
            }
            if (Set.of("customer", "evangelist", "opportunity").contains(r.property("lifecyclestage"))) {
                expected.merge("high_value", 1L, Long::sum);
            }
        }
        assertThat(expected.values()).allMatch(n -> n > 0);
        assertThat(stats.bySegment()).isEqualTo(expected);
    }

    @Test
    void refreshingSegmentsLaterStoresTheSegmentsTimeChanged() {
        sync("FULL");
        SegmentRules rules = new SegmentRules("group", 30, 90, Set.of("customer", "evangelist", "opportunity"));
        Instant later = Instant.now().plus(Duration.ofDays(400));

        Map<String, Long> counts = store().refreshSegments(rules, later);

        // a year on, no contact is engaged and every one is cold: the engaged ones' stored segments changed
        assertThat(counts.get("engaged")).isZero();
        assertThat(counts.get("cold")).isEqualTo(sandboxContacts().size());
        for (SyncedContact c : store().contacts()) {
            assertThat(c.isArchived()).isFalse();
            assertThat(c.getSegments()).isEqualTo(String.join(",",
                    rules.segmentsOf(c.getCompany(), c.getLifecyclestage(), c.getUpdatedAt(), later)));
        }
        assertThat(store().activeContacts("cold", 0, 1).total()).isEqualTo(sandboxContacts().size());
    }

    @Test
    void incrementalSyncAfterFiftyChangesFetchesThoseAndTheOverlapOnly() {
        assertThat(sync("FULL").status()).isEqualTo(SyncRun.Status.COMPLETED);
        Instant watermark = store().lastRun().orElseThrow().getWatermark();
        List<SandboxRecord> all = sandboxContacts();
        for (int i = 0; i < 50; i++) {
            sandbox().state().update(ObjectType.CONTACTS, all.get(i * 199).id(), Map.of("jobtitle", "Chief Sync Officer"));
        }
        Instant since = watermark.minus(Duration.ofSeconds(300));
        Set<String> expectedIds = sandboxContacts().stream().filter(r -> !lastModified(r).isBefore(since))
                .map(SandboxRecord::id).collect(Collectors.toSet());
        long searchesBefore = requestsTo("POST", OBJECTS + "/search");

        long t0 = System.nanoTime();
        SyncStats stats = sync("INCREMENTAL");
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        long searches = requestsTo("POST", OBJECTS + "/search") - searchesBefore;
        System.out.printf("MEASURE incremental sync after 50 changes: %d ms wall, %d requests, %d contacts%n",
                wallMs, searches, stats.totalSynced());

        assertThat(stats.status()).isEqualTo(SyncRun.Status.COMPLETED);
        assertThat(expectedIds).hasSizeGreaterThanOrEqualTo(50);
        assertThat(stats.totalSynced()).isEqualTo(expectedIds.size());
        assertThat(searches).isLessThanOrEqualTo(2);
        for (int i = 0; i < 50; i++) {
            assertThat(store().contact(all.get(i * 199).id()).orElseThrow().getJobtitle()).isEqualTo("Chief Sync Officer");
        }
        assertThat(store().lastRun().orElseThrow().getWatermark()).isAfter(watermark);
    }
}
