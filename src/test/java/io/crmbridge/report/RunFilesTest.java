package io.crmbridge.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheDocumentedNameWhenNoEarlierRunUsedIt() throws Exception {
        assertThat(RunFiles.claim(reports(), deadLetters(), "contacts.csv", 3)).isEqualTo("contacts.csv-run3");
    }

    @Test
    void givesADeadLetterOfAnEarlierRunItsOwnName() throws Exception {
        Files.createDirectories(deadLetters());
        Files.writeString(deadLetters().resolve("contacts.csv-run1.rejected.csv"), "earlier");

        assertThat(RunFiles.claim(reports(), deadLetters(), "contacts.csv", 1)).isEqualTo("contacts.csv-run1-2");
    }

    @Test
    void aReleasedNameStaysTakenByTheFilesWrittenUnderIt() throws Exception {
        String first = RunFiles.claim(reports(), deadLetters(), "contacts.csv", 1);
        Files.writeString(reports().resolve(first + ".html"), "report");
        RunFiles.release(reports(), first);

        assertThat(RunFiles.claim(reports(), deadLetters(), "contacts.csv", 1)).isEqualTo("contacts.csv-run1-2");
    }

    @Test
    void deletesEveryFileOfATakenOverRunAndNoOtherRunsFiles() throws Exception {
        String base = RunFiles.claim(reports(), deadLetters(), "tickets.csv", 1);
        Files.writeString(reports().resolve(base + ".json"), "{}");
        Files.createDirectories(deadLetters());
        Files.writeString(deadLetters().resolve(base + ".rejected.csv"), "rows");
        Files.writeString(reports().resolve("tickets.csv-run1-2.json"), "{}");

        assertThat(RunFiles.deleteAll(reports(), deadLetters(), base)).hasSize(3);

        try (var left = Files.list(reports())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("tickets.csv-run1-2.json");
        }
        assertThat(deadLetters().resolve(base + ".rejected.csv")).doesNotExist();
    }

    @Test
    void baseNameOfAReportDropsOnlyItsExtension() {
        assertThat(RunFiles.baseNameOf("contacts.csv-run1-2.json")).isEqualTo("contacts.csv-run1-2");
    }

    private Path reports() {
        return dir.resolve("reports");
    }

    private Path deadLetters() {
        return dir.resolve("dead-letter");
    }
}
