package io.crmbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.sandbox.SandboxRecord;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The incremental path past the search API's 10,000-result cap (hubspot-api.md §3.2). */
class LargeIncrementalSyncTest extends ContactSyncTestSupport {

    @Override
    protected Properties syncProperties() {
        // a quarter of the generated contacts share the timestamps of a few bulk imports
        return properties("sandbox.seed-contacts", "generate:12000");
    }

    @Test
    void incrementalSyncOfTwelveThousandContactsStoresEveryOne() {
        SyncStats stats = sync("INCREMENTAL");

        assertThat(stats.status()).isEqualTo(SyncRun.Status.COMPLETED);
        Set<String> sandboxIds = sandboxContacts().stream().map(SandboxRecord::id).collect(Collectors.toSet());
        Set<String> storedIds = store().contacts().stream().map(SyncedContact::getHubspotId).collect(Collectors.toSet());
        assertThat(sandboxIds).hasSize(12_000);
        assertThat(storedIds).isEqualTo(sandboxIds);
        // a second window was needed, and no search paged past the cap (the sandbox would answer 400)
        assertThat(stats.totalSynced()).isGreaterThanOrEqualTo(12_000);
        assertThat(sandbox().state().requests()).allMatch(r -> r.status() == 200);
    }
}
