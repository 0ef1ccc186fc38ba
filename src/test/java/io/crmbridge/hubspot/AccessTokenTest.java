package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokenTest {

    @TempDir
    Path dir;

    private Path tokenFile(String content) throws IOException {
        Path file = dir.resolve("hubspot.token");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void environmentVariableWinsOverTokenFile() throws IOException {
        Path file = tokenFile("pat-from-file\n");

        AccessToken token = AccessToken.resolve(Map.of(AccessToken.ENV, "pat-from-env"), file.toString()).orElseThrow();

        assertThat(token.bearerHeader()).isEqualTo("Bearer pat-from-env");
    }

    @Test
    void blankEnvironmentVariableFallsBackToTheFile() throws IOException {
        Path file = tokenFile("pat-from-file\n");

        AccessToken token = AccessToken.resolve(Map.of(AccessToken.ENV, "  "), file.toString()).orElseThrow();

        assertThat(token.bearerHeader()).isEqualTo("Bearer pat-from-file");
    }

    @Test
    void readsTheFirstLineOfTheTokenFileTrimmed() throws IOException {
        Path file = tokenFile("  pat-na1-secret \t\r\nsecond line ignored\n");

        AccessToken token = AccessToken.resolve(Map.of(), file.toString()).orElseThrow();

        assertThat(token.bearerHeader()).isEqualTo("Bearer pat-na1-secret");
    }

    @Test
    void isEmptyWhenNeitherVariableNorFileIsSet() {
        assertThat(AccessToken.resolve(Map.of(), "")).isEmpty();
        assertThat(AccessToken.resolve(Map.of(), null)).isEmpty();
    }

    @Test
    void emptyTokenFileFailsNamingTheFile() throws IOException {
        Path file = tokenFile(" \n\t\n");

        assertThatThrownBy(() -> AccessToken.resolve(Map.of(), file.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void unreadableTokenFileFailsNamingTheFileButNotItsContent() throws IOException {
        // a directory holding the secret's name cannot be read as a file: the message names the
        // path and the failure type only
        Path notAFile = Files.createDirectory(dir.resolve("pat-na1-secret-dir"));
        Path missing = dir.resolve("missing.token");

        assertThatThrownBy(() -> AccessToken.resolve(Map.of(), missing.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> AccessToken.resolve(Map.of(), notAFile.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(notAFile.toString());
    }

    @Test
    void toStringIsMasked() {
        AccessToken token = AccessToken.of("pat-na1-secret");

        assertThat(token.toString()).doesNotContain("pat-na1-secret").contains("****");
    }

    @Test
    void scrubReplacesEveryOccurrenceOfTheToken() {
        AccessToken token = AccessToken.of("pat-na1-secret");

        String scrubbed = token.scrub("bad token pat-na1-secret, again pat-na1-secret.");

        assertThat(scrubbed).isEqualTo("bad token ****, again ****.");
        assertThat(token.appearsIn(scrubbed)).isFalse();
        assertThat(token.appearsIn("x pat-na1-secret")).isTrue();
        assertThat(token.scrub(null)).isNull();
    }

    @Test
    void refusesBlankTokens() {
        assertThatThrownBy(() -> AccessToken.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
