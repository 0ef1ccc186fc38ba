package io.crmbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpreadsheetDetectorTest {

    private final SpreadsheetDetector detector = new SpreadsheetDetector();

    @TempDir
    Path dir;

    private Optional<String> reason(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return detector.reason(file);
    }

    @Test
    void recognisesAnExcelWorkbookByItsEntriesWhateverItsName() throws IOException {
        assertThat(reason("contacts.csv", SpreadsheetFixtures.minimalXlsx())).hasValue("this is an Excel workbook"
                + " (.xlsx), not a CSV file: open it in Excel or LibreOffice and save it as CSV (UTF-8)");
    }

    @Test
    void recognisesAnOpenDocumentSpreadsheetByItsMimetypeEntry() throws IOException {
        byte[] ods = SpreadsheetFixtures.zip("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                "content.xml", "<office:document-content/>");

        assertThat(reason("contacts.ods", ods)).hasValueSatisfying(r -> assertThat(r)
                .startsWith("this is an OpenDocument spreadsheet (.ods), not a CSV file")
                .endsWith("save it as CSV (UTF-8)"));
    }

    @Test
    void leavesAnotherZipArchiveToTheBinaryContentCheck() throws IOException {
        byte[] text = SpreadsheetFixtures.zip("mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<doc/>");
        byte[] archive = SpreadsheetFixtures.zip("contacts.csv", "Email\nada@engines.co.uk\n");

        assertThat(reason("letter.odt", text)).isEmpty();
        assertThat(reason("contacts.zip", archive)).isEmpty();
    }

    @Test
    void leavesADamagedZipToTheBinaryContentCheck() throws IOException {
        byte[] xlsx = SpreadsheetFixtures.minimalXlsx();
        byte[] cut = java.util.Arrays.copyOf(xlsx, xlsx.length / 2);

        assertThat(reason("contacts.xlsx", cut)).isEmpty();
    }

    @Test
    void recognisesALegacyOfficeFileByItsCompoundFileSignature() throws IOException {
        byte[] xls = SpreadsheetFixtures.legacyXlsHeader();

        assertThat(reason("contacts.xls", xls)).hasValueSatisfying(r -> assertThat(r)
                .startsWith("this is an Excel 97-2003 workbook (.xls)").contains("save it as CSV (UTF-8)"));
    }

    @Test
    void recognisesAPdfDocument() throws IOException {
        byte[] pdf = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(reason("contacts.csv", pdf)).hasValueSatisfying(r -> assertThat(r).startsWith("this is a PDF document"));
    }

    @Test
    void acceptsACsvFileEvenWhenItIsNamedLikeAWorkbook() throws IOException {
        byte[] csv = "Email,First Name\nada@engines.co.uk,Ada\n".getBytes(StandardCharsets.UTF_8);

        assertThat(reason("contacts.xlsx", csv)).isEmpty();
        assertThat(reason("PK.csv", "PK,Name\n1,Ada\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(reason("empty.csv", new byte[0])).isEmpty();
    }
}
