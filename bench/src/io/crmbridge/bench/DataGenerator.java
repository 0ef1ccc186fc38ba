package io.crmbridge.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Scales {@code customers-10000.csv} to the benchmark's input files: the source rows repeated in
 * order, with {@code Index} renumbered and every e-mail made unique by appending {@code .<row>} to
 * its local part ({@code urangel@x.net} becomes {@code urangel.12345@x.net}), so that no row is a
 * duplicate of another (the source itself holds two repeated e-mails).
 */
final class DataGenerator {

    private final List<String> header;
    private final List<List<String>> source;
    private final int emailColumn;
    private final int indexColumn;

    private DataGenerator(List<String> header, List<List<String>> source) {
        this.header = header;
        this.source = source;
        this.emailColumn = header.indexOf("Email");
        this.indexColumn = header.indexOf("Index");
        if (emailColumn < 0 || indexColumn < 0) {
            throw new IllegalArgumentException("the source has no Email or Index column: " + header);
        }
    }

    /** Reads the source file (header row + rows). */
    static DataGenerator from(Path customers) throws IOException {
        try (Reader in = Files.newBufferedReader(customers, StandardCharsets.UTF_8)) {
            List<String> header = null;
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord r : CSVFormat.DEFAULT.parse(in)) {
                if (header == null) {
                    header = r.toList();
                } else {
                    rows.add(r.toList());
                }
            }
            return new DataGenerator(header, rows);
        }
    }

    /** Row {@code n} (1-based) of the scaled file. */
    private List<String> row(long n) {
        List<String> row = new ArrayList<>(source.get((int) ((n - 1) % source.size())));
        row.set(indexColumn, Long.toString(n));
        String email = row.get(emailColumn);
        int at = email.indexOf('@');
        row.set(emailColumn, at < 0 ? email : email.substring(0, at) + "." + n + email.substring(at));
        return row;
    }

    /** Writes rows 1..{@code rows}, in order or reversed, unless the file exists already. */
    void write(Path file, long rows, boolean reversed) throws IOException {
        if (!Files.exists(file)) {
            write(file, 1, rows, reversed);
        }
    }

    /** Writes rows {@code first}..{@code first + rows - 1} to {@code file} (replaced), in order or reversed. */
    void write(Path file, long first, long rows, boolean reversed) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            printer.printRecord(header);
            if (reversed) {
                List<Long> order = new ArrayList<>();
                for (long n = first; n < first + rows; n++) {
                    order.add(n);
                }
                Collections.reverse(order);
                for (long n : order) {
                    printer.printRecord(row(n));
                }
            } else {
                for (long n = first; n < first + rows; n++) {
                    printer.printRecord(row(n));
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
