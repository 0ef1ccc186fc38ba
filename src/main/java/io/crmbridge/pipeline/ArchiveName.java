package io.crmbridge.pipeline;

import io.crmbridge.ledger.ImportHistory;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveName.class);

    private final Path doneDir;
    private final Clock clock;
    private final ImportHistory history;

    /** @param doneDir the archive folder, {@code <inbox>/.done} */
    public ArchiveName(Path doneDir, Clock clock) {
        this(doneDir, clock, null);
    }

    /**
     * @param doneDir the archive folder, {@code <inbox>/.done}
     * @param history where the name is recorded against the file's run, or as a skipped file (null: nowhere)
     */
    public ArchiveName(Path doneDir, Clock clock, ImportHistory history) {
        this.doneDir = doneDir;
        this.clock = clock;
        this.history = history;
    }

    /**
     * The archive name of inbox file {@code fileName}, the first of its candidates that no archived file has.
     *
     * @throws IOException when every candidate is taken
     */
    String done(String fileName) throws IOException {
        return done(fileName, null);
    }

    /**
     * Bean method for the consumer's {@code move} expression: as {@link #done(String)}, and records the name in the
     * {@link ImportHistory}: against the exchange's import run ({@link FileImport}), or as a file skipped for content
     * already imported ({@link FileIntake#SKIP_OF_PROPERTY}),
     * so that the console can serve the archived original and list the skip. A failure to record is logged and
     * never stops the archiving.
     */
    public String done(@Header(Exchange.FILE_NAME_ONLY) String fileName, Exchange exchange) throws IOException {
        String name = name(fileName);
        if (history != null && exchange != null) {
            record(fileName, name, exchange);
        }
        return name;
    }

    private void record(String fileName, String name, Exchange exchange) {
        try {
            FileImport file = exchange.getProperty(FileImport.PROPERTY, FileImport.class);
            Long duplicateOf = exchange.getProperty(FileIntake.SKIP_OF_PROPERTY, Long.class);
            if (file != null) {
                history.archived(file.runId(), name);
            } else if (Boolean.TRUE.equals(exchange.getProperty(FileIntake.SKIP_PROPERTY, Boolean.class))
                    && duplicateOf != null) {
                history.skipped(fileName, exchange.getProperty(FileIntake.SKIP_HASH_PROPERTY, String.class),
                        duplicateOf, name);
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: archived as {}, but the ledger could not record it: {}", fileName, name, e.toString());
        }
    }

    private String name(String fileName) throws IOException {
        String safe = OutboxNames.of(fileName);
        String stamp = LocalDateTime.now(clock.withZone(ZoneId.systemDefault())).format(STAMP);
        int dot = safe.lastIndexOf('.');
        String stem = (dot > 0 ? safe.substring(0, dot) : safe) + "-" + stamp;
        String extension = dot > 0 ? safe.substring(dot) : "";
        return FreeNames.firstAbsent(n -> FreeNames.numbered(stem, n) + extension, doneDir::resolve);
    }
}
