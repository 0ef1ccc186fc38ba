package io.crmbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryContentDetectorTest {

    private final BinaryContentDetector detector = new BinaryContentDetector();
    private final DialectSniffer sniffer = new DialectSniffer();

    @TempDir
    Path dir;

    private java.util.Optional<String> reason(byte[] content) throws IOException {
        Path file = dir.resolve("file.csv");
        Files.write(file, content);
        return detector.reason(file, sniffer.sniff(file));
    }

    @Test
    void refusesAGzipArchiveByTheControlCharacterInItsFirstLine() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("Email\nada@engines.co.uk\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(reason(gz.toByteArray())).hasValueSatisfying(r -> assertThat(r).contains("binary content", "U+001F"));
    }

    @Test
    void refusesRandomBytesWhoseFirstLineLooksLikeText() throws IOException {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        byte[] content = new byte[bytes.length + 6];
        System.arraycopy("Email\n".getBytes(StandardCharsets.US_ASCII), 0, content, 0, 6);
        System.arraycopy(bytes, 0, content, 6, bytes.length);

        assertThat(reason(content)).hasValueSatisfying(r -> assertThat(r).contains("are control characters"));
    }

    @Test
    void acceptsTextWithAFewStrayNulsInItsRows() throws IOException {
        String csv = "Email,Name\na@b.io,Ada\nn\0l@b.io,N\0l\nc@b.io,Cy\n" + "d@b.io,Dee\n".repeat(20);

        assertThat(reason(csv.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void acceptsUtf16TextWhoseBytesAreHalfZeros() throws IOException {
        byte[] text = "Email\tName\r\nada@b.io\tAda\r\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] content = new byte[text.length + 2];
        content[0] = (byte) 0xFF;
        content[1] = (byte) 0xFE;
        System.arraycopy(text, 0, content, 2, text.length);

        assertThat(reason(content)).isEmpty();
    }
}
