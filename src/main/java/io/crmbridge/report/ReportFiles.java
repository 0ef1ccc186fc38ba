package io.crmbridge.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes report files so that a reader never sees half a file: the content goes to a temporary
 * file in the target directory, which is then moved over the target with {@code ATOMIC_MOVE}
 * (same directory, so the same file system).
 */
public final class ReportFiles {

    private ReportFiles() {
    }

    /**
     * Writes {@code content} to {@code dir/<baseName><extension>}, creating {@code dir} when needed.
     *
     * @return the written file
     * @throws IllegalArgumentException when {@code baseName} is empty or would leave {@code dir}
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
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }
}
