package io.crmbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnrecognisedDelimiterDetectorTest {

    private final UnrecognisedDelimiterDetector detector = new UnrecognisedDelimiterDetector();
    private final DialectSniffer sniffer = new DialectSniffer();

    @TempDir
    Path dir;

    private Optional<String> reason(String content) throws IOException {
        return reason(content, StandardCharsets.UTF_8);
    }

    private Optional<String> reason(String content, Charset charset) throws IOException {
        Path file = dir.resolve("file.csv");
        Files.write(file, content.getBytes(charset));
        return detector.reason(file, sniffer.sniff(file));
    }

    @Test
    void refusesAColonSeparatedFileNamingItsDelimiter() throws IOException {
        String csv = "First Name:Last Name:Email\nAda:Lovelace:ada@engines.co.uk\nAlan:Turing:alan@bletchley.co.uk\n";

        assertThat(reason(csv)).hasValue("delimiter not recognised: the lines seem to be separated by ':';"
                + " crm-bridge reads , ; tab or |: save the file with one of those");
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "^", "~", "/", "!"})
    void refusesOtherPunctuationUsedAsADelimiter(String delimiter) throws IOException {
        String csv = String.join(delimiter, "Email", "Name", "City") + "\n"
                + String.join(delimiter, "ada@engines.co.uk", "Ada", "London") + "\n";

        assertThat(reason(csv)).hasValueSatisfying(r -> assertThat(r).contains("separated by '" + delimiter + "'"));
    }

    @Test
    void refusesAColonSeparatedFileWhoseValuesHoldColonsToo() throws IOException {
        String csv = "Email:Name:Created\nada@engines.co.uk:Ada:2024-03-14 10:30\ngrace@cobol.io:Grace:2024-03-15 09:05\n";

        assertThat(reason(csv)).hasValueSatisfying(r -> assertThat(r).contains("separated by ':'"));
    }

    @Test
    void respectsQuotesAroundAValueHoldingTheDelimiter() throws IOException {
        String csv = "Subject:Status\n\"Re: refund\":open\n\"Fwd: invoice\":closed\n";

        assertThat(reason(csv)).hasValueSatisfying(r -> assertThat(r).contains("separated by ':'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"email", "E-mail", "Email Address", "Website"})
    void acceptsAGenuineOneColumnFile(String header) throws IOException {
        String csv = header + "\nada@engines.co.uk\nhttps://www.bletchley.co.uk/about\nmailto:grace@cobol.io\n";

        assertThat(reason(csv)).isEmpty();
    }

    @Test
    void acceptsAOneColumnFileWhoseHeaderHoldsASlashTheRowsDoNot() throws IOException {
        assertThat(reason("Name/Company\nAda Lovelace\nAlan Turing\n")).isEmpty();
    }

    @Test
    void acceptsAFileASupportedDelimiterSplits() throws IOException {
        assertThat(reason("Email;Created\nada@engines.co.uk;2024-03-14 10:30\n")).isEmpty();
        assertThat(reason("Email,Note\nada@engines.co.uk,see: notes/1\n")).isEmpty();
    }

    @Test
    void leavesAHeaderWithoutRowsToTheNoDataRowsCheck() throws IOException {
        assertThat(reason("Email:Name:City\n")).isEmpty();
        assertThat(reason("")).isEmpty();
    }

    @Test
    void readsTheFileInItsSniffedCharset() throws IOException {
        String csv = "Prénom:Nom:Email\nZoé:Müller:zoe@cp1252.fr\n";

        assertThat(reason(csv, Charset.forName("windows-1252")))
                .hasValueSatisfying(r -> assertThat(r).contains("separated by ':'"));
    }
}
