package io.crmbridge.pipeline;

import io.crmbridge.report.OutboxNames;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * The name a processed inbox file is archived under in {@code inbox/.done/} (routes/intake.yaml,
 * the file consumer's {@code move}): its {@link OutboxNames outbox name} with the local time
 * {@code -yyyyMMdd-HHmmssSSS} before the extension, e.g. {@code contacts-20240314-101502123.csv}.
 * Derived from the outbox name so that a file whose name is already near the file system's
 * 255-byte limit can still be archived (a failed archive move would make the consumer take the
 * file again on every poll).
 */
public final class ArchiveName {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS");

    private final Clock clock;

    public ArchiveName(Clock clock) {
        this.clock = clock;
    }

    /** Bean method for the consumer's {@code move} expression: the archive name of inbox file {@code fileName}. */
    public String done(@Header(Exchange.FILE_NAME_ONLY) String fileName) {
        String safe = OutboxNames.of(fileName);
        String stamp = LocalDateTime.now(clock.withZone(ZoneId.systemDefault())).format(STAMP);
        int dot = safe.lastIndexOf('.');
        return dot > 0 ? safe.substring(0, dot) + "-" + stamp + safe.substring(dot) : safe + "-" + stamp;
    }
}
