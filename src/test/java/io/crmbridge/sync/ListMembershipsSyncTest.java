package io.crmbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.hubspot.HubSpotPaths;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.SandboxRecord;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * List memberships when requested: with crm-bridge.sync.list-memberships=true every
 * stored contact carries the lists the sandbox portal has it in, read with one batch request per 100
 * contacts; incremental runs refresh them for the contacts they fetch.
 */
class ListMembershipsSyncTest extends ContactSyncTestSupport {

    private static final String LISTS = new HubSpotPaths(HubSpotPaths.DEFAULT_VERSION).listMembershipsBatchRead();

    @Override
    protected Properties syncProperties() {
        return properties("sandbox.seed-contacts", "generate:1000",
                "sandbox.seed-lists", "3",
                "crm-bridge.sync.list-memberships", "true");
    }

    @Test
    void fullSyncStoresEachContactsListsWithOneBatchReadPerPage() {
        SyncStats stats = sync("FULL");

        assertThat(stats.status()).isEqualTo(SyncRun.Status.COMPLETED);
        assertThat(requestsTo("POST", LISTS)).isEqualTo(10);
        assertThat(stats.requests()).isEqualTo(10 + 10 + 1);
        Map<String, List<String>> expected = new HashMap<>();
        sandboxContacts().forEach(r -> expected.put(r.id(), sandbox().state().listIdsOf(r.id())));
        // the seeding really spread contacts over lists, and left some in none
        assertThat(expected.values()).anyMatch(List::isEmpty).anyMatch(l -> l.size() >= 2);
        Map<String, List<String>> stored = new HashMap<>();
        store().contacts().forEach(c -> stored.put(c.getHubspotId(), lists(c)));
        assertThat(stored).isEqualTo(expected);
    }

    @Test
    void incrementalSyncRefreshesTheMembershipsOfTheContactsItFetches() {
        assertThat(sync("FULL").status()).isEqualTo(SyncRun.Status.COMPLETED);
        SandboxRecord contact = sandboxContacts().get(500);
        sandbox().state().addToList("77", contact.id());
        sandbox().state().update(ObjectType.CONTACTS, contact.id(), Map.of("jobtitle", "List Keeper"));

        SyncStats stats = sync("INCREMENTAL");

        assertThat(stats.status()).isEqualTo(SyncRun.Status.COMPLETED);
        SyncedContact stored = store().contact(contact.id()).orElseThrow();
        assertThat(stored.getJobtitle()).isEqualTo("List Keeper");
        assertThat(lists(stored)).contains("77").isEqualTo(sandbox().state().listIdsOf(contact.id()));
    }

    private static List<String> lists(SyncedContact c) {
        assertThat(c.getListMemberships()).as("memberships of %s", c.getHubspotId()).isNotNull();
        return c.getListMemberships().isEmpty() ? List.of() : Arrays.asList(c.getListMemberships().split(","));
    }
}
