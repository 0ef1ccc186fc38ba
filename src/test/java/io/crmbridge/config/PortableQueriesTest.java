package io.crmbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.LedgerDatabases;
import io.crmbridge.console.upload.UploadRecords;
import io.crmbridge.ledger.ImportHistory;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.ledger.PendingLinks;
import io.crmbridge.ledger.RememberedRecord;
import io.crmbridge.model.Link;
import io.crmbridge.model.ObjectType;
import io.crmbridge.push.PushResult;
import io.crmbridge.sales.store.SalesLedgerHistory;
import io.crmbridge.sync.ContactQuery;
import io.crmbridge.sync.ContactStore;
import io.crmbridge.sync.FetchedContact;
import io.crmbridge.sync.SegmentRules;
import io.crmbridge.sync.SyncedContact;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger's hand-written SQL and the console's queries answer alike on H2 and on a real PostgreSQL
 * ({@link io.crmbridge.PostgresServer}): the same writes on both databases, then every read compared, with the
 * orders that differ between the two by default (where an empty value sorts) checked outright.
 */
class PortableQueriesTest {

    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");
    private static final PendingLinks.Kind CONTACT_TO_COMPANY = new PendingLinks.Kind(ObjectType.CONTACTS,
            ObjectType.COMPANIES, 279);

    private final List<Ledgers> both = new ArrayList<>();

    /** One ledger database, opened as the application opens it. */
    private record Ledgers(CamelContext camel, Database database) {

        static Ledgers open(Properties settings) {
            CamelContext camel = new DefaultCamelContext();
            camel.getPropertiesComponent().setInitialProperties(settings);
            Database database = Database.open(camel.getPropertiesComponent(), true);
            // migrated before the plain JDBC readers (the uploads) ask, as when Camel starts it
            database.start();
            return new Ledgers(camel, database);
        }
    }

    @BeforeEach
    void open() {
        both.add(Ledgers.open(LedgerDatabases.h2("portable")));
        both.add(Ledgers.open(LedgerDatabases.postgres("portable")));
    }

    @AfterEach
    void close() throws Exception {
        for (Ledgers l : both) {
            l.database().stop();
            l.camel().close();
        }
    }

    @Test
    void theImportHistorySortsAndPagesAlikeWithEmptyValuesLowest() {
        List<Object> answers = onBoth(l -> {
            ImportHistory history = new ImportHistory(l.database().entityManagerFactory(), at(30));
            long contacts = ledger(l, 0).openRun("contacts.csv", "hash-c", ObjectType.CONTACTS, false);
            ledger(l, 5).finishRun(contacts, ImportRun.Status.COMPLETED, 10, "reports/contacts.json");
            history.archived(contacts, "contacts.csv-1");
            // a sales-ledger file has no HubSpot object type; a running run has no finish yet
            long clients = ledger(l, 10).openRunOfKind("clients.csv", "hash-s", null, false);
            ledger(l, 15).finishRun(clients, ImportRun.Status.FAILED, 3, null);
            ledger(l, 20).openRun("companies.csv", "hash-o", ObjectType.COMPANIES, true);
            history.skipped("contacts-again.csv", "hash-c", contacts, "contacts-again.csv-1");
            List<Object> read = new ArrayList<>();
            for (ImportHistory.SortColumn column : ImportHistory.SortColumn.values()) {
                read.add(history.entries(column, true, 0, 10));
                read.add(history.entries(column, false, 1, 2));
            }
            read.add(history.entryCount());
            read.add(history.sameContent("hash-c"));
            read.add(history.archiveName(contacts));
            read.add(history.contentHash(clients));
            return read;
        });

        @SuppressWarnings("unchecked")
        List<ImportHistory.Entry> byFinish = (List<ImportHistory.Entry>) answers.get(
                2 * ImportHistory.SortColumn.FINISHED.ordinal());
        assertThat(byFinish).extracting(ImportHistory.Entry::fileName).as("the running run first, ascending")
                .startsWith("companies.csv").hasSize(4);
        @SuppressWarnings("unchecked")
        List<ImportHistory.Entry> byType = (List<ImportHistory.Entry>) answers.get(
                2 * ImportHistory.SortColumn.TYPE.ordinal());
        assertThat(byType.get(0).fileName()).as("the run without an object type first, ascending")
                .isEqualTo("clients.csv");
        assertThat(answers.get(answers.size() - 4)).isEqualTo(4L);
    }

    @Test
    void pendingLinksAreCountedPagedSelectedAndDroppedAlike() {
        List<Object> answers = onBoth(l -> {
            Ledger ledger = ledger(l, 0);
            PendingLinks links = new PendingLinks(l.database().entityManagerFactory());
            List<Link> waiting = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                waiting.add(new Link(ObjectType.CONTACTS, "c" + i + "@example.com", ObjectType.COMPANIES,
                        "name:" + (i % 3 == 0 ? "acme" : "globex_" + (i % 2)), 279));
            }
            waiting.add(new Link(ObjectType.TICKETS, "T-1", ObjectType.CONTACTS, "c1@example.com", 16));
            ledger.recordDelivery(ObjectType.CONTACTS,
                    List.of(new RememberedRecord("c1@example.com", "101", "h1")), waiting);
            List<Object> read = new ArrayList<>();
            read.add(links.kinds());
            for (PendingLinks.Order order : PendingLinks.Order.values()) {
                read.add(links.targets(null, order, 0, 10));
                read.add(links.targets(CONTACT_TO_COMPANY, order, 1, 1));
            }
            read.add(links.targetCount(null));
            read.add(links.targetCount(CONTACT_TO_COMPANY));
            read.add(links.examples(links.targets(CONTACT_TO_COMPANY, PendingLinks.Order.TARGET, 0, 10), 2));
            read.add(links.count(CONTACT_TO_COMPANY, "name:acme"));
            read.add(links.links(CONTACT_TO_COMPANY, "name:acme", 1, 5));
            PendingLinks.Selection acme = new PendingLinks.Selection(CONTACT_TO_COMPANY, "name:acme",
                    List.of("c0@example.com", "c6@example.com"));
            read.add(links.select(List.of(acme)));
            List<PendingLinks.Row> recorded = new ArrayList<>();
            read.add(links.drop(List.of(acme), recorded::addAll));
            read.add(recorded);
            read.add(links.count(CONTACT_TO_COMPANY, "name:acme"));
            read.add(ledger.pendingCount());
            return read;
        });

        assertThat(answers.get(answers.size() - 1)).as("8 links, 2 dropped").isEqualTo(6L);
        @SuppressWarnings("unchecked")
        List<PendingLinks.TargetCount> byCount = (List<PendingLinks.TargetCount>) answers.get(1);
        assertThat(byCount).extracting(PendingLinks.TargetCount::target)
                .containsExactly("name:acme", "name:globex_0", "name:globex_1", "c1@example.com");
    }

    @Test
    void salesPushesAndTheirSegmentsReadBackAlike() {
        List<Object> answers = onBoth(l -> {
            SalesLedgerHistory history = new SalesLedgerHistory(l.database().entityManagerFactory());
            history.recordSegments(1, Map.of("champions", 3, "at_risk", 1));
            history.recordSegments(2, Map.of("champions", 4L));
            history.recordSegments(1, Map.of("champions", 2, "lost", 2));
            history.recordPush(1, new PushResult(2, false, Map.of(), Map.of(), Map.of(), Map.of(), 0, null,
                    List.of(new PushResult.Delivery("C1", "hubspot", "champions", "updated"),
                            new PushResult.Delivery("C2", "brevo", null, "rejected"))), T0);
            history.recordPush(2, new PushResult(1, true, Map.of(), Map.of(), Map.of(), Map.of(), 0, null,
                    List.of(new PushResult.Delivery("C1", "hubspot", "champions", "skipped"))), T0.plusSeconds(60));
            history.recordPushFailure(2, 5, "the Brevo key was refused", T0.plusSeconds(120));
            return List.of(history.segmentHistory(5), history.pushCount(), history.pushes(0, 10),
                    history.pushes(1, 1), history.clientPushes("C1"));
        });

        assertThat(answers.get(0)).isEqualTo(Map.of(2L, Map.of("champions", 4L),
                1L, Map.of("champions", 2L, "lost", 2L)));
        assertThat(answers.get(1)).isEqualTo(3L);
        @SuppressWarnings("unchecked")
        List<SalesLedgerHistory.Push> pushes = (List<SalesLedgerHistory.Push>) answers.get(2);
        assertThat(pushes).extracting(SalesLedgerHistory.Push::pushedAt)
                .containsExactly(T0.plusSeconds(120), T0.plusSeconds(60), T0);
        assertThat(pushes.get(0).error()).isEqualTo("the Brevo key was refused");
        assertThat(pushes.get(2).error()).isNull();
    }

    @Test
    void uploadsAreFoundByNameContentAndTimeAlike() {
        List<Object> answers = onBoth(l -> {
            UploadRecords uploads = new UploadRecords(l.database().dataSource());
            Ledger ledger = ledger(l, 0);
            uploads.record("contacts.csv", "hash-c", "alice", T0, true);
            uploads.record("contacts.csv", "hash-c", "bob", T0.plusSeconds(30), false);
            long dry = ledger.openRun("contacts.csv", "hash-c", ObjectType.CONTACTS, true);
            ledger.openRun("contacts.csv", "hash-c", ObjectType.CONTACTS, false);
            return List.of(uploads.of("contacts.csv", "hash-c", T0.plusSeconds(10)),
                    uploads.of("contacts.csv", "hash-c", T0.plusSeconds(60)),
                    uploads.of("contacts.csv", "hash-other", T0.plusSeconds(60)),
                    uploads.latestDryRun("contacts.csv"), dry);
        });

        assertThat(answers.get(0)).hasToString("Optional[Uploaded[by=alice, at=" + T0 + "]]");
        assertThat(answers.get(1)).hasToString("Optional[Uploaded[by=bob, at=" + T0.plusSeconds(30) + "]]");
        assertThat(answers.get(3)).isEqualTo(java.util.Optional.of(answers.get(4)));
    }

    @Test
    void syncedContactsAreSearchedAndSortedAlikeWithEmptyValuesLowest() {
        List<Object> answers = onBoth(l -> {
            Transactions transactions = new Transactions(l.database().entityManagerFactory());
            // the store-contacts route's camel-jpa endpoint merges each row of the page by id, in one transaction
            ContactStore store = new ContactStore(l.database().entityManagerFactory(),
                    rows -> transactions.run(em -> {
                        rows.forEach(em::merge);
                        return null;
                    }));
            SegmentRules rules = new SegmentRules("group", 30, 90, Set.of("customer"));
            List<FetchedContact> page = List.of(
                    contact("1", "ada@example.com", "Ada", "Lovelace", "Engines Group", "customer"),
                    contact("2", null, "Charles", "Babbage", null, "lead"),
                    contact("3", "grace@example.com", null, "Hopper", "Navy_Group", "customer"),
                    contact("4", "alan@example.com", "Alan", null, "Bletchley", "lead"));
            store.upsert(page, Map.of(), rules, T0);
            List<Object> read = new ArrayList<>();
            for (ContactQuery.Sort sort : ContactQuery.Sort.values()) {
                for (boolean descending : new boolean[] {false, true}) {
                    read.add(ids(store.activeContactsMatching(new ContactQuery(null, null, sort, descending), 0, 10)
                            .contacts()));
                }
            }
            read.add(ids(store.activeContactsMatching(new ContactQuery("chainge", null, ContactQuery.Sort.ID, false),
                    0, 10).contacts()));
            read.add(ids(store.activeContactsMatching(new ContactQuery(null, "_group", ContactQuery.Sort.ID, false),
                    0, 10).contacts()));
            read.add(ids(store.activeContactsMatching(new ContactQuery(null, "ada lovelace", ContactQuery.Sort.ID,
                    false), 0, 10).contacts()));
            read.add(store.segmentSizes());
            read.add(store.archiveNotSyncedSince(T0.plusSeconds(1), T0.plusSeconds(2)));
            read.add(store.contact("2").orElseThrow().isArchived());
            return read;
        });

        int email = 2 * ContactQuery.Sort.EMAIL.ordinal();
        assertThat(answers.get(email)).as("by e-mail, the contact without one first")
                .isEqualTo(List.of("2", "1", "4", "3"));
        assertThat(answers.get(email + 1)).isEqualTo(List.of("3", "4", "1", "2"));
        int company = 2 * ContactQuery.Sort.COMPANY.ordinal();
        assertThat(answers.get(company)).isEqualTo(List.of("2", "4", "1", "3"));
        int base = 2 * ContactQuery.Sort.values().length;
        assertThat(answers.get(base)).as("chainge: a company with the word group").isEqualTo(List.of("1", "3"));
        assertThat(answers.get(base + 1)).as("'_' taken literally").isEqualTo(List.of("3"));
        assertThat(answers.get(base + 2)).isEqualTo(List.of("1"));
        assertThat(answers.get(base + 4)).as("all four stored before the cut-off").isEqualTo(4);
    }

    private static FetchedContact contact(String id, String email, String first, String last, String company,
                                          String stage) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("email", email);
        p.put("firstname", first);
        p.put("lastname", last);
        p.put("company", company);
        p.put("lifecyclestage", stage);
        Instant updated = T0.minusSeconds(86_400L * Integer.parseInt(id));
        return new FetchedContact(id, p, "{\"email\":\"" + email + "\"}", updated, updated, false);
    }

    private static List<String> ids(List<SyncedContact> contacts) {
        return contacts.stream().map(SyncedContact::getHubspotId).toList();
    }

    /**
     * Runs {@code work} on H2 and then on PostgreSQL, asserts that both answered the same, and returns the answer.
     */
    private <T> T onBoth(Function<Ledgers, T> work) {
        T onH2 = work.apply(both.get(0));
        T onPostgres = work.apply(both.get(1));
        assertThat(onPostgres).as("PostgreSQL's answer against H2's").isEqualTo(onH2);
        return onH2;
    }

    /** The ledger of {@code l} with its clock stopped {@code seconds} after {@link #T0}. */
    private static Ledger ledger(Ledgers l, long seconds) {
        return new Ledger(l.database().entityManagerFactory(), at(seconds));
    }

    private static Clock at(long seconds) {
        return Clock.fixed(T0.plusSeconds(seconds), ZoneOffset.UTC);
    }
}
