package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.SandboxRecord;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The promise that every line of a file ends somewhere (PRODUCT.md "Promises", I3, R2), through the
 * real application against the sandbox: a broken quote costs one line, a dead letter opens in the
 * source's dialect, and a dead letter dropped back changes only what the user changed.
 */
class NothingLostTest extends ImportFlowTestSupport {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @Override
    protected Properties extraProperties() {
        return unlimitedRate();
    }

    @Test
    void givenAnUnclosedQuoteOnTheFifthRowWhenImportedThenOnlyThatLineIsRejectedWithItsRawText() throws Exception {
        drop("contacts-quote.csv", ("Email,First Name,Last Name\n"
                + "a1@quote.io,Ann,One\na2@quote.io,Bea,Two\na3@quote.io,Cy,Three\na4@quote.io,Di,Four\n"
                + "a5@quote.io,\"Ed,Five\n"
                + "a6@quote.io,Fay,Six\na7@quote.io,Gus,Seven\n").getBytes(StandardCharsets.UTF_8));

        JsonNode report = awaitReport("contacts-quote.csv");

        assertThat(report.path("rowsRead").asLong()).isEqualTo(7);
        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(6);
        assertThat(report.path("outcomes").path("rejected").asLong()).isEqualTo(1);
        assertThat(report.path("errorsByCode").path("MALFORMED_ROW").asLong()).isEqualTo(1);
        assertThat(report.path("lines").path("read").asLong()).isEqualTo(8);
        assertThat(report.path("lines").path("inRows").asLong()).isEqualTo(7);
        assertThat(contact("a6@quote.io").property("firstname")).isEqualTo("Fay");
        assertThat(contact("a7@quote.io").property("firstname")).isEqualTo("Gus");
        CSVRecord dead = deadLetterRecords(deadLetter("contacts-quote.csv").orElseThrow()).get(1);
        assertThat(dead.toList()).startsWith("a5@quote.io", "\"Ed", "Five", "5", "6", "MALFORMED_ROW");
        assertThat(dead.get(7)).isEqualTo("a5@quote.io,\"Ed,Five");
    }

    @Test
    void givenAWindows1252SemicolonFileThenItsDeadLetterIsWindows1252AndSemicolons() throws Exception {
        drop("contacts-fr.csv", "Courriel;Prénom;Nom\r\nhélène@;Hélène;Durand\r\nluc@fr.io;Luc;Besançon\r\n"
                .getBytes(WINDOWS_1252));

        awaitReport("contacts-fr.csv");

        Path deadLetter = deadLetter("contacts-fr.csv").orElseThrow();
        String text = new String(Files.readAllBytes(deadLetter), WINDOWS_1252);
        assertThat(text).startsWith("Courriel;Prénom;Nom;row_number;line_number;error_code;error_message;")
                .contains("hélène@;Hélène;Durand;1;2;INVALID_EMAIL;");
        assertThat(new String(Files.readAllBytes(deadLetter), StandardCharsets.UTF_8)).doesNotContain("Prénom");
    }

    @Test
    void givenADeadLetterDroppedBackWhenOnlyOneRowIsFixedThenOnlyThatRowIsImportedAndTheDuplicateStaysRejected()
            throws Exception {
        drop("contacts.csv", ("Email,First Name,Last Name,Job Title,Phone\n"
                + "ann@acme.io,Ann,Lee,CEO,+14155550101\n"
                + "bob@,Bob,Ma,CTO,\n"
                + "ann@acme.io,Ann,Lee,Intern,+14155550199\n").getBytes(StandardCharsets.UTF_8));
        awaitReport("contacts.csv");
        byte[] deadLetter = Files.readAllBytes(deadLetter("contacts.csv").orElseThrow());

        // dropped back untouched: both rows keep their rejection
        drop("contacts.csv.rejected.csv", deadLetter);
        JsonNode untouched = awaitReport("contacts.csv.rejected.csv");

        assertThat(untouched.path("outcomes").path("rejected").asLong()).isEqualTo(2);
        assertThat(untouched.path("errorsByCode").path("UNCHANGED_SINCE_DEAD_LETTER").asLong()).isEqualTo(2);
        assertThat(untouched.path("unmappedColumns")).isEmpty();
        assertThat(contact("ann@acme.io").property("jobtitle")).isEqualTo("CEO");
        List<CSVRecord> again = deadLetterRecords(deadLetter("contacts.csv.rejected.csv").orElseThrow());
        assertThat(again.get(0).toList()).containsExactly("Email", "First Name", "Last Name", "Job Title", "Phone",
                "row_number", "line_number", "error_code", "error_message", "raw_line", "row_checksum");
        assertThat(again.get(2).get(8))
                .startsWith("unchanged since it was dead-lettered (DUPLICATE_IN_FILE: duplicate of row 1");

        // the user fixes Bob's e-mail and nothing else
        StringWriter fixed = new StringWriter();
        List<CSVRecord> rows;
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(new String(deadLetter, StandardCharsets.UTF_8)))) {
            rows = parser.getRecords();
        }
        try (CSVPrinter out = new CSVPrinter(fixed, CSVFormat.RFC4180)) {
            out.printRecord(rows.get(0).toList());
            List<String> bob = new ArrayList<>(rows.get(1).toList());
            bob.set(0, "bob@acme.io");
            out.printRecord(bob);
            out.printRecord(rows.get(2).toList());
        }
        drop("contacts-fixed.csv", fixed.toString().getBytes(StandardCharsets.UTF_8));
        JsonNode report = awaitReport("contacts-fixed.csv");

        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(1);
        assertThat(report.path("outcomes").path("rejected").asLong()).isEqualTo(1);
        assertThat(report.path("errorsByCode").path("UNCHANGED_SINCE_DEAD_LETTER").asLong()).isEqualTo(1);
        assertThat(contact("bob@acme.io").property("jobtitle")).isEqualTo("CTO");
        assertThat(contact("ann@acme.io").property("jobtitle")).isEqualTo("CEO");
        assertThat(contact("ann@acme.io").property("phone")).isEqualTo("+14155550101");
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(2);
    }

    private SandboxRecord contact(String email) {
        return sandbox().state().findByProperty(ObjectType.CONTACTS, "email", email)
                .orElseThrow(() -> new AssertionError("no contact " + email));
    }

}
