package io.crmbridge;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the shared real datasets in place (never copied into the project). */
public final class Datasets {

    /** The folder, ../shared/datasets relative to the project root. */
    public static final Path DIR = Path.of("..", "shared", "datasets");
    public static final Path CUSTOMERS = DIR.resolve("customers-10000.csv");
    public static final Path ORGANIZATIONS = DIR.resolve("organizations-1000.csv");
    public static final Path TICKETS = DIR.resolve("customer_support_tickets.csv");

    private Datasets() {
    }

    /** All records of a dataset, with its header. */
    public static List<CSVRecord> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }
}
