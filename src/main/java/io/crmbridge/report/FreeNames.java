package io.crmbridge.report;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Picks an outbox or archive name that no earlier run used, whatever the ledger remembers (an in-memory
 * ledger restarts its run numbers at 1 in every process, and a clock can show the same millisecond, or the
 * same local hour twice, to two runs).
 *
 * <p>The candidates of a name are {@code name}, then {@code name-2}, {@code name-3} ... ({@link #numbered}).
 * A candidate is claimed by creating its claim file with {@code CREATE_NEW}, which the file system grants
 * to one caller only: two files processed at once, or two processes sharing an outbox, never get the same
 * name. A claimed candidate is given up again (its claim file deleted) when one of the files an earlier run
 * may have left under it exists, and the next candidate is tried. Stateless and thread-safe.
 */
public final class FreeNames {

    /** Most candidates tried before giving up: far more than runs of one name can share a run number or a millisecond. */
    static final int MAX_CANDIDATES = 10_000;

    private FreeNames() {
    }

    /** The {@code n}-th candidate (1-based) of {@code base}: {@code base} itself for 1, else {@code base-n}. */
    public static String numbered(String base, int n) {
        return n == 1 ? base : base + "-" + n;
    }

    /**
     * The first candidate whose file does not exist, without reserving it: for a name that one writer at a
     * time hands out and uses at once (the inbox consumer's archive move).
     *
     * @param candidate the n-th candidate name (1-based)
     * @param file      the file a candidate names
     * @throws IOException when every one of {@value #MAX_CANDIDATES} candidates exists
     */
    public static String firstAbsent(java.util.function.IntFunction<String> candidate, Function<String, Path> file)
            throws IOException {
        for (int n = 1; n <= MAX_CANDIDATES; n++) {
            String name = candidate.apply(n);
            if (!Files.exists(file.apply(name))) {
                return name;
            }
        }
        throw new IOException("no free name: the first " + MAX_CANDIDATES + " candidates from '" + candidate.apply(1)
                + "' are all taken");
    }

    /**
     * Claims the first free candidate.
     *
     * @param candidate   the n-th candidate name (1-based), e.g. {@code n -> numbered(base, n)}
     * @param claimFile   the file whose creation claims a candidate; it exists when this method returns, and
     *                    its owner deletes it (or replaces it, like an archive move) when the name is no longer
     *                    being written
     * @param earlierFiles the files an earlier run may have left under a candidate; any of them existing makes
     *                    the candidate taken
     * @return the claimed candidate
     * @throws IOException when a claim file cannot be created (directory not writable ...), or every one of
     *                     {@value #MAX_CANDIDATES} candidates is taken
     */
    public static String claim(java.util.function.IntFunction<String> candidate, Function<String, Path> claimFile,
                               Function<String, List<Path>> earlierFiles) throws IOException {
        for (int n = 1; n <= MAX_CANDIDATES; n++) {
            String name = candidate.apply(n);
            Path claim = claimFile.apply(name);
            Files.createDirectories(claim.getParent());
            try {
                Files.createFile(claim);
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            // the claim comes first, then the check: a run publishes its files before it deletes its claim, so a
            // name in use always shows one or the other
            if (earlierFiles.apply(name).stream().noneMatch(Files::exists)) {
                return name;
            }
            Files.deleteIfExists(claim);
        }
        throw new IOException("no free name: the first " + MAX_CANDIDATES + " candidates from '" + candidate.apply(1)
                + "' are all taken");
    }
}
