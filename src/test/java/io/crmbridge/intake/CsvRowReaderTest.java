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

import io.crmbridge.model.DeadLetterEntry;
import io.crmbridge.model.LineCounts;
import io.crmbridge.report.DeadLetterDialect;
import io.crmbridge.report.DeadLetterWriter;
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
    void anUnclosedQuoteInTheMiddleCostsOneLineAndTheRowsAfterItAreRead() throws IOException {
        Path file = write("contacts.csv", "email,first,last\n"
                + "a@x.com,Ann,Lee\nb@x.com,Bo,Ma\nc@x.com,Cy,Ng\nd@x.com,Di,Oz\n"
                + "e@x.com,\"Ed,Po\n"
                + "f@x.com,Fa,Qi\ng@x.com,Gu,Ro\n");

        try (CsvRowReader reader = CsvRowReader.open(file, UTF8_COMMA)) {
            List<SourceRow> rows = new ArrayList<>();
            reader.forEachRemaining(rows::add);

            assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            SourceRow broken = rows.get(4);
            assertThat(broken.problem()).startsWith("line 6: ").contains("never closed");
            assertThat(broken.lineNumber()).isEqualTo(6);
            assertThat(broken.rawLine()).isEqualTo("e@x.com,\"Ed,Po");
            assertThat(broken.values()).containsExactly("e@x.com", "\"Ed", "Po");
            assertThat(rows.subList(5, 7)).extracting(SourceRow::values)
                    .containsExactly(List.of("f@x.com", "Fa", "Qi"), List.of("g@x.com", "Gu", "Ro"));
            assertThat(rows.subList(5, 7)).extracting(SourceRow::problem).containsOnlyNulls();
            assertThat(reader.lineCounts()).isEqualTo(new LineCounts(8, 1, 0, 7, 7));
        }
    }

    @Test
    void anUnclosedQuoteOnTheLastLineRejectsThatLineOnly() throws IOException {
        List<SourceRow> rows = readAll(write("last.csv", "a,b\r\n1,2\r\n3,\"never closed\r\n"), UTF8_COMMA);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).problem()).isNull();
        assertThat(rows.get(1).problem()).isEqualTo("line 3: the quoted field opened on this line is never closed:"
                + " it runs to the end of the file");
        assertThat(rows.get(1).rawLine()).isEqualTo("3,\"never closed");
    }

    @Test
    void textAfterAClosingQuoteRejectsThatLineAndReadingGoesOn() throws IOException {
        List<SourceRow> rows = readAll(write("junk.csv", "a,b\n1,2\n\"x\"y,3\n4,5\n"), UTF8_COMMA);

        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).problem()).startsWith("line 3: text follows the closing quote of cell 1");
        assertThat(rows.get(2).values()).containsExactly("4", "5");
    }

    @Test
    void aQuoteThatClosesLinesLaterOnTextRejectsOnlyTheLineThatOpenedIt() throws IOException {
        // the stray quote of line 3 would swallow line 4 and end at line 5's quoted cell
        List<SourceRow> rows = readAll(write("swallow.csv", "a,b\n1,2\n3,\"oops\n5,6\n\"Acme, Inc\",8\n"),
                UTF8_COMMA);

        assertThat(rows).extracting(SourceRow::values).containsExactly(List.of("1", "2"), List.of("3", "\"oops"),
                List.of("5", "6"), List.of("Acme, Inc", "8"));
        assertThat(rows).extracting(SourceRow::problem).filteredOn(p -> p != null).hasSize(1);
    }

    @Test
    void anUnclosedQuoteInTheHeaderIsAHeaderProblem() throws IOException {
        try (CsvRowReader reader = CsvRowReader.open(write("h.csv", "\"a,b\n1,2\n"), UTF8_COMMA)) {
            assertThat(reader.header()).isEmpty();
            assertThat(reader.headerProblem()).hasValueSatisfying(p -> assertThat(p).startsWith("line 1: ")
                    .contains("never closed"));
            assertThat(reader.hasNext()).isFalse();
        }
    }

    @Test
    void aQuoteInsideAnUnquotedCellIsACharacterAndTheRowNamesTheCell() throws IOException {
        List<SourceRow> rows = readAll(write("pipe.csv", "item,size\npipe,5\" pipe\nnut,3\n"), UTF8_COMMA);

        assertThat(rows.get(0).values()).containsExactly("pipe", "5\" pipe");
        assertThat(rows.get(0).problem()).isNull();
        assertThat(rows.get(0).strayQuoteCell()).isEqualTo(1);
        assertThat(rows.get(1).strayQuoteCell()).isEqualTo(-1);
    }

    @Test
    void multiLineAndDoubledQuoteFieldsAreOneRowAndLinesAreCounted() throws IOException {
        Path file = write("tickets.csv", "id,description\n1,\"first line\nsecond \"\"quoted\"\" line\n\nthird\"\n\n2,plain\n");

        try (CsvRowReader reader = CsvRowReader.open(file, UTF8_COMMA)) {
            List<SourceRow> rows = new ArrayList<>();
            reader.forEachRemaining(rows::add);

            assertThat(rows).extracting(SourceRow::values).containsExactly(
                    List.of("1", "first line\nsecond \"quoted\" line\n\nthird"), List.of("2", "plain"));
            assertThat(rows).extracting(SourceRow::lineNumber).containsExactly(2L, 7L);
            assertThat(reader.lineCounts()).isEqualTo(new LineCounts(7, 1, 1, 5, 2));
            assertThat(reader.lineCounts().addsUp()).isTrue();
        }
    }

    @Test
    void crOnlyLineEndsAreLinesInsideAndOutsideQuotes() throws IOException {
        List<SourceRow> rows = readAll(write("mac.csv", "a,b\r1,\"x\ry\"\r3,\"open\r5,6\r"), UTF8_COMMA);

        assertThat(rows).extracting(SourceRow::values).containsExactly(List.of("1", "x\ry"),
                List.of("3", "\"open"), List.of("5", "6"));
        assertThat(rows.get(1).problem()).startsWith("line 4: ");
    }

    @Test
    void aQuotedFieldStillOpenPastTheLineBoundRejectsItsFirstLine() throws IOException {
        Path file = write("bound.csv", "a,b\n1,\"x\ny\nz\nw\n5,6\n");

        try (CsvRowReader reader = CsvRowReader.open(file, UTF8_COMMA, new CsvLimits(3, 1000))) {
            List<SourceRow> rows = new ArrayList<>();
            reader.forEachRemaining(rows::add);

            assertThat(rows.get(0).problem()).startsWith("line 2: the quoted field opened on this line is still open"
                    + " after 3 lines");
            // the swallowed lines are read again, each a row of its own
            assertThat(rows).extracting(SourceRow::lineNumber).containsExactly(2L, 3L, 4L, 5L, 6L);
            assertThat(rows.get(4).values()).containsExactly("5", "6");
            assertThat(reader.lineCounts().addsUp()).isTrue();
        }
    }

    @Test
    void aFiveMegabyteQuotedFieldIsReadAsAValueOnOneLineOrOnSeveral() throws IOException {
        Path file = dir.resolve("huge.csv");
        String chunk = "x".repeat(1024 * 1024);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("a,b\n1,\"" + chunk.repeat(5) + "\"\n");
            w.write("3,\"" + String.join("\n", chunk, chunk, chunk, chunk, chunk) + "\"\n5,6\n");
        }

        try (CsvRowReader reader = CsvRowReader.open(file, UTF8_COMMA)) {
            List<SourceRow> rows = new ArrayList<>();
            reader.forEachRemaining(rows::add);

            assertThat(rows).extracting(SourceRow::problem).containsOnlyNulls();
            assertThat(rows.get(0).values().get(1)).hasSize(5 * 1024 * 1024);
            assertThat(rows.get(1).values().get(1)).hasSize(5 * 1024 * 1024 + 4);
            assertThat(rows).extracting(SourceRow::lineNumber).containsExactly(2L, 3L, 8L);
            assertThat(reader.lineCounts()).isEqualTo(new LineCounts(8, 1, 0, 7, 3));
        }
    }

    @Test
    void aLineLongerThanTheBoundIsRejectedWithItsStartAndTheNextRowsAreRead() throws IOException {
        Path file = write("long.csv", "a,b\n1,2\n3," + "y".repeat(5000) + "\n5,6\n");

        try (CsvRowReader reader = CsvRowReader.open(file, UTF8_COMMA, new CsvLimits(10, 1000))) {
            List<SourceRow> rows = new ArrayList<>();
            reader.forEachRemaining(rows::add);

            assertThat(rows).hasSize(3);
            assertThat(rows.get(1).problem()).isEqualTo("line 3: the line is longer than 1000 characters");
            assertThat(rows.get(1).rawLine()).hasSize(1000).startsWith("3,yyy");
            assertThat(rows.get(2).values()).containsExactly("5", "6");
            assertThat(reader.lineCounts()).isEqualTo(new LineCounts(4, 1, 0, 3, 3));
        }
    }

    @Test
    void aQuotedFieldStillOpenPastTheCharacterBoundRejectsItsFirstLine() throws IOException {
        String z = "z".repeat(600);
        Path file = write("chars.csv", "a,b\n1,\"" + z + "\n" + z + "\n" + z + "\"\n5,6\n");

        try (CsvRowReader reader = CsvRowReader.open(file, UTF8_COMMA, new CsvLimits(10, 1000))) {
            List<SourceRow> rows = new ArrayList<>();
            reader.forEachRemaining(rows::add);

            assertThat(rows.get(0).problem()).startsWith("line 2: the quoted field opened on this line is still open");
            assertThat(rows).extracting(SourceRow::lineNumber).containsExactly(2L, 3L, 4L, 5L);
            assertThat(rows.get(3).values()).containsExactly("5", "6");
        }
    }

    @Test
    void wellQuotedTextReadsAsCommonsCsvReadsItAndBrokenTextLosesNoLine() throws IOException {
        // random texts over the characters that matter to quoting; whenever commons-csv reads the
        // whole text, the guarded reader gives the same records; in every case each line is accounted
        java.util.Random random = new java.util.Random(42);
        String[] alphabet = {"a", "b", ",", "\"", "\n", "\r\n", "\r", " ", "\"\""};
        CsvLimits limits = new CsvLimits(4, 40);
        for (int n = 0; n < 3000; n++) {
            StringBuilder text = new StringBuilder("h1,h2\n");
            int length = random.nextInt(30);
            for (int i = 0; i < length; i++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            Path file = write("random.csv", text.toString());
            List<List<String>> expected = commonsCsvRecords(text.toString());
            try (CsvRowReader reader = CsvRowReader.open(file, UTF8_COMMA, expected == null ? limits : CsvLimits.DEFAULT)) {
                List<List<String>> actual = new ArrayList<>();
                while (reader.hasNext()) {
                    SourceRow row = reader.next();
                    if (row.rawLine() == null) {
                        actual.add(row.values());
                    }
                }
                assertThat(reader.lineCounts().addsUp()).as("lines of %s", text).isTrue();
                if (expected != null) {
                    assertThat(actual).as("records of %s", text).isEqualTo(expected);
                }
            }
        }
    }

    /** The non-blank data records commons-csv reads from the whole text, or null when it refuses it. */
    private static List<List<String>> commonsCsvRecords(String text) {
        try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder()
                .setIgnoreEmptyLines(true).get().parse(new java.io.StringReader(text))) {
            List<List<String>> records = new ArrayList<>();
            for (org.apache.commons.csv.CSVRecord r : parser) {
                records.add(r.toList());
            }
            records.remove(0);
            records.removeIf(r -> r.stream().allMatch(String::isBlank));
            return records;
        } catch (IOException | RuntimeException e) {
            return null;
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
    void readsALegacyDeadLetterAsItsSourceRestoringFormulaCells() throws IOException {
        Path file = write("contacts.csv.rejected.csv", "'=Email,Company,row_number,error_code,error_message\r\n"
                + "ada@b.io,'=HYPERLINK(\"x\"),2,INVALID_EMAIL,'-message\r\n"
                + "bob@b.io,'quoted,3,INVALID_EMAIL,m\r\n");

        try (CsvRowReader reader = CsvRowReader.open(file, UTF8_COMMA)) {
            assertThat(reader.header()).containsExactly("=Email", "Company");
            SourceRow ada = reader.next();
            assertThat(ada.values()).containsExactly("ada@b.io", "=HYPERLINK(\"x\")");
            assertThat(ada.deadLetter()).isEqualTo(new DeadLetterEntry(2, "INVALID_EMAIL", "-message", false));
            assertThat(reader.next().values()).containsExactly("bob@b.io", "'quoted");
        }
    }

    @Test
    void aDeadLetterWrittenInTheSourcesDialectReadsBackAsTheSourceWithItsUntouchedRowsMarked() throws IOException {
        Path source = dir.resolve("contacts.csv");
        Files.write(source, "Email;Société\r\nada@b.io;Acme\r\nada@b.io;=Café\r\nbob@b.io;Crème; brûlée\r\n"
                .getBytes(Charset.forName("windows-1252")));
        Dialect dialect = new DialectSniffer().sniff(source);
        Path deadLetters = dir.resolve("dead-letter");
        try (CsvRowReader reader = CsvRowReader.open(source, dialect);
             DeadLetterWriter writer = new DeadLetterWriter(deadLetters, "contacts.csv", reader.header(),
                     new DeadLetterDialect(dialect.delimiter(), dialect.charset(), dialect.bom()))) {
            reader.next();
            SourceRow duplicate = reader.next();
            writer.append(reader.next(), io.crmbridge.model.ErrorCode.MALFORMED_ROW.issue("x"));
            writer.append(duplicate, io.crmbridge.model.ErrorCode.DUPLICATE_IN_FILE.issue(1, "email", "ada@b.io"));
        }
        Path deadLetter = deadLetters.resolve("contacts.csv.rejected.csv");

        Dialect again = new DialectSniffer().sniff(deadLetter);
        assertThat(again.charsetLabel()).isEqualTo("windows-1252");
        assertThat(again.delimiter()).isEqualTo(';');
        try (CsvRowReader reader = CsvRowReader.open(deadLetter, again)) {
            assertThat(reader.header()).containsExactly("Email", "Société");
            SourceRow first = reader.next();
            assertThat(first.values()).containsExactly("bob@b.io", "Crème", " brûlée");
            assertThat(first.deadLetter().untouched()).isTrue();
            assertThat(first.deadLetter().errorCode()).isEqualTo("MALFORMED_ROW");
            SourceRow second = reader.next();
            assertThat(second.values()).containsExactly("ada@b.io", "=Café");
            assertThat(second.deadLetter().keptRejection()).hasValueSatisfying(issue ->
                    assertThat(issue.message()).contains("DUPLICATE_IN_FILE"));
        }
    }

    @Test
    void keepsALeadingQuoteInAnOrdinaryFile() throws IOException {
        Path file = write("contacts.csv", "Email,Company\nada@b.io,'=not a dead letter\n");

        assertThat(readAll(file, UTF8_COMMA).get(0).values()).containsExactly("ada@b.io", "'=not a dead letter");
    }
}
