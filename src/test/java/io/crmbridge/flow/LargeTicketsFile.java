package io.crmbridge.flow;

import io.crmbridge.Datasets;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A large tickets export made from the real datasets: row {@code i} (0-based) takes the ticket
 * {@code i mod 8,469} of {@code customer_support_tickets.csv} (multi-line descriptions included), the
 * ticket id {@code i + 1}, and the name and e-mail of customer {@code i mod 10,000} of
 * {@code customers-10000.csv}, so that every ticket links to a contact (tickets -> contacts, type 16) and each
 * contact has several tickets. Every {@value #REJECT_EVERY}-th row has no subject and is rejected, so that
 * dead letters take part too.
 */
final class LargeTicketsFile {

    /** Rows without a subject: rows {@code REJECT_EVERY, 2 * REJECT_EVERY ...} (1-based). */
    static final int REJECT_EVERY = 1_000;
    private static final List<String> HEADER = List.of("Ticket ID", "Customer Name", "Customer Email",
            "Product Purchased", "Date of Purchase", "Ticket Type", "Ticket Subject", "Ticket Description",
            "Ticket Status", "Ticket Priority", "Ticket Channel");

    private LargeTicketsFile() {
    }

    /** Writes {@code rows} data rows to {@code target}. */
    static void write(Path target, int rows) throws IOException {
        List<CSVRecord> tickets = Datasets.read(Datasets.TICKETS);
        List<CSVRecord> customers = Datasets.read(Datasets.CUSTOMERS);
        try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER.toArray(String[]::new)).get())) {
            for (int i = 0; i < rows; i++) {
                CSVRecord t = tickets.get(i % tickets.size());
                CSVRecord c = customers.get(i % customers.size());
                boolean reject = (i + 1) % REJECT_EVERY == 0;
                csv.printRecord(i + 1, c.get("First Name") + " " + c.get("Last Name"), c.get("Email"),
                        t.get("Product Purchased"), t.get("Date of Purchase"), t.get("Ticket Type"),
                        reject ? "" : t.get("Ticket Subject"), t.get("Ticket Description"), t.get("Ticket Status"),
                        t.get("Ticket Priority"), t.get("Ticket Channel"));
            }
        }
    }

    /** How many of {@code rows} rows have no subject. */
    static int rejectedRows(int rows) {
        return rows / REJECT_EVERY;
    }
}
