package io.crmbridge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The floor of the pipeline rate: a bare commons-csv parse of a file (every field read, nothing
 * else), run in a fresh JVM like the pipeline itself. Prints {@code rows=<n> ms=<wall ms>}.
 */
final class ParseFloor {

    private ParseFloor() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long start = System.nanoTime();
        long rows = 0;
        long chars = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                for (int i = 0; i < r.size(); i++) {
                    chars += r.get(i).length();
                }
                rows++;
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        // chars is printed so that the JIT cannot drop the field reads
        System.out.println("rows=" + rows + " ms=" + ms + " chars=" + chars);
    }
}
