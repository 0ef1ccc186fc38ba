package io.crmbridge.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox files of one import run (docs/import.md), all under one base name:
 * {@code reports/<base>.json}, {@code reports/<base>.html} and {@code dead-letter/<base>.rejected.csv},
 * where {@code <base>} is {@code <outbox name>-run<N>} ({@link OutboxNames}, N the ledger's run number), or
 * {@code <outbox name>-run<N>-2}, {@code -3} ... when an earlier run, whose ledger is gone (an in-memory
 * ledger, a deleted ledger file), left files under that name: no run ever replaces another run's files.
 *
 * <p>The name is claimed ({@link FreeNames}) by the hidden file {@code reports/.<base>.running}, which
 * {@link #release} deletes once the run's reports are written or the run ended without them.
 */
public final class RunFiles {

    private static final String CLAIM_SUFFIX = ".running";

    private RunFiles() {
    }

    /**
     * Claims the base name of run {@code runId} of the inbox file whose outbox name is {@code outboxName}.
     *
     * @return the base name, e.g. {@code contacts.csv-run3}, or {@code contacts.csv-run1-2} when an earlier run
     *         left files under {@code contacts.csv-run1}
     * @throws IOException when the reports directory cannot be written
     */
    public static String claim(Path reportsDir, Path deadLetterDir, String outboxName, long runId) throws IOException {
        String first = outboxName + "-run" + runId;
        return FreeNames.claim(n -> FreeNames.numbered(first, n), b -> claimFile(reportsDir, b),
                b -> files(reportsDir, deadLetterDir, b));
    }

    /** Gives base name {@code baseName} up: its run's files are written (or never will be). Idempotent. */
    public static void release(Path reportsDir, String baseName) throws IOException {
        Files.deleteIfExists(claimFile(reportsDir, baseName));
    }

    /**
     * Deletes every file of the run whose files were written under {@code baseName} (its reports, its dead-letter
     * file, its claim), for a run that a new run of the same content takes over.
     *
     * @return the files that existed and were deleted
     * @throws IllegalArgumentException when {@code baseName} is not a plain file name
     */
    public static List<Path> deleteAll(Path reportsDir, Path deadLetterDir, String baseName) throws IOException {
        if (baseName.isBlank() || baseName.contains("/") || baseName.contains("\\") || baseName.startsWith(".")) {
            throw new IllegalArgumentException("not a run's base name: '" + baseName + "'");
        }
        List<Path> deleted = new ArrayList<>();
        List<Path> all = new ArrayList<>(files(reportsDir, deadLetterDir, baseName));
        all.add(claimFile(reportsDir, baseName));
        for (Path p : all) {
            if (Files.deleteIfExists(p)) {
                deleted.add(p);
            }
        }
        return deleted;
    }

    /** The base name of a report file name ({@code contacts.csv-run1-2.json} gives {@code contacts.csv-run1-2}). */
    public static String baseNameOf(String reportFileName) {
        int dot = reportFileName.lastIndexOf('.');
        return dot > 0 ? reportFileName.substring(0, dot) : reportFileName;
    }

    private static List<Path> files(Path reportsDir, Path deadLetterDir, String base) {
        return List.of(reportsDir.resolve(base + ".json"), reportsDir.resolve(base + ".html"),
                deadLetterDir.resolve(base + DeadLetterWriter.SUFFIX));
    }

    private static Path claimFile(Path reportsDir, String base) {
        return reportsDir.resolve("." + base + CLAIM_SUFFIX);
    }
}
