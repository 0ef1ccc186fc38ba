package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.intake.SpreadsheetFixtures;
import io.crmbridge.model.ObjectType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Files whose problem is the file's, not its rows': a workbook, a legacy .xls, an unknown delimiter, a header
 * without the columns its type needs. Each is refused once, with one message that blames that problem, in
 * outbox/dead-letter/&lt;file&gt;.error.txt; none gets a report or a rejected-rows file. A genuine one-column
 * file of e-mails, dropped with them, still imports.
 */
class FileProblemsTest extends ImportFlowTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Override
    protected Properties extraProperties() {
        return unlimitedRate();
    }

    @Test
    void refusesEachFileProblemOnceWithItsReasonAndStillImportsAOneColumnFile() throws Exception {
        drop("contacts-colon.csv", text("First Name:Last Name:Email",
                "Ada:Lovelace:ada@colon-export.io", "Alan:Turing:alan@colon-export.io"));
        drop("contacts.xlsx", SpreadsheetFixtures.minimalXlsx());
        drop("contacts-legacy.xls", SpreadsheetFixtures.legacyXlsHeader());
        drop("contacts-wrong-header.csv", text("Foo,Bar,Baz", "1,2,3", "4,5,6"));
        drop("clients-wrong-header.csv", text("Foo;Bar", "1;2"));
        drop("contacts-emails-only.csv", text("E-mail", "grace@one-column.io", "edsger@one-column.io"));

        JsonNode report = awaitReport("contacts-emails-only.csv", 1, TIMEOUT);
        assertThat(report.path("rowsRead").asLong()).isEqualTo(2);
        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(2);
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "grace@one-column.io")).isPresent();

        assertRefusedOnce("contacts-colon.csv", "delimiter not recognised: the lines seem to be separated by ':';"
                + " crm-bridge reads , ; tab or |: save the file with one of those");
        assertRefusedOnce("contacts.xlsx", "this is an Excel workbook (.xlsx), not a CSV file: open it in Excel or"
                + " LibreOffice and save it as CSV (UTF-8)");
        assertRefusedOnce("contacts-legacy.xls", "this is an Excel 97-2003 workbook (.xls) or another Office 97-2003"
                + " file, not a CSV file: open it in Excel or LibreOffice and save it as CSV (UTF-8)");
        assertRefusedOnce("contacts-wrong-header.csv", "the header has no column for the contacts' required fields:"
                + " found [Foo, Bar, Baz]; needed a column for email (Email, E-mail, Email Address, Courriel ...),"
                + " or columns for firstname (First Name, Firstname, Given Name, Prénom) and lastname (Last Name,"
                + " Lastname, Surname, Family Name ...), or a column for fullname (Name, Full Name, Nom complet,"
                + " Contact Name)");
        assertRefusedOnce("clients-wrong-header.csv", "the file name says a sales-ledger clients export, but the"
                + " header has no column for its required fields: found [Foo, Bar]; needed [client_code, nom],"
                + " missing [client_code, nom]");
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "ada@colon-export.io")).isEmpty();
    }

    private static byte[] text(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** One message for the whole file, a copy of it beside, and neither a report nor a rejected-rows file. */
    private void assertRefusedOnce(String name, String message) throws IOException {
        Path deadLetters = outbox().resolve("dead-letter");
        Path error = deadLetters.resolve(name + ".error.txt");
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> Files.exists(error));
        assertThat(Files.readAllLines(error, StandardCharsets.UTF_8)).as(name).containsExactly(message);
        assertThat(deadLetters.resolve(name)).as("copy of %s", name).exists();
        assertThat(deadLetter(name)).as("rejected rows of %s", name).isEmpty();
        assertThat(reports(name)).as("reports of %s", name).isEqualTo(List.of());
    }
}
