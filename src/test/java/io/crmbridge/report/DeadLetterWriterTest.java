package io.crmbridge.report;

import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.SourceRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
    void writesSourceHeaderPlusRowNumberCodeAndMessage() throws Exception {
        Path deadLetter = dir.resolve("dead-letter");
        try (DeadLetterWriter w = new DeadLetterWriter(deadLetter, "contacts.csv", HEADER)) {
            w.append(new SourceRow(7, List.of("bob@", "Bob", "n"), null), ErrorCode.INVALID_EMAIL.issue("bob@", "no domain"));
        }

        List<CSVRecord> records = readBack(deadLetter.resolve("contacts.csv.rejected.csv"));
        assertThat(records.get(0).toList())
                .containsExactly("Email", "First Name", "Notes", "row_number", "error_code", "error_message");
        assertThat(records.get(1).toList())
                .containsExactly("bob@", "Bob", "n", "7", "INVALID_EMAIL", "invalid email address 'bob@': no domain");
    }

    @Test
    void roundTripsAValueWithCommaQuoteAndLineBreak() throws Exception {
        String tricky = "Smith, \"Jr\"\nsecond line";
        try (DeadLetterWriter w = new DeadLetterWriter(dir, "contacts.csv", HEADER)) {
            w.append(new SourceRow(3, List.of("a@b.c", tricky, "x"), null), ErrorCode.MALFORMED_ROW.issue("bad, \"quoted\"\nmsg"));
        }

        List<CSVRecord> records = readBack(dir.resolve("contacts.csv.rejected.csv"));
        assertThat(records).hasSize(2);
        assertThat(records.get(1).get(1)).isEqualTo(tricky);
        assertThat(records.get(1).get(5)).isEqualTo("malformed CSV row: bad, \"quoted\"\nmsg");
    }

    @Test
    void padsShortRowsToTheHeader() throws Exception {
        try (DeadLetterWriter w = new DeadLetterWriter(dir, "contacts.csv", HEADER)) {
            w.append(new SourceRow(4, List.of("only-one"), "1 field, 3 expected"), ErrorCode.MALFORMED_ROW.issue("1 field, 3 expected"));
        }

        CSVRecord row = readBack(dir.resolve("contacts.csv.rejected.csv")).get(1);
        assertThat(row.toList()).containsExactly("only-one", "", "", "4", "MALFORMED_ROW", "malformed CSV row: 1 field, 3 expected");
    }

    @Test
    void keepsEveryCellOfALongRow() throws Exception {
        try (DeadLetterWriter w = new DeadLetterWriter(dir, "contacts.csv", HEADER)) {
            w.append(new SourceRow(5, List.of("a", "b", "c", "extra"), "4 fields, 3 expected"), ErrorCode.MALFORMED_ROW.issue("4 fields"));
        }

        CSVRecord row = readBack(dir.resolve("contacts.csv.rejected.csv")).get(1);
        assertThat(row.toList()).containsExactly("a", "b", "c", "extra", "5", "MALFORMED_ROW", "malformed CSV row: 4 fields");
    }

    @Test
    void createsNoFileWhenNothingIsRejected() throws Exception {
        DeadLetterWriter w = new DeadLetterWriter(dir.resolve("dead-letter"), "contacts.csv", HEADER);
        w.close();

        assertThat(w.file()).isEmpty();
        assertThat(w.count()).isZero();
        assertThat(dir.resolve("dead-letter")).doesNotExist();
    }

    @Test
    void reportsTheFileAndHowManyRowsItHolds() throws Exception {
        try (DeadLetterWriter w = new DeadLetterWriter(dir, "contacts.csv", HEADER)) {
            w.append(new SourceRow(1, List.of("a", "b", "c"), null), ErrorCode.MISSING_REQUIRED.issue("email"));
            w.append(new SourceRow(2, List.of("d", "e", "f"), null), ErrorCode.MISSING_REQUIRED.issue("email"));

            assertThat(w.file()).contains(dir.resolve("contacts.csv.rejected.csv"));
            assertThat(w.count()).isEqualTo(2);
        }
    }

    @Test
    void neutralisesFormulaCellsSoThatSpreadsheetsShowThemAsText() throws Exception {
        List<String> header = List.of("=Email", "Company", "Title");
        try (DeadLetterWriter w = new DeadLetterWriter(dir, "contacts.csv", header)) {
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
        assertThat(DeadLetterWriter.isDeadLetterHeader(List.of("Email", "row_number", "error_code", "error_message"))).isTrue();
        assertThat(DeadLetterWriter.isDeadLetterHeader(List.of("row_number", "error_code", "error_message"))).isFalse();
        assertThat(DeadLetterWriter.isDeadLetterHeader(List.of("Email", "error_code", "error_message"))).isFalse();
    }
}
