package io.crmbridge.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;

/**
 * Writes report files so that a reader never sees half a file and no earlier report is replaced: the
 * content goes to a temporary file in the target directory, which is then published under the target
 * name by a hard link, which the file system creates only when the name is free (same directory, so the
 * same file system); where hard links are not supported, by a move that refuses an existing target.
 * The names themselves are chosen free by {@link RunFiles}.
 */
public final class ReportFiles {

    private ReportFiles() {
    }

    /**
     * Writes {@code content} to {@code dir/<baseName><extension>}, creating {@code dir} when needed.
     *
     * @return the written file
     * @throws IllegalArgumentException when {@code baseName} is empty or would leave {@code dir}
     * @throws java.nio.file.FileAlreadyExistsException when the target exists
     * @throws IOException              when the directory or file cannot be written
     */
    public static Path writeAtomically(Path dir, String baseName, String extension, byte[] content) throws IOException {
        if (baseName == null || baseName.isBlank() || baseName.contains("/") || baseName.contains("\\")
                || baseName.equals(".") || baseName.equals("..")) {
            throw new IllegalArgumentException("report base name must be a plain file name: '" + baseName + "'");
        }
        Files.createDirectories(dir);
        Path target = dir.resolve(baseName + extension);
        Path temp = Files.createTempFile(dir, ".report-", ".tmp");
        try {
            Files.write(temp, content);
            publish(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    private static void publish(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // no hard links here (FAT, some network shares): a rename refusing an existing target
            Files.move(temp, target);
        }
    }
}
