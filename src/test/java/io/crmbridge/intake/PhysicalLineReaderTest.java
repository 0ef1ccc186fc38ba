package io.crmbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.intake.PhysicalLineReader.PhysicalLine;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PhysicalLineReaderTest {

    private static List<PhysicalLine> readAll(String text, int maxChars) throws IOException {
        PhysicalLineReader reader = new PhysicalLineReader(new StringReader(text), maxChars);
        List<PhysicalLine> lines = new ArrayList<>();
        for (PhysicalLine l = reader.next(); l != null; l = reader.next()) {
            lines.add(l);
        }
        return lines;
    }

    @Test
    void splitsOnCrLfLfAndLoneCrWhereverTheBufferEnds() throws IOException {
        // long random texts, so that lines and CRLF pairs straddle the reader's 8 KiB buffer
        Random random = new Random(7);
        String[] pieces = {"a", "bc", "\r", "\n", "\r\n", "x".repeat(3000)};
        Pattern line = Pattern.compile("([^\r\n]*)(\r\n|\n|\r|$)");
        for (int n = 0; n < 50; n++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < 40_000) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            List<String> expected = new ArrayList<>();
            Matcher m = line.matcher(text);
            while (m.find() && m.start() < text.length()) {
                expected.add(m.group(1) + "|" + m.group(2));
            }

            List<PhysicalLine> lines = readAll(text.toString(), 1 << 20);

            assertThat(lines).extracting(l -> l.text() + "|" + l.terminator()).containsExactlyElementsOf(expected);
            assertThat(lines).extracting(PhysicalLine::number).last().isEqualTo((long) expected.size());
            assertThat(lines).noneMatch(PhysicalLine::cut);
        }
    }

    @Test
    void aLineOverTheBoundKeepsItsStartAndTheNextLineIsIntact() throws IOException {
        List<PhysicalLine> lines = readAll("y".repeat(20_000) + "\r\nnext", 100);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).cut()).isTrue();
        assertThat(lines.get(0).text()).hasSize(100);
        assertThat(lines.get(0).terminator()).isEqualTo("\r\n");
        assertThat(lines.get(1).text()).isEqualTo("next");
        assertThat(lines.get(1).terminator()).isEmpty();
    }
}
