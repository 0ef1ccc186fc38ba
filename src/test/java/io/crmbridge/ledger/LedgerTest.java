package io.crmbridge.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.LedgerDatabases;
import io.crmbridge.config.Database;
import io.crmbridge.model.Link;
import io.crmbridge.model.ObjectType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger on an in-memory H2 database migrated by Flyway, through Hibernate (config.Database); the same cases run
 * on PostgreSQL in {@link LedgerOnPostgresTest}.
 */
class LedgerTest {

    private static final Link TICKET_TO_CONTACT = new Link(ObjectType.TICKETS, "T-1", ObjectType.CONTACTS,
            "ada@example.com", 16);
    private static final Link CONTACT_TO_COMPANY = new Link(ObjectType.CONTACTS, "ada@example.com",
            ObjectType.COMPANIES, "name:analytical engines", 279);

    private CamelContext camel;
    private Database database;
    private Ledger ledger;

    @BeforeEach
    void open() {
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(ledgerDatabase());
        database = Database.open(camel.getPropertiesComponent(), true);
        ledger = new Ledger(database.entityManagerFactory(), Clock.systemUTC());
    }

    /** The settings of this test's empty ledger database. */
    protected Properties ledgerDatabase() {
        return LedgerDatabases.h2("ledger");
    }

    @AfterEach
    void close() throws Exception {
        database.stop();
        assertThat(database.entityManagerFactory().isOpen()).as("ledger database closed").isFalse();
        camel.close();
    }

    @Test
    void completedRunIsFoundByContentHashOnlyOnceCompleted() {
        long id = ledger.openRun("contacts.csv", "hash-a", ObjectType.CONTACTS, false);

        assertThat(ledger.completedRun("hash-a")).isEmpty();

        ledger.finishRun(id, ImportRun.Status.COMPLETED, 42, "outbox/reports/contacts.csv-run1.json");

        ImportRun run = ledger.completedRun("hash-a").orElseThrow();
        assertThat(run.getId()).isEqualTo(id);
        assertThat(run.getFileName()).isEqualTo("contacts.csv");
        assertThat(run.getStatus()).isEqualTo(ImportRun.Status.COMPLETED);
        assertThat(run.getReportPath()).isEqualTo("outbox/reports/contacts.csv-run1.json");
        assertThat(run.getFinishedAt()).isNotNull();
        assertThat(ledger.completedRun("hash-b")).isEmpty();
    }

    @Test
    void dryRunsAndFailedRunsNeverCountAsImported() {
        long dry = ledger.openRun("contacts.csv", "hash-dry", ObjectType.CONTACTS, true);
        ledger.finishRun(dry, ImportRun.Status.COMPLETED, 3, "r.json");
        long failed = ledger.openRun("contacts.csv", "hash-failed", ObjectType.CONTACTS, false);
        ledger.finishRun(failed, ImportRun.Status.FAILED, 3, null);

        assertThat(ledger.completedRun("hash-dry")).isEmpty();
        assertThat(ledger.completedRun("hash-failed")).isEmpty();
    }

    @Test
    void runIdsIncrease() {
        long first = ledger.openRun("a.csv", "h1", ObjectType.COMPANIES, false);
        long second = ledger.openRun("b.csv", "h2", null, false);

        assertThat(second).isGreaterThan(first);
    }

    @Test
    void remembersIdsAndHashesByTypeAndKey() {
        ledger.remember(ObjectType.CONTACTS, List.of(new RememberedRecord("ada@example.com", "101", "hash-1"),
                new RememberedRecord("alan@example.com", "102", "hash-2")));

        Map<String, RecordKey> found = ledger.find(ObjectType.CONTACTS,
                List.of("ada@example.com", "alan@example.com", "nobody@example.com"));

        assertThat(found).containsOnlyKeys("ada@example.com", "alan@example.com");
        assertThat(found.get("ada@example.com").getHubspotId()).isEqualTo("101");
        assertThat(found.get("ada@example.com").getContentHash()).isEqualTo("hash-1");
        assertThat(ledger.find(ObjectType.COMPANIES, List.of("ada@example.com"))).isEmpty();
    }

    @Test
    void rememberingAgainUpdatesTheHashAndANullHashKeepsIt() {
        ledger.remember(ObjectType.COMPANIES, List.of(new RememberedRecord("acme.com", "201", "hash-1")));

        ledger.remember(ObjectType.COMPANIES, List.of(new RememberedRecord("acme.com", "203", "hash-2")));
        RecordKey updated = ledger.find(ObjectType.COMPANIES, List.of("acme.com")).get("acme.com");
        assertThat(updated.getContentHash()).isEqualTo("hash-2");
        assertThat(updated.getHubspotId()).as("a record written again takes its new id").isEqualTo("203");

        ledger.remember(ObjectType.COMPANIES, List.of(new RememberedRecord("acme.com", "202", null)));
        RecordKey k = ledger.find(ObjectType.COMPANIES, List.of("acme.com")).get("acme.com");
        assertThat(k.getHubspotId()).as("a row without a hash keeps the stored id").isEqualTo("203");
        assertThat(k.getContentHash()).isEqualTo("hash-2");
    }

    @Test
    void anAliasStaysWithTheFirstCompanyThatLanded() {
        // two companies named "Young Inc" (organizations-1000.csv rows 162 and 673): contacts naming it link to one
        ledger.remember(ObjectType.COMPANIES, List.of(new RememberedRecord("stout-schwartz.com", "301", "h1"),
                new RememberedRecord("name:young inc", "301", null)));
        ledger.remember(ObjectType.COMPANIES, List.of(new RememberedRecord("padilla.com", "302", "h2"),
                new RememberedRecord("name:young inc", "302", null)));

        assertThat(ledger.find(ObjectType.COMPANIES, List.of("name:young inc")).get("name:young inc").getHubspotId())
                .isEqualTo("301");
        assertThat(ledger.find(ObjectType.COMPANIES, List.of("padilla.com")).get("padilla.com").getHubspotId())
                .isEqualTo("302");
    }

    @Test
    void findWorksBeyondOneInChunk() {
        List<RememberedRecord> many = new java.util.ArrayList<>();
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 1_203; i++) {
            many.add(new RememberedRecord("k" + i, String.valueOf(i), "h" + i));
            keys.add("k" + i);
        }
        ledger.remember(ObjectType.TICKETS, many);

        assertThat(ledger.find(ObjectType.TICKETS, keys)).hasSize(1_203);
    }

    @Test
    void addPendingIgnoresDuplicates() {
        ledger.addPending(List.of(TICKET_TO_CONTACT, CONTACT_TO_COMPANY));
        ledger.addPending(List.of(TICKET_TO_CONTACT));
        ledger.addPending(List.of());

        assertThat(ledger.pendingCount()).isEqualTo(2);
        assertThat(ledger.pending(0, 10)).extracting(PendingLink::toLink)
                .containsExactly(TICKET_TO_CONTACT, CONTACT_TO_COMPANY);
    }

    @Test
    void pendingOfOneKindReadsOnlyLinksWhoseTargetHasThePrefixOrOnlyThoseWithout() {
        Link viaContact = new Link(ObjectType.TICKETS, "T-1", ObjectType.COMPANIES, "contact:ada@example.com", 339);
        Link underscore = new Link(ObjectType.TICKETS, "T-2", ObjectType.COMPANIES, "contactXada@example.com", 339);
        ledger.addPending(List.of(TICKET_TO_CONTACT, viaContact, CONTACT_TO_COMPANY, underscore));

        assertThat(ledger.pending(0, 10, "contact:", true)).extracting(PendingLink::toLink).containsExactly(viaContact);
        // one call stores its links in key order (so that two writers lock them in the same order)
        List<PendingLink> direct = ledger.pending(0, 10, "contact:", false);
        assertThat(direct).extracting(PendingLink::toLink)
                .containsExactlyInAnyOrder(TICKET_TO_CONTACT, CONTACT_TO_COMPANY, underscore);
        assertThat(ledger.pending(0, 10, "contact_", true)).as("_ is no wildcard").isEmpty();
        List<PendingLink> first = ledger.pending(0, 1, "contact:", false);
        assertThat(ledger.pending(first.get(0).getId(), 10, "contact:", false)).extracting(PendingLink::toLink)
                .containsExactly(direct.get(1).toLink(), direct.get(2).toLink());
    }

    @Test
    void claimingDirectLinksTakesOnlyThoseWhoseTargetTheLedgerKnows() {
        Link viaContact = new Link(ObjectType.TICKETS, "T-1", ObjectType.COMPANIES, "contact:ada@example.com", 339);
        Link toUnknownCompany = new Link(ObjectType.CONTACTS, "alan@example.com", ObjectType.COMPANIES,
                "name:never imported", 279);
        Link sameKeyOtherType = new Link(ObjectType.TICKETS, "T-3", ObjectType.CONTACTS, "name:analytical engines", 16);
        ledger.addPending(List.of(TICKET_TO_CONTACT, viaContact, toUnknownCompany, CONTACT_TO_COMPANY,
                sameKeyOtherType));
        assertThat(claimDirect(0, 10)).isEmpty();

        ledger.remember(ObjectType.COMPANIES, List.of(new RememberedRecord("name:analytical engines", "201", null)));
        ledger.remember(ObjectType.CONTACTS, List.of(new RememberedRecord("ada@example.com", "101", "hash-1")));
        // a company key known as a company only; the link through a contact is left to its own pass
        List<PendingLink> both = claimDirect(0, 10);
        assertThat(both).extracting(PendingLink::toLink)
                .containsExactlyInAnyOrder(TICKET_TO_CONTACT, CONTACT_TO_COMPANY);
        assertThat(claimDirect(both.get(0).getId(), 10)).extracting(PendingLink::toLink)
                .containsExactly(both.get(1).toLink());
    }

    /** The direct links a sweep claims, after id {@code after}; released at once. */
    private List<PendingLink> claimDirect(long after, int limit) {
        return ledger.claimPending(after, limit, "contact:", false, null, Ledger.ClaimedLinks::links);
    }

    @Test
    void rememberUpdatesKnownKeysAndAddsNewOnesInOneCall() {
        ledger.remember(ObjectType.CONTACTS, List.of(new RememberedRecord("ada@example.com", "1", "h1")));
        ledger.remember(ObjectType.CONTACTS, List.of(new RememberedRecord("ada@example.com", "1", "h2"),
                new RememberedRecord("bob@example.com", "2", "h3"), new RememberedRecord("bob@example.com", "2", "h4")));

        Map<String, RecordKey> found = ledger.find(ObjectType.CONTACTS, List.of("ada@example.com", "bob@example.com"));
        assertThat(found.get("ada@example.com").getContentHash()).isEqualTo("h2");
        assertThat(found.get("bob@example.com").getContentHash()).isEqualTo("h4");
        assertThat(found.get("bob@example.com").getHubspotId()).isEqualTo("2");
    }

    @Test
    void pendingPagesByIdAndLimit() {
        ledger.addPending(List.of(TICKET_TO_CONTACT, CONTACT_TO_COMPANY));
        List<PendingLink> first = ledger.pending(0, 1);

        assertThat(first).extracting(PendingLink::toLink).containsExactly(TICKET_TO_CONTACT);
        assertThat(ledger.pending(first.get(0).getId(), 10)).extracting(PendingLink::toLink)
                .containsExactly(CONTACT_TO_COMPANY);
    }

    @Test
    void linkedDeletesThePendingLinkAndRecordsTheTarget() {
        ledger.addPending(List.of(CONTACT_TO_COMPANY, TICKET_TO_CONTACT));
        PendingLink pending = ledger.pending(0, 10).stream().filter(p -> p.toLink().equals(CONTACT_TO_COMPANY))
                .findFirst().orElseThrow();
        assertThat(ledger.linkedTargets(ObjectType.CONTACTS, List.of("ada@example.com"), ObjectType.COMPANIES, 279)).isEmpty();

        ledger.linked(List.of(new MadeLink(pending.getId(), pending.toLink(), "101", "201")), 1L);

        assertThat(ledger.pendingCount()).isEqualTo(1);
        assertThat(ledger.pending(0, 10)).extracting(PendingLink::toLink).containsExactly(TICKET_TO_CONTACT);
        assertThat(ledger.linkedTargets(ObjectType.CONTACTS, List.of("ada@example.com"), ObjectType.COMPANIES, 279))
                .containsExactly(java.util.Map.entry("ada@example.com", "201"));
        assertThat(ledger.linkedTargets(ObjectType.CONTACTS, List.of("ada@example.com"), ObjectType.COMPANIES, 280)).isEmpty();
    }

    @Test
    void addPendingIgnoresLinksAlreadyMade() {
        ledger.addPending(List.of(CONTACT_TO_COMPANY));
        PendingLink pending = ledger.pending(0, 10).get(0);
        ledger.linked(List.of(new MadeLink(pending.getId(), pending.toLink(), "101", "201")), 1L);

        ledger.addPending(List.of(CONTACT_TO_COMPANY));

        assertThat(ledger.pendingCount()).isZero();
    }

    @Test
    void linkingTheSameLinkTwiceKeepsOneAssociation() {
        ledger.addPending(List.of(CONTACT_TO_COMPANY));
        PendingLink pending = ledger.pending(0, 10).get(0);
        MadeLink made = new MadeLink(pending.getId(), pending.toLink(), "101", "201");

        ledger.linked(List.of(made), 1L);
        ledger.linked(List.of(made), 1L);

        assertThat(ledger.linkedTargets(ObjectType.CONTACTS, List.of("ada@example.com"), ObjectType.COMPANIES, 279))
                .containsExactly(java.util.Map.entry("ada@example.com", "201"));
    }
}
