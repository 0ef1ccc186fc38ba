package io.crmbridge.pipeline;

import io.crmbridge.cli.RunControl;
import io.crmbridge.ops.BridgeMetrics;
import io.crmbridge.ops.FileStatus;
import io.crmbridge.report.OutboxNames;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox consumer's file filter (routes/intake.yaml, {@code filter}): takes the inbox files
 * that Camel's file consumer could never take out of the inbox before it sees them (hostile
 * file names). Without this, such a file stays in the inbox and fails again on every poll.
 * <ul>
 *   <li>a name holding {@code \}: an ordinary character of a Linux file name, but a folder
 *       separator for the file component ({@code contacts-..\..\x.csv} cannot be locked nor read);</li>
 *   <li>a name longer than {@value #MAX_NAME_BYTES} UTF-8 bytes: the consumer's read lock creates
 *       {@code <name>.camelLock} beside the file, which would pass the 255-byte name limit of
 *       ext4, XFS, APFS and NTFS.</li>
 * </ul>
 * Such a file is moved to {@code outbox/dead-letter/<outbox name>} ({@link OutboxNames}) with a
 * {@code .error.txt} saying why, like any file that cannot be imported, and counts as a failed
 * file (in the metrics: {@link FileStatus#DEAD_LETTERED}). Every other file is accepted.
 */
public final class InboxNameQuarantine implements GenericFileFilter<File> {

    /** Longest inbox file name taken: 255 bytes less the {@code .camelLock} suffix of the read lock's marker file. */
    public static final int MAX_NAME_BYTES = 255 - ".camelLock".length();
    private static final Logger LOG = LoggerFactory.getLogger(InboxNameQuarantine.class);

    private final Path deadLetterDir;
    private final RunControl runControl;
    private final BridgeMetrics metrics;

    public InboxNameQuarantine(Path deadLetterDir, RunControl runControl, BridgeMetrics metrics) {
        this.deadLetterDir = deadLetterDir;
        this.runControl = runControl;
        this.metrics = metrics;
    }

    /**
     * Accepts {@code file} unless its name cannot be taken by the file consumer; such a file is
     * moved to the dead-letter folder.
     *
     * @throws UncheckedIOException when the file cannot be moved (the consumer logs it and retries on the next poll)
     */
    @Override
    public boolean accept(GenericFile<File> file) {
        if (file.isDirectory()) {
            return true;
        }
        File real = file.getFile();
        Optional<String> reason = whyNotTaken(real.getName());
        if (reason.isEmpty()) {
            return true;
        }
        String safe = OutboxNames.of(real.getName());
        try {
            Files.createDirectories(deadLetterDir);
            Files.move(real.toPath(), deadLetterDir.resolve(safe), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(deadLetterDir.resolve(safe + ".error.txt"), reason.get() + System.lineSeparator(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + safe + " to " + deadLetterDir, e);
        }
        runControl.fileFailed();
        metrics.fileEnded(FileStatus.DEAD_LETTERED);
        LOG.error("{}: not imported: {} (moved to {})", safe, reason.get(), deadLetterDir.resolve(safe));
        return false;
    }

    /** Why the file consumer could not take a file named {@code name}, if it could not. */
    static Optional<String> whyNotTaken(String name) {
        if (name.indexOf('\\') >= 0) {
            return Optional.of("the file name holds a backslash, which the file consumer reads as a folder separator:"
                    + " rename the file without it and drop it again");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            return Optional.of("the file name is " + bytes + " bytes long, more than the " + MAX_NAME_BYTES
                    + " the file consumer can lock: rename the file shorter and drop it again");
        }
        return Optional.empty();
    }
}
