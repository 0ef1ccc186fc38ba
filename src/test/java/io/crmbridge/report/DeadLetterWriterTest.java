package io.crmbridge.report;

import io.crmbridge.model.DeadLetterEntry;
import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.SourceRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterWriterTest {

    private static final List<String> HEADER = List.of("Email", "First Name", "Notes");

    @TempDir
    Path dir;

    private List<CSVRecord> readBack(Path file) throws IOException {
        try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }

    @Test
    void writesSourceHeaderPlusRowAndLineNumberCodeMessageRawLineAndChecksum() throws Exception {
        Path deadLetter = dir.resolve("dead-letter");
        try (DeadLetterWriter w = new DeadLetterWriter(deadLetter, "contacts.csv", HEADER, DeadLetterDialect.UTF8_COMMA)) {
            w.append(new SourceRow(7, List.of("bob@", "Bob", "n"), null, 9, null, -1, null),
                    ErrorCode.INVALID_EMAIL.issue("bob@", "no domain"));
        }

        List<CSVRecord> records = readBack(deadLetter.resolve("contacts.csv.rejected.csv"));
        assertThat(records.get(0).toList()).containsExactly("Email", "First Name", "Notes", "row_number",
                "line_number", "error_code", "error_message", "raw_line", "row_checksum");
        assertThat(records.get(1).toList()).containsExactly("bob@", "Bob", "n", "7", "9", "INVALID_EMAIL",
                "invalid email address 'bob@': no domain", "", DeadLetterColumns.checksum(List.of("bob@", "Bob", "n")));
    }

    @Test
    void roundTripsAValueWithCommaQuoteAndLineBreak() throws Exception {
        String tricky = "Smith, \"Jr\"\nsecond line";
        try (DeadLetterWriter w = new DeadLetterWriter(dir, "contacts.csv", HEADER, DeadLetterDialect.UTF8_COMMA)) {
            w.append(new SourceRow(3, List.of("a@b.c", tricky, "x"), null), ErrorCode.MALFORMED_ROW.issue("bad, \"quoted\"\nmsg"));
        }

        List<CSVRecord> records = readBack(dir.resolve("contacts.csv.rejected.csv"));
        assertThat(records).hasSize(2);
        assertThat(records.get(1).get(1)).isEqualTo(tricky);
        assertThat(records.get(1).get(6))
                .isEqualTo("malformed CSV row: bad, \"quoted\"\nmsg");
    }

    @Test
    void padsShortRowsToTheHeader() throws Exception {
        try (DeadLetterWriter w = new DeadLetterWriter(dir, "contacts.csv", HEADER, DeadLetterDialect.UTF8_COMMA)) {
            w.append(new SourceRow(4, List.of("only-one"), "1 field, 3 expected"), ErrorCode.MALFORMED_ROW.issue("1 field, 3 expected"));
        }

        CSVRecord row = readBack(dir.resolve("contacts.csv.rejected.csv")).get(1);
        assertThat(row.toList()).startsWith("only-one", "", "", "4", "", "MALFORMED_ROW",
                "malformed CSV row: 1 field, 3 expected", "", DeadLetterColumns.checksum(List.of("only-one", "", "")));
    }

    @Test
    void keepsEveryCellOfALongRow() throws Exception {
        try (DeadLetterWriter w = new DeadLetterWriter(dir, "contacts.csv", HEADER, DeadLetterDialect.UTF8_COMMA)) {
            w.append(new SourceRow(5, List.of("a", "b", "c", "extra"), "4 fields, 3 expected"), ErrorCode.MALFORMED_ROW.issue("4 fields"));
        }

        CSVRecord row = readBack(dir.resolve("contacts.csv.rejected.csv")).get(1);
        assertThat(row.toList()).startsWith("a", "b", "c", "extra", "5", "", "MALFORMED_ROW", "malformed CSV row: 4 fields");
        assertThat(row.toList()).hasSize(4 + DeadLetterWriter.EXTRA_COLUMNS.size());
    }

    @Test
    void createsNoFileWhenNothingIsRejected() throws Exception {
        DeadLetterWriter w = new DeadLetterWriter(dir.resolve("dead-letter"), "contacts.csv", HEADER, DeadLetterDialect.UTF8_COMMA);
        w.close();

        assertThat(w.file()).isEmpty();
        assertThat(w.count()).isZero();
        assertThat(dir.resolve("dead-letter")).doesNotExist();
    }

    @Test
    void reportsTheFileAndHowManyRowsItHolds() throws Exception {
        try (DeadLetterWriter w = new DeadLetterWriter(dir, "contacts.csv", HEADER, DeadLetterDialect.UTF8_COMMA)) {
            w.append(new SourceRow(1, List.of("a", "b", "c"), null), ErrorCode.MISSING_REQUIRED.issue("email"));
            w.append(new SourceRow(2, List.of("d", "e", "f"), null), ErrorCode.MISSING_REQUIRED.issue("email"));

            assertThat(w.file()).contains(dir.resolve("contacts.csv.rejected.csv"));
            assertThat(w.count()).isEqualTo(2);
        }
    }

    @Test
    void neutralisesFormulaCellsSoThatSpreadsheetsShowThemAsText() throws Exception {
        List<String> header = List.of("=Email", "Company", "Title");
        try (DeadLetterWriter w = new DeadLetterWriter(dir, "contacts.csv", header, DeadLetterDialect.UTF8_COMMA)) {
            w.append(new SourceRow(5, List.of("=cmd|' /C calc'!A0", "+Plus", "\tTabbed"), null),
                    ErrorCode.INVALID_EMAIL.issue("=cmd|' /C calc'!A0", "missing @"));
            w.append(new SourceRow(6, List.of("@SUM(A1)", "-2+3", "\rReturn"), null),
                    ErrorCode.INVALID_EMAIL.issue("@SUM(A1)", "begins with at symbol"));
        }

        List<CSVRecord> records = readBack(dir.resolve("contacts.csv.rejected.csv"));
        assertThat(records.get(0).toList()).startsWith("'=Email", "Company", "Title");
        assertThat(records.get(1).toList()).startsWith("'=cmd|' /C calc'!A0", "'+Plus", "'\tTabbed", "5");
        assertThat(records.get(2).toList()).startsWith("'@SUM(A1)", "'-2+3", "'\rReturn", "6");
        assertThat(records).allSatisfy(r -> assertThat(r.toList())
                .noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0));
    }

    @Test
    void writesTheSourcesDelimiterAndCharsetSoThatASpreadsheetOpensItAsItOpenedTheSource() throws Exception {
        DeadLetterDialect french = new DeadLetterDialect(';', Charset.forName("windows-1252"), false);
        try (DeadLetterWriter w = new DeadLetterWriter(dir, "contacts.csv", List.of("Prénom", "Société"), french)) {
            w.append(new SourceRow(2, List.of("Hélène", "Café; Crème"), null), ErrorCode.MISSING_REQUIRED.issue("email → ✓"));
        }

        byte[] bytes = Files.readAllBytes(dir.resolve("contacts.csv.rejected.csv"));
        String text = new String(bytes, Charset.forName("windows-1252"));
        assertThat(bytes[0]).isEqualTo((byte) 'P');
        assertThat(text).startsWith("Prénom;Société;row_number;line_number;error_code;error_message;raw_line;row_checksum\r\n")
                .contains("Hélène;\"Café; Crème\";2;;MISSING_REQUIRED;missing required field: email ? ?;;");
    }

    @Test
    void writesAByteOrderMarkWhenTheSourceHadOne() throws Exception {
        DeadLetterDialect excelUtf8 = new DeadLetterDialect(',', StandardCharsets.UTF_8, true);
        try (DeadLetterWriter w = new DeadLetterWriter(dir, "contacts.csv", HEADER, excelUtf8)) {
            w.append(new SourceRow(1, List.of("a", "b", "c"), null), ErrorCode.MISSING_REQUIRED.issue("email"));
        }

        byte[] bytes = Files.readAllBytes(dir.resolve("contacts.csv.rejected.csv"));
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF, 'E');
    }

    @Test
    void keepsTheRawTextOfALineThatCouldNotBeSplitCutBelowASpreadsheetCellsLimit() throws Exception {
        String huge = "x,\"" + "y".repeat(40_000);
        try (DeadLetterWriter w = new DeadLetterWriter(dir, "contacts.csv", HEADER, DeadLetterDialect.UTF8_COMMA)) {
            w.append(new SourceRow(3, List.of("x", "\"yyy"), "line 4: never closed", 4, huge, -1, null),
                    ErrorCode.MALFORMED_ROW.issue("line 4: never closed"));
        }

        CSVRecord row = readBack(dir.resolve("contacts.csv.rejected.csv")).get(1);
        assertThat(row.get(4)).isEqualTo("4");
        assertThat(row.get(7)).hasSize(DeadLetterWriter.MAX_RAW_LINE).startsWith("x,\"yyy");
    }

    @Test
    void theChecksumTellsAnUntouchedRowFromAnEditedOne() throws Exception {
        try (DeadLetterWriter w = new DeadLetterWriter(dir, "contacts.csv", HEADER, DeadLetterDialect.UTF8_COMMA)) {
            w.append(new SourceRow(5, List.of("=a@b.c", "Bob", "n"), null), ErrorCode.DUPLICATE_IN_FILE.issue(2, "email", "a@b.c"));
        }
        List<String> written = readBack(dir.resolve("contacts.csv.rejected.csv")).get(1).toList().stream()
                .map(SpreadsheetFormulaGuard::restore).toList();

        DeadLetterEntry untouched = DeadLetterColumns.CURRENT.entry(written);
        List<String> edited = new java.util.ArrayList<>(written);
        edited.set(1, "Robert");

        assertThat(untouched.untouched()).isTrue();
        assertThat(untouched.rowNumber()).isEqualTo(5);
        assertThat(untouched.errorCode()).isEqualTo("DUPLICATE_IN_FILE");
        assertThat(untouched.keptRejection()).hasValueSatisfying(i -> assertThat(i.message())
                .startsWith("unchanged since it was dead-lettered (DUPLICATE_IN_FILE: duplicate of row 2"));
        assertThat(DeadLetterColumns.CURRENT.entry(edited).untouched()).isFalse();
        assertThat(DeadLetterColumns.CURRENT.entry(edited).keptRejection()).isEmpty();
    }

    @Test
    void aListCrmBridgeBuildsItselfKeepsTheThreeAddedColumns() throws Exception {
        try (DeadLetterWriter w = new DeadLetterWriter(dir, "customer-push.csv", List.of("client_code"))) {
            w.append(new SourceRow(1, List.of("C1"), null), ErrorCode.BREVO_REJECTED.issue("bad"));
        }

        assertThat(readBack(dir.resolve("customer-push.csv.rejected.csv")).get(0).toList())
                .containsExactly("client_code", "row_number", "error_code", "error_message");
    }

    @Test
    void neverReplacesADeadLetterFileOfAnEarlierRun() throws Exception {
        Files.writeString(dir.resolve("contacts.csv-run1.rejected.csv"), "earlier");

        try (DeadLetterWriter w = new DeadLetterWriter(dir, "contacts.csv-run1", HEADER)) {
            assertThatThrownBy(() -> w.append(new SourceRow(1, List.of("a", "b", "c"), null),
                    ErrorCode.MISSING_REQUIRED.issue("email"))).isInstanceOf(FileAlreadyExistsException.class);
        }
        assertThat(dir.resolve("contacts.csv-run1.rejected.csv")).hasContent("earlier");
    }

    @Test
    void recognisesItsOwnHeaderSoThatTheIntakeCanRestoreTheCells() {
        assertThat(DeadLetterWriter.isDeadLetterHeader(List.of("Email", "row_number", "line_number", "error_code",
                "error_message", "raw_line", "row_checksum"))).isTrue();
        assertThat(DeadLetterWriter.isDeadLetterHeader(List.of("Email", "row_number", "error_code", "error_message"))).isTrue();
        assertThat(DeadLetterWriter.isDeadLetterHeader(List.of("row_number", "error_code", "error_message"))).isFalse();
        assertThat(DeadLetterWriter.isDeadLetterHeader(List.of("Email", "error_code", "error_message"))).isFalse();
    }
}
