package io.crmbridge.flow;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * What the three real datasets (../shared/datasets, see its README) hold, read with commons-csv and
 * reduced with plain JDK code ({@link URI} for domains, lower-casing for e-mails), never with the
 * application's own classes, so that the numbers the import flow reports are checked against an
 * independent derivation. "First row wins" mirrors the stated duplicate rule (PRODUCT.md V5).
 *
 * @param ticketRows         data rows of customer_support_tickets.csv (multi-line descriptions count once)
 * @param ticketEmailById    Ticket ID -> lower-cased, trimmed Customer Email of the first row with that id
 *                           ("" when the row has none), in file order
 * @param customerRows       data rows of customers-10000.csv
 * @param companyByEmail     lower-cased, trimmed Email -> Company of the first row with that e-mail, in file order
 * @param organisationRows   data rows of organizations-1000.csv
 * @param organisationsWithoutHost rows whose Website has no host (they would not get a domain key)
 * @param nameByDomain       website domain (URI host, lower-case, minus a leading "www.") -> Name of the
 *                           first row with that domain, in file order
 * @param allOrganisationNames every organisation Name, {@linkplain #normaliseName normalised}
 */
record RealDatasetFacts(int ticketRows, Map<String, String> ticketEmailById, int customerRows,
                        Map<String, String> companyByEmail, int organisationRows, int organisationsWithoutHost,
                        Map<String, String> nameByDomain, Set<String> allOrganisationNames) {

    static final String TICKETS_CSV = "customer_support_tickets.csv";
    static final String CUSTOMERS_CSV = "customers-10000.csv";
    static final String ORGANISATIONS_CSV = "organizations-1000.csv";

    /**
     * Reads the three files from {@code datasets}.
     *
     * @throws IOException when a file cannot be read or is not valid CSV
     */
    static RealDatasetFacts read(Path datasets) throws IOException {
        List<CSVRecord> tickets = records(datasets.resolve(TICKETS_CSV));
        Map<String, String> ticketEmailById = new LinkedHashMap<>();
        for (CSVRecord r : tickets) {
            ticketEmailById.putIfAbsent(r.get("Ticket ID").trim(), lowerTrim(r.get("Customer Email")));
        }

        List<CSVRecord> customers = records(datasets.resolve(CUSTOMERS_CSV));
        Map<String, String> companyByEmail = new LinkedHashMap<>();
        for (CSVRecord r : customers) {
            companyByEmail.putIfAbsent(lowerTrim(r.get("Email")), r.get("Company"));
        }

        List<CSVRecord> organisations = records(datasets.resolve(ORGANISATIONS_CSV));
        Map<String, String> nameByDomain = new LinkedHashMap<>();
        Set<String> allNames = new HashSet<>();
        int withoutHost = 0;
        for (CSVRecord r : organisations) {
            allNames.add(normaliseName(r.get("Name")));
            String host = URI.create(r.get("Website").trim()).getHost();
            if (host == null) {
                withoutHost++;
                continue;
            }
            String domain = host.toLowerCase(Locale.ROOT);
            nameByDomain.putIfAbsent(domain.startsWith("www.") ? domain.substring(4) : domain, r.get("Name"));
        }
        return new RealDatasetFacts(tickets.size(), ticketEmailById, customers.size(), companyByEmail,
                organisations.size(), withoutHost, nameByDomain, allNames);
    }

    /** Distinct non-blank ticket e-mails: the contacts the tickets file upserts on the side. */
    Set<String> ticketEmails() {
        Set<String> emails = new HashSet<>(ticketEmailById.values());
        emails.remove("");
        return emails;
    }

    /** Ticket rows whose Ticket ID already appeared on an earlier row. */
    int repeatedTicketIds() {
        return ticketRows - ticketEmailById.size();
    }

    /** Ticket rows whose (non-blank) customer e-mail already appeared on an earlier row. */
    int ticketRowsRepeatingAnEmail() {
        return (int) ticketEmailById.values().stream().filter(e -> !e.isEmpty()).count() - ticketEmails().size();
    }

    /** Customer e-mails that are not ticket e-mails: new contacts when customers come after tickets. */
    Set<String> customerEmailsNotInTickets() {
        Set<String> emails = new HashSet<>(companyByEmail.keySet());
        emails.removeAll(ticketEmails());
        return emails;
    }

    /** Distinct contacts overall: customer e-mails plus ticket e-mails that are not customers. */
    int distinctContacts() {
        Set<String> all = new HashSet<>(companyByEmail.keySet());
        all.addAll(ticketEmails());
        return all.size();
    }

    /** Normalised names of the organisations that are imported: the first row of each domain. */
    Set<String> importedOrganisationNames() {
        Set<String> names = new HashSet<>();
        nameByDomain.values().forEach(n -> names.add(normaliseName(n)));
        return names;
    }

    /**
     * Customers (first row per e-mail) whose Company names an imported organisation: e-mail ->
     * normalised company name. These are the contacts that must end up linked to a company.
     */
    Map<String, String> customersOfImportedOrganisations() {
        Set<String> imported = importedOrganisationNames();
        Map<String, String> linked = new LinkedHashMap<>();
        companyByEmail.forEach((email, company) -> {
            if (imported.contains(normaliseName(company))) {
                linked.put(email, normaliseName(company));
            }
        });
        return linked;
    }

    /**
     * Customers whose Company names only organisation rows rejected as DUPLICATE_IN_FILE (same
     * website as an earlier row under another name): that name never reaches HubSpot.
     */
    Set<String> customersOfRejectedOrganisationsOnly() {
        Set<String> imported = importedOrganisationNames();
        Set<String> emails = new HashSet<>();
        companyByEmail.forEach((email, company) -> {
            String name = normaliseName(company);
            if (allOrganisationNames.contains(name) && !imported.contains(name)) {
                emails.add(email);
            }
        });
        return emails;
    }

    /** Case-insensitive, trimmed, runs of white space collapsed to one space. */
    static String normaliseName(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static String lowerTrim(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }

    private static List<CSVRecord> records(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }
}
