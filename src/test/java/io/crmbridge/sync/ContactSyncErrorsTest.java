package io.crmbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.SandboxRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * S4: refused credentials stop the sync (on the first page, or in the middle of a run) without touching
 * what was stored; transient 5xx are retried and the sync completes.
 */
class ContactSyncErrorsTest {

    @Nested
    class WithoutContactReadScope extends ContactSyncTestSupport {

        @Override
        protected Properties syncProperties() {
            return properties("sandbox.seed-contacts", "generate:500",
                    "sandbox.scopes", "crm.objects.contacts.write,crm.schemas.contacts.read");
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
            return properties("sandbox.seed-contacts", "generate:3000",
                    "sandbox.faults.server-error-rate", "0.2",
                    "sandbox.faults.seed", "7");
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

    @Nested
    class WithTokenRevokedMidRun extends ContactSyncTestSupport {

        @Override
        protected Properties syncProperties() {
            // 30 pages at >= 40 ms each: the revocation lands while the second run is paging
            return properties("sandbox.seed-contacts", "generate:3000",
                    "sandbox.faults.latency-ms", "40");
        }

        @Test
        void aTokenRevokedDuringARunStopsItFailedAndLeavesTheRestOfTheStoreAsItWas() {
            SyncStats first = sync("FULL");
            assertThat(first.status()).isEqualTo(SyncRun.Status.COMPLETED);
            Instant watermark = store().lastWatermark().orElseThrow();
            Map<String, SyncedContact> before = store().contacts().stream()
                    .collect(Collectors.toMap(SyncedContact::getHubspotId, c -> c));
            // edit the last contacts in id order: the second listing reaches them only after the revocation
            List<SandboxRecord> all = sandboxContacts();
            List<String> edited = all.subList(all.size() - 20, all.size()).stream().map(SandboxRecord::id).toList();
            edited.forEach(id -> sandbox().state().update(ObjectType.CONTACTS, id, Map.of("company", "Renamed Ltd")));
            long requestsBefore = sandbox().state().requests().size();

            CompletableFuture<SyncStats> second = CompletableFuture.supplyAsync(() -> sync("FULL"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> sandbox().state().requests().size() >= requestsBefore + 5);
            sandbox().state().revokeAccessToken();
            SyncStats stats = second.join();

            assertThat(stats.status()).isEqualTo(SyncRun.Status.FAILED);
            assertThat(stats.errorMessages()).singleElement().asString()
                    .contains("HubSpot refused the credentials (HTTP 401")
                    .contains("contacts stored before were kept");
            assertThat(stats.totalPages()).isBetween(5, 29);
            assertThat(sandbox().state().requests()).anyMatch(r -> r.status() == 401);
            // nothing flagged archived, nothing deleted, the unreached contacts untouched
            List<SyncedContact> after = store().contacts();
            assertThat(after).hasSize(3000).noneMatch(SyncedContact::isArchived);
            for (String id : edited) {
                SyncedContact c = store().contact(id).orElseThrow();
                assertThat(c.getCompany()).isEqualTo(before.get(id).getCompany()).isNotEqualTo("Renamed Ltd");
                assertThat(c.getSyncedAt()).isEqualTo(before.get(id).getSyncedAt());
            }
            // the failed run's watermark is never where the next incremental sync starts
            assertThat(store().lastWatermark()).contains(watermark);
            assertThat(store().lastRun().orElseThrow().getStatus()).isEqualTo(SyncRun.Status.FAILED);
        }
    }

    @Nested
    class AfterAProcessDiedDuringASync extends ContactSyncTestSupport {

        @Override
        protected Properties syncProperties() {
            return properties("sandbox.seed-contacts", "generate:200");
        }

        @Test
        void theNextSyncClosesTheRunItLeftRunning() {
            // the row a process killed in the middle of a sync leaves: opened, never finished
            long abandoned = store().openRun(SyncRun.Mode.FULL, Instant.now().minusSeconds(60));

            SyncStats stats = sync("FULL");

            assertThat(stats.status()).isEqualTo(SyncRun.Status.COMPLETED);
            List<SyncRun> runs = store().runs(0, 10);
            assertThat(runs).extracting(SyncRun::getId).containsExactly(stats.runId(), abandoned);
            SyncRun closed = runs.get(1);
            assertThat(closed.getStatus()).isEqualTo(SyncRun.Status.PARTIAL);
            assertThat(closed.getErrorMessage()).contains("stopped before the sync ended");
            assertThat(closed.getWatermark()).isNull();
            assertThat(closed.getFinishedAt()).isNotNull();
            assertThat(store().lastWatermark()).contains(runs.get(0).getWatermark());
        }
    }
}
