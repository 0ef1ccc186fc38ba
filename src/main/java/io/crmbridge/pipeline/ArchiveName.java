package io.crmbridge.pipeline;

import io.crmbridge.report.FreeNames;
import io.crmbridge.report.OutboxNames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * The name a processed inbox file is archived under in {@code inbox/.done/} (routes/intake.yaml,
 * the file consumer's {@code move}): its {@link OutboxNames outbox name} with the local time
 * {@code -yyyyMMdd-HHmmssSSS} before the extension, e.g. {@code contacts-20240314-101502123.csv},
 * or with {@code -2}, {@code -3} ... after the time when a file of that name is already archived (two
 * files of one name in the same millisecond, the hour repeated when clocks go back): Camel's move
 * deletes an existing target first, so a name in use would lose the earlier archive. Nothing is
 * written to reserve the name: the inbox's consumer archives one file at a time, and a process killed
 * between this call and the move must leave no empty file in the archive.
 * Derived from the outbox name so that a file whose name is already near the file system's
 * 255-byte limit can still be archived (a failed archive move would make the consumer take the
 * file again on every poll).
 */
public final class ArchiveName {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS");

    private final Path doneDir;
    private final Clock clock;

    /** @param doneDir the archive folder, {@code <inbox>/.done} */
    public ArchiveName(Path doneDir, Clock clock) {
        this.doneDir = doneDir;
        this.clock = clock;
    }

    /**
     * Bean method for the consumer's {@code move} expression: the archive name of inbox file {@code fileName},
     * the first of its candidates that no archived file has.
     *
     * @throws IOException when every candidate is taken
     */
    public String done(@Header(Exchange.FILE_NAME_ONLY) String fileName) throws IOException {
        String safe = OutboxNames.of(fileName);
        String stamp = LocalDateTime.now(clock.withZone(ZoneId.systemDefault())).format(STAMP);
        int dot = safe.lastIndexOf('.');
        String stem = (dot > 0 ? safe.substring(0, dot) : safe) + "-" + stamp;
        String extension = dot > 0 ? safe.substring(dot) : "";
        return FreeNames.firstAbsent(n -> FreeNames.numbered(stem, n) + extension, doneDir::resolve);
    }
}
