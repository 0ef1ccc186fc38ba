package io.crmbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveNameTest {

    @TempDir
    Path dir;

    @Test
    void twoFilesOfOneNameArchivedInTheSameMillisecondGetTwoNames() throws Exception {
        Path done = dir.resolve(".done");
        ArchiveName names = new ArchiveName(done, Clock.fixed(Instant.parse("2024-03-14T10:15:02.123Z"), ZoneOffset.UTC));

        String first = names.done("contacts.csv");
        Files.createDirectories(done);
        Files.writeString(done.resolve(first), "the first file, moved");
        String second = names.done("contacts.csv");

        assertThat(first).matches("contacts-\\d{8}-\\d{9}\\.csv");
        assertThat(second).isEqualTo(first.replace(".csv", "-2.csv"));
    }

    @Test
    void aNameHandedOutButNeverMovedToLeavesNothingInTheArchive() throws Exception {
        // a process killed between the name and the move must not leave an empty file in .done/
        Path done = dir.resolve(".done");
        ArchiveName names = new ArchiveName(done, Clock.fixed(Instant.parse("2024-03-14T10:15:02.123Z"), ZoneOffset.UTC));

        names.done("contacts.csv");

        assertThat(done).satisfiesAnyOf(d -> assertThat(d).doesNotExist(), d -> assertThat(d).isEmptyDirectory());
    }

    @Test
    void anArchivedFileIsNeverTheTargetOfALaterMove() throws Exception {
        Path done = Files.createDirectories(dir.resolve(".done"));
        ArchiveName names = new ArchiveName(done, Clock.fixed(Instant.parse("2024-03-14T10:15:02.123Z"), ZoneOffset.UTC));
        String first = names.done("notes");
        Files.writeString(done.resolve(first), "archived earlier");

        assertThat(names.done("notes")).isEqualTo(first + "-2");
        assertThat(done.resolve(first)).hasContent("archived earlier");
    }
}
