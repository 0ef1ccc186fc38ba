package io.crmbridge.intake;

import io.crmbridge.Datasets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.crmbridge.model.SourceRow;

class CsvRowReaderTest {

    private static final Dialect UTF8_COMMA = new Dialect(StandardCharsets.UTF_8, "UTF-8", false, ',');

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static List<SourceRow> readAll(Path file, Dialect dialect) throws IOException {
        try (CsvRowReader reader = CsvRowReader.open(file, dialect)) {
            List<SourceRow> rows = new ArrayList<>();
            reader.forEachRemaining(rows::add);
            return rows;
        }
    }

    /** Counts rows and problem rows without keeping them. */
    private static long[] countRows(Path file) throws IOException {
        long rows = 0;
        long problems = 0;
        try (CsvRowReader reader = CsvRowReader.open(file, new DialectSniffer().sniff(file))) {
            while (reader.hasNext()) {
                SourceRow row = reader.next();
                rows++;
                if (row.problem() != null) {
                    problems++;
                }
            }
        }
        return new long[] {rows, problems};
    }

    @Test
    void readsEveryRowOfTheRealDatasetsWithoutProblems() throws IOException {
        assertThat(countRows(Datasets.ORGANIZATIONS)).containsExactly(1_000, 0);
        assertThat(countRows(Datasets.CUSTOMERS)).containsExactly(10_000, 0);
        assertThat(countRows(Datasets.TICKETS)).containsExactly(8_469, 0);
    }

    @Test
    void keepsMultiLineTicketDescriptionsInOneCell() throws IOException {
        try (CsvRowReader reader = CsvRowReader.open(Datasets.TICKETS, UTF8_COMMA)) {
            SourceRow first = reader.next();
            assertThat(first.rowNumber()).isEqualTo(1);
            assertThat(first.values()).hasSize(17);
            assertThat(first.values().get(0)).isEqualTo("1");
            assertThat(first.values().get(9)).startsWith("I'm having an issue with the {product_purchased}")
                    .contains("\n");
        }
    }

    @Test
    void readsQuotedLineBreaksAndMixedLineEndsAndSkipsBlankLines() throws IOException {
        Path file = write("t.csv", "Subject,Description\r\n"
                + "Login,\"first line\r\nsecond line, with comma\"\r\n"
                + "\r\n"
                + "Crash,\"say \"\"hi\"\"\"\n"
                + "Slow,plain\r"
                + "Last,one");

        List<SourceRow> rows = readAll(file, UTF8_COMMA);

        assertThat(rows).extracting(SourceRow::values).containsExactly(
                List.of("Login", "first line\r\nsecond line, with comma"),
                List.of("Crash", "say \"hi\""),
                List.of("Slow", "plain"),
                List.of("Last", "one"));
        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(1L, 2L, 3L, 4L);
        assertThat(rows).allMatch(row -> row.problem() == null);
    }

    @Test
    void headerIsTrimmedAndLosesItsByteOrderMarkEvenWhenQuoted() throws IOException {
        Path file = dir.resolve("bom.csv");
        byte[] body = "\"Email\" ; First Name \na@b.fr;Zoé\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(file, bytes);
        Dialect dialect = new DialectSniffer().sniff(file);

        try (CsvRowReader reader = CsvRowReader.open(file, dialect)) {
            assertThat(reader.header()).containsExactly("Email", "First Name");
            assertThat(reader.next().values()).containsExactly("a@b.fr", "Zoé");
        }
    }

    @Test
    void decodesWindows1252Files() throws IOException {
        Path file = dir.resolve("cp.csv");
        Files.write(file, "Société;Téléphone\nCafé Crème;01 02\n".getBytes(Charset.forName("windows-1252")));
        Dialect dialect = new DialectSniffer().sniff(file);

        try (CsvRowReader reader = CsvRowReader.open(file, dialect)) {
            assertThat(reader.header()).containsExactly("Société", "Téléphone");
            assertThat(reader.next().values()).containsExactly("Café Crème", "01 02");
        }
    }

    @Test
    void readsTabAndPipeSeparatedFiles() throws IOException {
        assertThat(readAll(write("tab.csv", "a\tb\n1\t2, 3\n"), new Dialect(StandardCharsets.UTF_8, "UTF-8", false, '\t')))
                .extracting(SourceRow::values).containsExactly(List.of("1", "2, 3"));
        assertThat(readAll(write("pipe.csv", "a|b\n1|2\n"), new Dialect(StandardCharsets.UTF_8, "UTF-8", false, '|')))
                .extracting(SourceRow::values).containsExactly(List.of("1", "2"));
    }

    @Test
    void reportsLongAndShortRowsAndGoesOn() throws IOException {
        Path file = write("bad.csv", "a,b,c\n1,2,3\n1,2\n1,2,3,4\n7,8,9\n");

        List<SourceRow> rows = readAll(file, UTF8_COMMA);

        assertThat(rows).extracting(SourceRow::problem).containsExactly(
                null, "row has 2 cells, header has 3", "row has 4 cells, header has 3", null);
        assertThat(rows.get(1).values()).containsExactly("1", "2");
        assertThat(rows.get(3).rowNumber()).isEqualTo(4);
    }

    @Test
    void skipsRowsWhoseCellsAreAllBlankButKeepsNumbering() throws IOException {
        List<SourceRow> rows = readAll(write("blank.csv", "a,b\n1,2\n , \n,\n3,4\n"), UTF8_COMMA);

        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(1L, 4L);
    }

    @Test
    void unclosedQuoteEndsWithOneProblemRowAfterTheGoodOnes() throws IOException {
        Path file = write("unclosed.csv", "a,b\n1,2\n3,\"never closed\n4,5\n6,7\n");

        try (CsvRowReader reader = CsvRowReader.open(file, UTF8_COMMA)) {
            SourceRow good = reader.next();
            assertThat(good.problem()).isNull();
            assertThat(reader.hasNext()).isTrue();
            SourceRow broken = reader.next();
            assertThat(broken.rowNumber()).isEqualTo(2);
            assertThat(broken.values()).isEmpty();
            assertThat(broken.problem())
                    .contains("EOF reached before encapsulated token finished")
                    .containsPattern("line \\d+");
            assertThat(reader.hasNext()).isFalse();
            assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void textAfterAClosingQuoteIsAProblemRowNotAnException() throws IOException {
        List<SourceRow> rows = readAll(write("junk.csv", "a,b\n1,2\n\"x\"y,3\n4,5\n"), UTF8_COMMA);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).problem()).startsWith("unreadable CSV, parser stopped at line 3");
    }

    @Test
    void unreadableHeaderGivesEmptyHeaderAndOneProblemRow() throws IOException {
        try (CsvRowReader reader = CsvRowReader.open(write("h.csv", "\"a,b\n1,2\n"), UTF8_COMMA)) {
            assertThat(reader.header()).isEmpty();
            SourceRow row = reader.next();
            assertThat(row.rowNumber()).isZero();
            assertThat(row.problem()).contains("EOF reached");
            assertThat(reader.hasNext()).isFalse();
        }
    }

    @Test
    void emptyAndHeaderOnlyFilesHaveNoRows() throws IOException {
        try (CsvRowReader empty = CsvRowReader.open(write("empty.csv", ""), UTF8_COMMA)) {
            assertThat(empty.header()).isEmpty();
            assertThat(empty.hasNext()).isFalse();
        }
        try (CsvRowReader headerOnly = CsvRowReader.open(write("h.csv", "a,b\r\n\r\n"), UTF8_COMMA)) {
            assertThat(headerOnly.header()).containsExactly("a", "b");
            assertThat(headerOnly.hasNext()).isFalse();
        }
    }

    @Test
    void streamsAGeneratedFileOfTwoHundredThousandRows() throws IOException {
        Path file = dir.resolve("big.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("Email,First Name,Last Name,Notes\n");
            for (int i = 1; i <= 200_000; i++) {
                out.write("user" + i + "@example.com,First" + i + ",Last" + i + ",\"note " + i + "\nsecond line\"\n");
            }
        }
        long size = Files.size(file);

        long rows = 0;
        long lastNumber = 0;
        try (CsvRowReader reader = CsvRowReader.open(file, new DialectSniffer().sniff(file))) {
            reader.next();
            rows++;
            // only a read-ahead buffer's worth of the ~14 MB file is consumed after the first row
            assertThat(reader.bytesRead()).isLessThan(size / 10);
            while (reader.hasNext()) {
                SourceRow row = reader.next();
                assertThat(row.problem()).isNull();
                lastNumber = row.rowNumber();
                rows++;
            }
            assertThat(reader.bytesRead()).isEqualTo(size);
        }
        assertThat(rows).isEqualTo(200_000);
        assertThat(lastNumber).isEqualTo(200_000);
    }

    @Test
    void readsUtf16WithoutItsByteOrderMark() throws IOException {
        Path file = dir.resolve("utf16.csv");
        Files.write(file, ("\uFEFFEmail\tName\r\nzoe@b.io\tZoë Łukasz\r\n").getBytes(StandardCharsets.UTF_16LE));
        Dialect dialect = new DialectSniffer().sniff(file);

        try (CsvRowReader reader = CsvRowReader.open(file, dialect)) {
            assertThat(reader.header()).containsExactly("Email", "Name");
            assertThat(reader.next().values()).containsExactly("zoe@b.io", "Zoë Łukasz");
        }
    }

    @Test
    void rejectsARowWithANulCharacterNamingItsColumnAndReadsOn() throws IOException {
        Path file = write("nul.csv", "Email,Name\nn\0l@b.io,Nul\nada@b.io,Ada\n");

        List<SourceRow> rows = readAll(file, UTF8_COMMA);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).problem()).isEqualTo("cell 1 (Email) contains a NUL character: binary data in a text file");
        assertThat(rows.get(1).problem()).isNull();
    }

    @Test
    void removesByteOrderMarksFoundInTheMiddleOfTheFile() throws IOException {
        Path file = write("bom.csv", "Email,Name\n\uFEFFada@b.io,Ada\ngrace@b.io,Gr\uFEFFace\n");

        List<SourceRow> rows = readAll(file, UTF8_COMMA);

        assertThat(rows).extracting(SourceRow::values)
                .containsExactly(List.of("ada@b.io", "Ada"), List.of("grace@b.io", "Grace"));
    }

    @Test
    void restoresFormulaCellsOfADeadLetterFileDroppedBackIntoTheInbox() throws IOException {
        Path file = write("contacts.csv.rejected.csv", "'=Email,Company,row_number,error_code,error_message\r\n"
                + "ada@b.io,'=HYPERLINK(\"x\"),2,INVALID_EMAIL,'-message\r\n"
                + "bob@b.io,'quoted,3,INVALID_EMAIL,m\r\n");

        try (CsvRowReader reader = CsvRowReader.open(file, UTF8_COMMA)) {
            assertThat(reader.header()).containsExactly("=Email", "Company", "row_number", "error_code", "error_message");
            assertThat(reader.next().values()).containsExactly("ada@b.io", "=HYPERLINK(\"x\")", "2", "INVALID_EMAIL", "-message");
            assertThat(reader.next().values()).containsExactly("bob@b.io", "'quoted", "3", "INVALID_EMAIL", "m");
        }
    }

    @Test
    void keepsALeadingQuoteInAnOrdinaryFile() throws IOException {
        Path file = write("contacts.csv", "Email,Company\nada@b.io,'=not a dead letter\n");

        assertThat(readAll(file, UTF8_COMMA).get(0).values()).containsExactly("ada@b.io", "'=not a dead letter");
    }
}
