package io.crmbridge.pipeline;

import io.crmbridge.cli.RunControl;
import io.crmbridge.report.OutboxNames;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox consumer's file filter (routes/intake.yaml, {@code filter}): takes inbox files whose
 * name holds a backslash out of the inbox before the file consumer sees them (issue #5, hostile
 * file names).
 *
 * <p>On Linux {@code \} is an ordinary character of a file name, but Camel's file component reads
 * it as a folder separator: such a file ({@code contacts-..\..\x.csv}) can never be locked, read
 * nor archived, and would be retried on every poll. It is moved to
 * {@code outbox/dead-letter/<outbox name>} with a {@code .error.txt} saying why, like any file that
 * cannot be imported, and counts as a failed file. Every other file is accepted.
 */
public final class BackslashNameQuarantine implements GenericFileFilter<File> {

    private static final Logger LOG = LoggerFactory.getLogger(BackslashNameQuarantine.class);

    private final Path deadLetterDir;
    private final RunControl runControl;

    public BackslashNameQuarantine(Path deadLetterDir, RunControl runControl) {
        this.deadLetterDir = deadLetterDir;
        this.runControl = runControl;
    }

    /**
     * Accepts {@code file} unless its name holds a backslash; such a file is moved to the dead-letter folder.
     *
     * @throws UncheckedIOException when the file cannot be moved (the consumer logs it and retries on the next poll)
     */
    @Override
    public boolean accept(GenericFile<File> file) {
        File real = file.getFile();
        if (file.isDirectory() || real.getName().indexOf('\\') < 0) {
            return true;
        }
        String name = real.getName();
        String safe = OutboxNames.of(name);
        String reason = "the file name holds a backslash, which the file consumer reads as a folder separator:"
                + " rename the file without it and drop it again";
        try {
            Files.createDirectories(deadLetterDir);
            Files.move(real.toPath(), deadLetterDir.resolve(safe), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(deadLetterDir.resolve(safe + ".error.txt"), reason + System.lineSeparator(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + safe + " to " + deadLetterDir, e);
        }
        runControl.fileFailed();
        LOG.error("{}: not imported: {} (moved to {})", safe, reason, deadLetterDir.resolve(safe));
        return false;
    }
}
