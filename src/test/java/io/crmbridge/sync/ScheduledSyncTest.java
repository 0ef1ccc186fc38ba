package io.crmbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The Quartz route runs the configured sync on its cron. */
class ScheduledSyncTest extends ContactSyncTestSupport {

    @Override
    protected Properties syncProperties() {
        return properties("sandbox.seed-contacts", "generate:300",
                "crm-bridge.sync.cron", "0/1+*+*+*+*+?",
                "crm-bridge.sync.scheduled-mode", "FULL");
    }

    @Test
    void cronTriggersAFullSyncThatStoresTheSeededContacts() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> store().lastRun().isPresent());

        SyncRun run = store().lastRun().orElseThrow();
        assertThat(run.getMode()).isEqualTo(SyncRun.Mode.FULL);
        assertThat(run.getStatus()).isEqualTo(SyncRun.Status.COMPLETED);
        assertThat(run.getContactsSynced()).isEqualTo(300);
    }
}
