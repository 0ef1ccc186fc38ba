package io.crmbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.SandboxRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * More than 10,000 contacts sharing one lastmodifieddate (one bulk import): no timestamp window can
 * page past them, so the incremental sync walks that timestamp by hs_object_id. Rate limits off: this
 * test is about completeness, not pacing.
 */
class TiedTimestampSyncTest extends ContactSyncTestSupport {

    @Override
    protected Properties syncProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.sync.search-spacing-ms", "0");
        return p;
    }

    @Test
    void moreThanTenThousandContactsSharingOneTimestampAreWalkedById() {
        Instant bulk = Instant.now().minus(2, ChronoUnit.DAYS);
        for (int i = 0; i < 10_050; i++) {
            sandbox().state().insertAt(ObjectType.CONTACTS, Map.of("email", "bulk" + i + "@example.org",
                    "company", "Chainge Bulk"), bulk.minus(30, ChronoUnit.DAYS), bulk);
        }

        for (int i = 0; i < 100; i++) {
            sandbox().state().insertAt(ObjectType.CONTACTS, Map.of("email", "later" + i + "@example.org"),
                    bulk.minus(30, ChronoUnit.DAYS), bulk.plus(i + 1, ChronoUnit.MINUTES));
        }

        SyncStats stats = sync("INCREMENTAL");

        assertThat(stats.status()).isEqualTo(SyncRun.Status.COMPLETED);
        Set<String> sandboxIds = sandboxContacts().stream().map(SandboxRecord::id).collect(Collectors.toSet());
        Set<String> storedIds = store().contacts().stream().map(SyncedContact::getHubspotId).collect(Collectors.toSet());
        assertThat(sandboxIds).hasSize(10_150);
        assertThat(storedIds).isEqualTo(sandboxIds);
        assertThat(sandbox().state().requests()).allMatch(r -> r.status() == 200);
        // one capped window, the walk by id (10,000 + 50), then the 100 later contacts
        assertThat(stats.totalSynced()).isLessThanOrEqualTo(20_150);
    }
}
