package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.config.Settings;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.SandboxRecord;
import io.crmbridge.sandbox.SandboxState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;

/**
 * End to end: the three real datasets (../shared/datasets) go through the real routes
 * into the sandbox, tickets first, then customers, then organisations, so that every link has to
 * wait for its target (E3: order does not matter). Every expected number is derived from the CSV
 * files by {@link RealDatasetFacts}, not copied from a report.
 *
 * <p>File names carry the object type on purpose ({@code tickets-}, {@code contacts-},
 * {@code companies-} prefixes, I2): the name wins over header detection, so the test does not
 * depend on how the header scores. {@code organizations-1000.csv} under its own name would be told
 * by its header only, and {@code customers-10000.csv} has a Company and a Website column that
 * companies' aliases also match.
 *
 * <p>One scenario in one method: each CamelTestSupport test method gets a fresh context, sandbox
 * and ledger, and the re-run steps need the state the first run left.
 */
class RealDatasetsImportTest extends ImportFlowTestSupport {

    private static final String TICKETS = "tickets-support.csv";
    private static final String CUSTOMERS = "contacts-customers-10000.csv";
    private static final String ORGANISATIONS = "companies-organizations-1000.csv";
    private static final String TICKETS_AGAIN = "tickets-support-again.csv";
    private static final String CUSTOMERS_AGAIN = "contacts-customers-10000-again.csv";
    private static final String ORGANISATIONS_AGAIN = "companies-organizations-1000-again.csv";
    private static final Duration FILE_TIMEOUT = Duration.ofSeconds(120);

    @Override
    protected Properties extraProperties() {
        return unlimitedRate();
    }

    @Test
    void importsTicketsCustomersAndOrganisationsInReverseOrderLinkedAndReImportsWithoutDuplicates() throws Exception {
        long started = System.nanoTime();
        RealDatasetFacts facts = RealDatasetFacts.read(DATASETS);
        // the derivation agrees with the datasets' README: 918 distinct domains, 149 ticket rows
        // repeating a customer's email; every organisation website has a host
        assertThat(facts.nameByDomain()).hasSize(918);
        assertThat(facts.ticketRowsRepeatingAnEmail()).isEqualTo(149);
        assertThat(facts.organisationsWithoutHost()).isZero();

        int ticketsWithEmail = (int) facts.ticketEmailById().values().stream().filter(e -> !e.isEmpty()).count();

        // --- tickets first: no contact and no company exists yet
        JsonNode tickets = importFile(DATASETS.resolve(RealDatasetFacts.TICKETS_CSV), TICKETS);
        // every row read once (8,469 rows, multi-line descriptions count once)
        assertThat(tickets.path("rowsRead").asLong()).isEqualTo(facts.ticketRows());
        // one ticket created per distinct Ticket ID (8,469), a repeated id would be DUPLICATE_IN_FILE (0)
        assertOutcomes(tickets, facts.ticketEmailById().size(), 0, 0, facts.repeatedTicketIds(), 0);
        // one contact per distinct ticket e-mail (8,469 rows - 149 repeats = 8,320), upserted on the side
        assertOutcomes(tickets.path("secondary").path("contacts"), facts.ticketEmails().size(), 0, 0, 0, 0);
        // ticket -> contact made at once (the contact lands first); ticket -> company through the
        // contact waits: no contact has a company yet
        assertThat(tickets.path("associations").path("created").asLong()).isEqualTo(ticketsWithEmail);
        assertThat(tickets.path("associations").path("pending").asLong()).isEqualTo(ticketsWithEmail);

        // --- customers: contacts whose companies are not there yet
        JsonNode customers = importFile(DATASETS.resolve(RealDatasetFacts.CUSTOMERS_CSV), CUSTOMERS);
        assertThat(customers.path("rowsRead").asLong()).isEqualTo(facts.customerRows());
        // 10,000 rows, 10,000 distinct lower-cased e-mails, none among the (example-domain) ticket
        // e-mails: all created; a customer already made by the tickets file would be updated
        int customerDistinct = facts.companyByEmail().size();
        int customersNew = facts.customerEmailsNotInTickets().size();
        assertOutcomes(customers, customersNew, customerDistinct - customersNew, 0,
                facts.customerRows() - customerDistinct, 0);
        // each customer names a company: its link waits for the organisations file
        assertThat(facts.companyByEmail().values()).allMatch(c -> !c.isBlank());
        assertThat(customers.path("associations").path("created").asLong()).isZero();
        long pendingBeforeOrganisations = ticketsWithEmail + customerDistinct;
        assertThat(customers.path("associations").path("pending").asLong()).isEqualTo(pendingBeforeOrganisations);

        // --- organisations last: the waiting contact -> company links are made now
        JsonNode organisations = importFile(DATASETS.resolve(RealDatasetFacts.ORGANISATIONS_CSV), ORGANISATIONS);
        assertThat(organisations.path("rowsRead").asLong()).isEqualTo(facts.organisationRows());
        // 1,000 rows, 918 distinct website domains -> 918 created, 82 rows sharing an earlier row's
        // domain rejected DUPLICATE_IN_FILE (first row wins)
        int domains = facts.nameByDomain().size();
        int duplicateDomains = facts.organisationRows() - domains;
        assertOutcomes(organisations, domains, 0, 0, duplicateDomains, 0);
        assertThat(organisations.path("errorsByCode").path("DUPLICATE_IN_FILE").asLong()).isEqualTo(duplicateDomains);
        // contacts whose Company is the Name of an imported organisation (first row of its domain)
        Map<String, String> linkedCustomers = facts.customersOfImportedOrganisations();
        // a ticket's contact with a company would now get ticket -> company too
        long ticketsOfLinkedContacts = facts.ticketEmailById().values().stream()
                .filter(linkedCustomers::containsKey).count();
        assertThat(organisations.path("associations").path("created").asLong())
                .isEqualTo(linkedCustomers.size() + ticketsOfLinkedContacts);
        long pendingAfterAll = pendingBeforeOrganisations - linkedCustomers.size() - ticketsOfLinkedContacts;
        assertThat(organisations.path("associations").path("pending").asLong()).isEqualTo(pendingAfterAll);

        // --- the sandbox holds exactly these records and links
        SandboxState state = sandbox().state();
        int contacts = facts.distinctContacts();
        assertThat(state.count(ObjectType.CONTACTS)).isEqualTo(contacts);
        assertThat(state.count(ObjectType.COMPANIES)).isEqualTo(domains);
        assertThat(state.count(ObjectType.TICKETS)).isEqualTo(facts.ticketRows());
        assertThat(facts.companyByEmail().keySet())
                .allMatch(email -> state.findByProperty(ObjectType.CONTACTS, "email", email).isPresent());
        assertTicketsLinkedToTheirContacts(state, facts);
        assertThat(state.associationCount(ObjectType.TICKETS, ObjectType.CONTACTS)).isEqualTo(ticketsWithEmail);
        assertContactsLinkedToTheirCompanies(state, linkedCustomers);
        assertThat(state.associationCount(ObjectType.CONTACTS, ObjectType.COMPANIES)).isEqualTo(linkedCustomers.size());
        assertThat(state.associationCount(ObjectType.TICKETS, ObjectType.COMPANIES)).isEqualTo(ticketsOfLinkedContacts);
        // a Company naming only an organisation row rejected as a duplicate domain finds no company
        assertThat(facts.customersOfRejectedOrganisationsOnly()).allMatch(email -> state.associatedIds(
                ObjectType.CONTACTS, contactId(state, email), ObjectType.COMPANIES).isEmpty());
        System.out.printf("Derived: %d tickets, %d ticket contacts, %d customers, %d contacts in all, %d companies"
                        + " (%d duplicate domains), %d contact->company links, %d customers naming only a"
                        + " rejected organisation, %d links still pending%n", facts.ticketRows(),
                facts.ticketEmails().size(), customerDistinct, contacts, domains, duplicateDomains,
                linkedCustomers.size(), facts.customersOfRejectedOrganisationsOnly().size(), pendingAfterAll);

        Counts afterFirstRun = Counts.of(state);

        // --- (a) the same three files again: same content, skipped without a report or a request
        drop(DATASETS.resolve(RealDatasetFacts.TICKETS_CSV), TICKETS);
        drop(DATASETS.resolve(RealDatasetFacts.CUSTOMERS_CSV), CUSTOMERS);
        drop(DATASETS.resolve(RealDatasetFacts.ORGANISATIONS_CSV), ORGANISATIONS);
        awaitInboxEmpty(FILE_TIMEOUT);
        assertThat(reports(TICKETS)).hasSize(1);
        assertThat(reports(CUSTOMERS)).hasSize(1);
        assertThat(reports(ORGANISATIONS)).hasSize(1);
        assertThat(Counts.of(state)).isEqualTo(afterFirstRun);

        // --- (b) ledger lost, files imported again under new names: no duplicate, no write
        emptyLedger();
        JsonNode ticketsAgain = importFile(DATASETS.resolve(RealDatasetFacts.TICKETS_CSV), TICKETS_AGAIN);
        // the portal is read before each batch: it holds every record as the files have it, so nothing is written
        assertOutcomes(ticketsAgain, 0, 0, facts.ticketEmailById().size(), facts.repeatedTicketIds(), 0);
        // a ticket's contact the portal holds is left as it is, whatever the ledger knows
        assertOutcomes(ticketsAgain.path("secondary").path("contacts"), 0, 0, facts.ticketEmails().size(), 0, 0);
        JsonNode customersAgain = importFile(DATASETS.resolve(RealDatasetFacts.CUSTOMERS_CSV), CUSTOMERS_AGAIN);
        assertOutcomes(customersAgain, 0, 0, customerDistinct, facts.customerRows() - customerDistinct, 0);
        JsonNode organisationsAgain = importFile(DATASETS.resolve(RealDatasetFacts.ORGANISATIONS_CSV),
                ORGANISATIONS_AGAIN);
        assertOutcomes(organisationsAgain, 0, 0, domains, duplicateDomains, 0);
        assertThat(organisationsAgain.path("associations").path("pending").asLong()).isEqualTo(pendingAfterAll);
        Counts afterSecondRun = Counts.of(state);
        assertThat(afterSecondRun.records()).isEqualTo(afterFirstRun.records());
        assertThat(afterSecondRun.associations()).isEqualTo(afterFirstRun.associations());

        System.out.printf("RealDatasetsImportTest scenario wall time: %d ms%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** Drops {@code source} as {@code name}, waits for its first report and prints its wall time. */
    private JsonNode importFile(Path source, String name) throws Exception {
        drop(source, name);
        JsonNode report = awaitReport(name, 1, FILE_TIMEOUT);
        System.out.printf("%s: %d rows in %d ms (%d requests) outcomes %s secondary %s associations %s%n", name,
                report.path("rowsRead").asLong(), report.path("durationMs").asLong(),
                report.path("requests").asLong(), report.path("outcomes"), report.path("secondary"),
                report.path("associations"));
        return report;
    }

    private static void assertOutcomes(JsonNode outcomes, long created, long updated, long unchanged, long rejected,
                                       long failed) {
        JsonNode o = outcomes.has("outcomes") ? outcomes.path("outcomes") : outcomes;
        Map<String, Long> actual = Map.of("created", o.path("created").asLong(-1), "updated",
                o.path("updated").asLong(-1), "unchanged", o.path("unchanged").asLong(-1), "rejected",
                o.path("rejected").asLong(-1), "failed", o.path("failed").asLong(-1));
        assertThat(actual).as("outcomes %s", o).isEqualTo(Map.of("created", created, "updated", updated,
                "unchanged", unchanged, "rejected", rejected, "failed", failed));
    }

    private static void assertTicketsLinkedToTheirContacts(SandboxState state, RealDatasetFacts facts) {
        Map<String, String> ticketIdByKey = new HashMap<>();
        for (SandboxRecord r : state.records(ObjectType.TICKETS)) {
            ticketIdByKey.put(r.property("crm_bridge_key"), r.id());
        }
        List<String> unlinked = new ArrayList<>();
        facts.ticketEmailById().forEach((ticket, email) -> {
            String ticketId = ticketIdByKey.get(ticket);
            if (email.isEmpty()) {
                return;
            }
            Optional<SandboxRecord> contact = state.findByProperty(ObjectType.CONTACTS, "email", email);
            if (ticketId == null || contact.isEmpty()
                    || !state.associatedIds(ObjectType.TICKETS, ticketId, ObjectType.CONTACTS)
                            .equals(Set.of(contact.get().id()))) {
                unlinked.add(ticket + " -> " + email);
            }
        });
        assertThat(unlinked).as("tickets not linked to exactly their contact").isEmpty();
    }

    private static void assertContactsLinkedToTheirCompanies(SandboxState state, Map<String, String> companyByEmail) {
        List<String> unlinked = new ArrayList<>();
        companyByEmail.forEach((email, company) -> {
            Set<String> companies = state.associatedIds(ObjectType.CONTACTS, contactId(state, email),
                    ObjectType.COMPANIES);
            boolean named = companies.size() == 1 && state.records(ObjectType.COMPANIES).stream()
                    .filter(c -> companies.contains(c.id()))
                    .anyMatch(c -> RealDatasetFacts.normaliseName(c.property("name")).equals(company));
            if (!named) {
                unlinked.add(email + " -> " + company + " " + companies);
            }
        });
        assertThat(unlinked).as("contacts not linked to exactly one company of their company's name").isEmpty();
    }

    private static String contactId(SandboxState state, String email) {
        return state.findByProperty(ObjectType.CONTACTS, "email", email).orElseThrow().id();
    }

    /**
     * Forgets everything the ledger knows, as a lost or deleted database would: the next import
     * must rely on HubSpot's upserts alone (DESIGN.md "Correctness by construction").
     */
    private void emptyLedger() throws Exception {
        PropertiesComponent p = context.getPropertiesComponent();
        try (Connection c = DriverManager.getConnection(Settings.DB_URL.read(p), Settings.DB_USER.read(p),
                Settings.DB_PASSWORD.read(p)); Statement s = c.createStatement()) {
            for (String table : List.of("record_key", "import_run", "pending_link", "association_link")) {
                s.executeUpdate("delete from " + table);
            }
        }
    }

    /** Record and association counts of the sandbox, and how many requests it received. */
    private record Counts(List<Integer> records, List<Integer> associations, int requests) {
        static Counts of(SandboxState state) {
            return new Counts(
                    List.of(state.count(ObjectType.CONTACTS), state.count(ObjectType.COMPANIES),
                            state.count(ObjectType.TICKETS)),
                    List.of(state.associationCount(ObjectType.TICKETS, ObjectType.CONTACTS),
                            state.associationCount(ObjectType.CONTACTS, ObjectType.COMPANIES),
                            state.associationCount(ObjectType.TICKETS, ObjectType.COMPANIES)),
                    state.requests().size());
        }
    }
}
