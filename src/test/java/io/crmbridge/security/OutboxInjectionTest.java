package io.crmbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.model.ObjectType;
import io.crmbridge.report.OutboxNames;
import io.crmbridge.sandbox.SandboxRecord;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Outbox files opened by people: a dead-letter CSV never runs a spreadsheet
 * formula yet gives the original values back when dropped into the inbox again, and the HTML
 * report shows every value that came from an input file (file name, column names, a website and
 * a company name quoted in error messages) as text.
 */
class OutboxInjectionTest extends ImportFlowTestSupport {

    private static final Path CORPUS = Path.of("src", "test", "resources", "hostile");
    private static final String FORMULA_TRIGGERS = "=+-@\t\r";

    @Override
    protected Properties extraProperties() {
        return unlimitedRate();
    }

    @Test
    void deadLetterCellsCannotRunAsFormulasAndAFixedDeadLetterReimportsTheOriginalValues() throws Exception {
        drop(CORPUS.resolve("contacts-formulas.csv"), "contacts-formulas.csv");
        awaitReport("contacts-formulas.csv");
        Path deadLetter = deadLetter("contacts-formulas.csv").orElseThrow();
        List<CSVRecord> rejected = read(deadLetter);

        assertThat(rejected).hasSize(4);
        for (CSVRecord row : rejected) {
            assertThat(row.toList()).as("row %s", row.getRecordNumber())
                    .noneMatch(cell -> !cell.isEmpty() && FORMULA_TRIGGERS.indexOf(cell.charAt(0)) >= 0);
        }
        assertThat(rejected.get(1).toList()).startsWith("Bad", "Formula", "'=cmd|' /C calc'!A0", "'=evil()", "'\tTabbed");

        // the user fixes only the e-mails in a spreadsheet and drops the file back
        StringWriter fixed = new StringWriter();
        try (CSVPrinter out = new CSVPrinter(fixed, CSVFormat.RFC4180)) {
            out.printRecord(rejected.get(0).toList());
            for (int i = 1; i < rejected.size(); i++) {
                List<String> cells = new ArrayList<>(rejected.get(i).toList());
                cells.set(2, "fixed" + i + "@formulas.io");
                out.printRecord(cells);
            }
        }
        drop("contacts-formulas.csv.rejected.csv", fixed.toString().getBytes(StandardCharsets.UTF_8));
        JsonNode again = awaitReport("contacts-formulas.csv.rejected.csv");

        assertThat(again.path("outcomes").path("created").asLong()).isEqualTo(3);
        assertThat(contact("fixed1@formulas.io").property("company")).isEqualTo("=evil()");
        assertThat(contact("fixed2@formulas.io").property("company")).isEqualTo("+Plus");
        assertThat(contact("fixed3@formulas.io").property("company")).isEqualTo("@At Corp");
        assertThat(contact("fixed3@formulas.io").property("jobtitle")).isEqualTo("-Minus");
    }

    @Test
    void htmlReportShowsScriptsFromFileNamesColumnsAndValuesAsText() throws Exception {
        String name = "companies-<img src=x onerror=alert(1)>.csv";
        drop(CORPUS.resolve("companies-html-script.csv"), name);
        JsonNode report = awaitReport(OutboxNames.of(name));
        String html = Files.readString(htmlBeside(reports(OutboxNames.of(name)).get(0)), StandardCharsets.UTF_8);

        assertThat(report.path("file").asText()).isEqualTo(name);
        assertThat(report.path("unmappedColumns").get(0).asText()).isEqualTo("<script>alert('column')</script>");
        assertThat(report.path("errorsByCode").path("INVALID_DOMAIN").asLong()).isEqualTo(1);
        assertThat(report.path("errorsByCode").path("DUPLICATE_IN_FILE").asLong()).isEqualTo(1);
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<script", "<img", "</script");
        assertThat(html).contains("&lt;img src")                       // the file name
                .contains("&lt;script&gt;alert(")                       // the column name, a website, a company name
                .contains("has no usable domain");
        assertThat(lower).as("the duplicate's key, lower-cased").contains("&lt;/script&gt; gmbh");
        assertThat(html.split("&lt;script&gt;alert\\(", -1)).as("column name and two error examples").hasSize(4);
    }

    private SandboxRecord contact(String email) {
        return sandbox().state().findByProperty(ObjectType.CONTACTS, "email", email)
                .orElseThrow(() -> new AssertionError("no contact " + email));
    }

    private static List<CSVRecord> read(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.parse(in)) {
            return parser.getRecords();
        }
    }
}
