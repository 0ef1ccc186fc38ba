package io.crmbridge.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a child application left in its folders: the files of a folder, a file's reports in an outbox. */
final class SiteFiles {

    private SiteFiles() {
    }

    /** The names of the regular files in {@code folder} but Camel's {@code .camelLock} markers, sorted; none if absent. */
    static List<String> filesIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(n -> !n.endsWith(".camelLock")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON reports of {@code file}'s runs in {@code outbox}/reports ({@code <file>-run<id>.json}), sorted. */
    static List<Path> reports(Path outbox, String file) {
        Path reports = outbox.resolve("reports");
        if (!Files.isDirectory(reports)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(reports)) {
            return s.filter(p -> p.getFileName().toString().startsWith(file + "-run")
                    && p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
