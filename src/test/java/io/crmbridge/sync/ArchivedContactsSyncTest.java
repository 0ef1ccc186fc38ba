package io.crmbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.hubspot.HubSpotPaths;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.SandboxRecord;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * S1 "archived contacts are detected and marked, merged contacts are handled": search never returns
 * archived contacts, so an incremental sync pages the archived=true listing after its search windows (one
 * request per 100 archived contacts) and flags what HubSpot archived since the last run; a contact merged
 * into another is flagged archived with merged_into naming the contact that absorbed it.
 */
class ArchivedContactsSyncTest extends ContactSyncTestSupport {

    private static final String OBJECTS = new HubSpotPaths(HubSpotPaths.DEFAULT_VERSION).objects(ObjectType.CONTACTS);

    @Override
    protected Properties syncProperties() {
        return properties("sandbox.seed-contacts", "generate:800");
    }

    @Test
    void incrementalSyncFlagsContactsArchivedSinceTheLastRun() {
        assertThat(sync("FULL").status()).isEqualTo(SyncRun.Status.COMPLETED);
        List<SandboxRecord> all = sandboxContacts();
        List<String> archived = List.of(all.get(3).id(), all.get(400).id(), all.get(799).id());
        archived.forEach(id -> assertThat(sandbox().state().archive(ObjectType.CONTACTS, id)).isTrue());
        long searches = requestsTo("POST", OBJECTS + "/search");
        long listings = requestsTo("GET", OBJECTS);

        SyncStats stats = sync("INCREMENTAL");

        assertThat(stats.status()).isEqualTo(SyncRun.Status.COMPLETED);
        assertThat(requestsTo("POST", OBJECTS + "/search") - searches).isEqualTo(1);
        assertThat(requestsTo("GET", OBJECTS) - listings).isEqualTo(1);
        for (String id : archived) {
            assertThat(store().contact(id).orElseThrow().isArchived()).as("contact %s", id).isTrue();
        }
        assertThat(store().contacts().stream().filter(SyncedContact::isArchived).count()).isEqualTo(3);
        assertThat(store().activeContacts(null, 0, 1000).total()).isEqualTo(797);
    }

    @Test
    void incrementalSyncMarksAMergedAwayContactWithTheContactThatAbsorbedIt() {
        assertThat(sync("FULL").status()).isEqualTo(SyncRun.Status.COMPLETED);
        List<SandboxRecord> all = sandboxContacts();
        String primary = all.get(10).id();
        String mergedAway = all.get(20).id();
        sandbox().state().merge(ObjectType.CONTACTS, primary, mergedAway);

        SyncStats stats = sync("INCREMENTAL");

        assertThat(stats.status()).isEqualTo(SyncRun.Status.COMPLETED);
        SyncedContact loser = store().contact(mergedAway).orElseThrow();
        assertThat(loser.isArchived()).isTrue();
        assertThat(loser.getMergedInto()).isEqualTo(primary);
        SyncedContact winner = store().contact(primary).orElseThrow();
        assertThat(winner.isArchived()).isFalse();
        assertThat(winner.getProperties()).contains(mergedAway);
        assertThat(store().activeContacts(null, 0, 1000).total()).isEqualTo(799);
    }
}
