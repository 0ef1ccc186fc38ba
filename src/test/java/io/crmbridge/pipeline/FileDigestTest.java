package io.crmbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestTest {

    @TempDir
    Path dir;

    private long lines(String content) throws Exception {
        Path f = Files.writeString(dir.resolve("f.csv"), content, StandardCharsets.UTF_8);
        FileIntake.Digest digest = FileIntake.digest(f);
        assertThat(digest.sha256()).isEqualTo(FileIntake.sha256(f)).hasSize(64);
        return digest.lines();
    }

    @Test
    void countsLfCrlfAndLoneCrLinesAndALastLineWithoutAnEnd() throws Exception {
        assertThat(lines("")).isZero();
        assertThat(lines("email\n")).isEqualTo(1);
        assertThat(lines("email\r\na@x.io\r\nb@x.io")).isEqualTo(3);
        assertThat(lines("email\ra@x.io\r")).isEqualTo(2);
        assertThat(lines("email\n\"two\nlines\"\n")).isEqualTo(3);
    }
}
