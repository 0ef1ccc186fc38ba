package io.crmbridge.intake;

import io.crmbridge.Datasets;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DialectSnifferTest {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    @TempDir
    Path dir;

    private final DialectSniffer sniffer = new DialectSniffer();

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void detectsPlainUtf8WithAccents() throws IOException {
        Path file = write("a.csv", "Société,Téléphone\nAcme,0102030405\n".getBytes(StandardCharsets.UTF_8));

        Dialect dialect = sniffer.sniff(file);

        assertThat(dialect.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(dialect.charsetLabel()).isEqualTo("UTF-8");
        assertThat(dialect.bom()).isFalse();
        assertThat(dialect.delimiter()).isEqualTo(',');
    }

    @Test
    void detectsUtf8ByteOrderMark() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write("Email;Prénom\na@b.fr;Zoé\n".getBytes(StandardCharsets.UTF_8));

        Dialect dialect = sniffer.sniff(write("bom.csv", bytes.toByteArray()));

        assertThat(dialect.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(dialect.charsetLabel()).isEqualTo("UTF-8 with BOM");
        assertThat(dialect.bom()).isTrue();
        assertThat(dialect.delimiter()).isEqualTo(';');
    }

    @Test
    void detectsWindows1252WhenBytesAreNotUtf8() throws IOException {
        Path file = write("cp.csv", "Société;Téléphone\nCafé Crème;01 02 03 04 05\n".getBytes(CP1252));

        Dialect dialect = sniffer.sniff(file);

        assertThat(dialect.charsetLabel()).isEqualTo("windows-1252");
        assertThat(dialect.charset()).isEqualTo(CP1252);
        assertThat(dialect.bom()).isFalse();
        assertThat(dialect.delimiter()).isEqualTo(';');
    }

    @Test
    void multiByteCharacterCutAtSampleEndIsStillUtf8() throws IOException {
        // "é" is C3 A9; a sample of 16 bytes ends between the two
        byte[] bytes = "Name,City\nabcd,é\nx,y\n".getBytes(StandardCharsets.UTF_8);
        assertThat(bytes[15]).isEqualTo((byte) 0xC3);

        Dialect dialect = new DialectSniffer(16).sniff(write("cut.csv", bytes));

        assertThat(dialect.charsetLabel()).isEqualTo("UTF-8");
    }

    @Test
    void truncatedMultiByteCharacterAtTheRealEndOfFileIsNotUtf8() throws IOException {
        byte[] bytes = "Name,City\nabcd,\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 1);

        assertThat(sniffer.sniff(write("broken.csv", cut)).charsetLabel()).isEqualTo("windows-1252");
    }

    @ParameterizedTest
    @ValueSource(chars = {',', ';', '\t', '|'})
    void detectsEachDelimiter(char delimiter) throws IOException {
        String d = String.valueOf(delimiter);
        String text = String.join(d, "Email", "First Name", "Last Name") + "\r\n"
                + String.join(d, "a@x.com", "Ann", "Lee") + "\r\n"
                + String.join(d, "b@x.com", "Bob", "Ray") + "\r\n";

        Dialect dialect = sniffer.sniff(write("d.csv", text.getBytes(StandardCharsets.UTF_8)));

        assertThat(dialect.delimiter()).isEqualTo(delimiter);
    }

    @Test
    void labelsTabAndOtherDelimitersForTheReport() {
        assertThat(new Dialect(StandardCharsets.UTF_8, "UTF-8", false, '\t').delimiterLabel()).isEqualTo("tab");
        assertThat(new Dialect(StandardCharsets.UTF_8, "UTF-8", false, '|').delimiterLabel()).isEqualTo("|");
        assertThat(new Dialect(StandardCharsets.UTF_8, "UTF-8", false, ';').delimiterLabel()).isEqualTo(";");
    }

    @Test
    void picksSemicolonWhenCommasOnlyAppearInsideValues() throws IOException {
        // commas in most rows (quoted text, decimal commas) but not in the header; semicolons split
        // every row into the header's three cells
        String text = "Name;Description;Amount\n"
                + "Acme;\"Tools, parts, and more\";1,5\n"
                + "Bolt;Screws;2\n"
                + "Crane;\"Lifts, hoists\";3,25\n";

        assertThat(sniffer.sniff(write("s.csv", text.getBytes(StandardCharsets.UTF_8))).delimiter()).isEqualTo(';');
    }

    @Test
    void quotedFieldsSpanningLinesDoNotConfuseTheDelimiterCount() throws IOException {
        String text = "Subject|Description|Status\n"
                + "Login|\"line one\nline two | with a pipe\nline three\"|Open\n"
                + "Crash|\"a\nb\"|Closed\n";

        assertThat(sniffer.sniff(write("m.csv", text.getBytes(StandardCharsets.UTF_8))).delimiter()).isEqualTo('|');
    }

    @Test
    void singleColumnFileAndEmptyFileDefaultToComma() throws IOException {
        assertThat(sniffer.sniff(write("one.csv", "Email\na@b.com\nc@d.com\n".getBytes(StandardCharsets.UTF_8)))
                .delimiter()).isEqualTo(',');
        Dialect empty = sniffer.sniff(write("empty.csv", new byte[0]));
        assertThat(empty.delimiter()).isEqualTo(',');
        assertThat(empty.charsetLabel()).isEqualTo("UTF-8");
    }

    @Test
    void realDatasetsAreUtf8AndCommaSeparated() throws IOException {
        for (Path dataset : new Path[] {Datasets.ORGANIZATIONS, Datasets.CUSTOMERS, Datasets.TICKETS}) {
            Dialect dialect = sniffer.sniff(dataset);
            assertThat(dialect.charsetLabel()).as(dataset.toString()).isEqualTo("UTF-8");
            assertThat(dialect.bom()).as(dataset.toString()).isFalse();
            assertThat(dialect.delimiter()).as(dataset.toString()).isEqualTo(',');
        }
    }

    @Test
    void detectsUtf16ByteOrderMarksOfExcelUnicodeText() throws IOException {
        for (Charset utf16 : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(utf16 == StandardCharsets.UTF_16LE ? new byte[] {(byte) 0xFF, (byte) 0xFE}
                    : new byte[] {(byte) 0xFE, (byte) 0xFF});
            bytes.write("Email\tPrénom\r\na@b.fr\tZoé\r\n".getBytes(utf16));

            Dialect dialect = sniffer.sniff(write("utf16.csv", bytes.toByteArray()));

            assertThat(dialect.charset()).isEqualTo(utf16);
            assertThat(dialect.charsetLabel()).isEqualTo(utf16.name() + " with BOM");
            assertThat(dialect.bom()).isTrue();
            assertThat(dialect.delimiter()).isEqualTo('\t');
        }
    }
}
