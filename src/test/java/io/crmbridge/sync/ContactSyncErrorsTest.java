package io.crmbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.sandbox.SandboxRecord;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** S4: refused credentials stop the sync; transient 5xx are retried and the sync completes. */
class ContactSyncErrorsTest {

    @Nested
    class WithoutContactReadScope extends ContactSyncTestSupport {

        @Override
        protected Properties syncProperties() {
            Properties p = new Properties();
            p.setProperty("sandbox.seed-contacts", "generate:500");
            p.setProperty("sandbox.scopes", "crm.objects.contacts.write,crm.schemas.contacts.read");
            return p;
        }

        @Test
        void refusedScopeEndsTheRunFailedWithHubSpotsMessage() {
            SyncStats stats = sync("FULL");

            assertThat(stats.status()).isEqualTo(SyncRun.Status.FAILED);
            assertThat(stats.errorMessages()).singleElement().asString()
                    .contains("HubSpot refused the credentials (HTTP 403")
                    .contains("crm.objects.contacts.read");
            assertThat(store().contacts()).isEmpty();
            assertThat(store().lastRun().orElseThrow().getStatus()).isEqualTo(SyncRun.Status.FAILED);
            assertThat(store().lastWatermark()).isEmpty();
        }
    }

    @Nested
    class WithServerErrors extends ContactSyncTestSupport {

        @Override
        protected Properties syncProperties() {
            Properties p = new Properties();
            p.setProperty("sandbox.seed-contacts", "generate:3000");
            p.setProperty("sandbox.faults.server-error-rate", "0.2");
            p.setProperty("sandbox.faults.seed", "7");
            return p;
        }

        @Test
        void fullAndIncrementalSyncsCompleteDespiteTransientServerErrors() {
            SyncStats full = sync("FULL");

            assertThat(full.status()).isEqualTo(SyncRun.Status.COMPLETED);
            Set<String> sandboxIds = sandboxContacts().stream().map(SandboxRecord::id).collect(Collectors.toSet());
            Set<String> storedIds = store().contacts().stream().map(SyncedContact::getHubspotId)
                    .collect(Collectors.toSet());
            assertThat(storedIds).isEqualTo(sandboxIds);
            assertThat(sandbox().state().requests()).anyMatch(r -> r.status() >= 500);

            assertThat(sync("INCREMENTAL").status()).isEqualTo(SyncRun.Status.COMPLETED);
        }
    }
}
