package io.crmbridge.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.LedgerDatabases;
import io.crmbridge.config.Database;
import io.crmbridge.model.Link;
import io.crmbridge.model.ObjectType;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What runs wrote and how their undo ended, on an in-memory H2 ledger migrated by Flyway (V9); the same cases run on
 * PostgreSQL in {@link RunChangesOnPostgresTest}.
 */
class RunChangesTest {

    private static final Instant WRITTEN = Instant.parse("2026-12-05T09:30:01.250Z");

    private CamelContext camel;
    private Database database;
    private Ledger ledger;
    private RunChanges changes;

    @BeforeEach
    void open() {
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(ledgerDatabase());
        database = Database.open(camel.getPropertiesComponent(), true);
        ledger = new Ledger(database.entityManagerFactory(), Clock.systemUTC());
        changes = new RunChanges(database.entityManagerFactory(), Clock.systemUTC());
    }

    /** The settings of this test's empty ledger database. */
    protected Properties ledgerDatabase() {
        return LedgerDatabases.h2("changes");
    }

    @AfterEach
    void close() throws Exception {
        database.stop();
        camel.close();
    }

    @Test
    void aRunsWritesComeBackWithTheirPriorValuesAndHubSpotsTime() {
        Map<String, String> prior = new LinkedHashMap<>();
        prior.put("city", "London");
        prior.put("phone", null);
        changes.record(7, List.of(
                new RunChanges.Change(ObjectType.CONTACTS, "101", "ada@example.com", false,
                        Map.of("city", "Paris", "phone", "+33123"), prior, WRITTEN),
                new RunChanges.Change(ObjectType.COMPANIES, "201", "engines.example", true,
                        Map.of("name", "Engines"), null, WRITTEN)));
        // written again by the same run: the first prior values stay, the last written values win
        changes.record(7, List.of(new RunChanges.Change(ObjectType.CONTACTS, "101", "ada@example.com", false,
                Map.of("city", "Rome"), Map.of("city", "Paris"), WRITTEN.plusSeconds(5))));

        List<RunChanges.Change> back = changes.changes(7);

        assertThat(back).hasSize(2);
        RunChanges.Change company = back.get(0);
        assertThat(company.type()).isEqualTo(ObjectType.COMPANIES);
        assertThat(company.created()).isTrue();
        assertThat(company.prior()).isNull();
        RunChanges.Change contact = back.get(1);
        assertThat(contact.hubspotId()).isEqualTo("101");
        assertThat(contact.naturalKey()).isEqualTo("ada@example.com");
        assertThat(contact.created()).isFalse();
        assertThat(contact.prior()).isEqualTo(prior);
        assertThat(contact.written()).isEqualTo(Map.of("city", "Rome"));
        assertThat(contact.writtenAt()).isEqualTo(WRITTEN.plusSeconds(5));
        assertThat(changes.changes(8)).isEmpty();
    }

    @Test
    void laterWritersNameTheLatestLaterRunOfEachRecord() {
        for (long run : new long[] {3, 5, 9}) {
            changes.record(run, List.of(new RunChanges.Change(ObjectType.CONTACTS, "101", "ada@example.com", false,
                    Map.of("city", "run " + run), Map.of(), WRITTEN)));
        }
        changes.record(9, List.of(new RunChanges.Change(ObjectType.COMPANIES, "102", "x", true, Map.of(), null,
                WRITTEN)));

        assertThat(changes.laterWriters(3, ObjectType.CONTACTS, List.of("101", "102"))).isEqualTo(Map.of("101", 9L));
        assertThat(changes.laterWriters(9, ObjectType.CONTACTS, List.of("101"))).isEmpty();
    }

    @Test
    void undoneRecordsAreStoredOnceAndTheLedgerForgetsWhatWasArchived() {
        long run = ledger.openRun("contacts.csv", "hash-a", ObjectType.CONTACTS, false);
        ledger.finishRun(run, ImportRun.Status.COMPLETED, 2, "reports/contacts.csv-run1.json");
        ledger.remember(ObjectType.CONTACTS, List.of(new RememberedRecord("ada@example.com", "101", "h1"),
                new RememberedRecord("alan@example.com", "102", "h2")));
        ledger.addPending(List.of(new Link(ObjectType.CONTACTS, "ada@example.com", ObjectType.COMPANIES,
                "name:engines", 279)));
        Map<String, String> created = new HashMap<>();
        created.put(RunChanges.key(ObjectType.CONTACTS, "101"), "created");

        changes.undone(run, List.of(
                new RunChanges.Undone(ObjectType.CONTACTS, "101", RunChanges.UndoState.REVERSED, null, null),
                new RunChanges.Undone(ObjectType.CONTACTS, "102", RunChanges.UndoState.REVERSED, null, null),
                new RunChanges.Undone(ObjectType.CONTACTS, "103", RunChanges.UndoState.KEPT, "written again", 9L)),
                Set.copyOf(created.keySet()));
        changes.runUndone(run);

        assertThat(changes.undone(run)).containsOnlyKeys("CONTACTS:101", "CONTACTS:102", "CONTACTS:103");
        assertThat(changes.undone(run).get("CONTACTS:103").changedBy()).isEqualTo(9L);
        assertThat(changes.undone(run).get("CONTACTS:101").changedBy()).as("no later run").isNull();
        Map<String, RecordKey> known = ledger.find(ObjectType.CONTACTS, List.of("ada@example.com", "alan@example.com"));
        assertThat(known).containsOnlyKeys("alan@example.com");
        assertThat(known.get("alan@example.com").getContentHash()).as("restored: sent again next time").isNull();
        assertThat(ledger.pendingCount()).as("the archived contact's waiting link is dropped").isZero();
        assertThat(ledger.run(run).orElseThrow().getStatus()).isEqualTo(ImportRun.Status.UNDONE);
        assertThat(ledger.completedRun("hash-a")).as("the same content may be imported again").isEmpty();
    }

    @Test
    void theAssociationsARunMadeAreListedUntilArchived() {
        Link link = new Link(ObjectType.CONTACTS, "ada@example.com", ObjectType.COMPANIES, "name:engines", 279);
        ledger.addPending(List.of(link));
        PendingLink pending = ledger.pending(0, 10).get(0);
        ledger.linked(List.of(new MadeLink(pending.getId(), pending.toLink(), "101", "201")), 4L);

        List<RunChanges.MadeAssociation> made = changes.associations(4);
        assertThat(made).containsExactly(new RunChanges.MadeAssociation(ObjectType.CONTACTS, "101",
                ObjectType.COMPANIES, "201", 279));
        assertThat(changes.associations(5)).isEmpty();

        changes.associationsArchived(4, made);

        assertThat(changes.associations(4)).isEmpty();
        assertThat(ledger.linkedTargets(ObjectType.CONTACTS, List.of("ada@example.com"), ObjectType.COMPANIES, 279))
                .isEmpty();
    }
}
