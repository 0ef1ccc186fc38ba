package io.crmbridge.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The closing note of a test run: how many requests and responses were validated against HubSpot's
 * OpenAPI documents and how many spec exceptions exist (and how often each applied). Printed to the
 * console and written to {@code target/contract-summary.txt} ({@code target/contract-summary-it.txt} for the
 * integration tests) when JUnit closes the root store at the end of the run.
 */
final class ContractSummary implements AutoCloseable {

    /** The system property naming the file the totals go to; {@code target/contract-summary.txt} when unset. */
    static final String FILE_PROPERTY = "test.contract-summary";

    private final ContractRecords records;
    private final ContractExceptions exceptions;

    ContractSummary(ContractRecords records, ContractExceptions exceptions) {
        this.records = records;
        this.exceptions = exceptions;
    }

    /** e.g. "contract: 812 requests and 812 responses validated against HubSpot's OpenAPI, 2 spec exceptions (...)". */
    String line() {
        return "contract: " + records.requestsValidated() + " requests and " + records.responsesValidated()
                + " responses validated against HubSpot's OpenAPI (" + records.exchanges() + " sandbox exchanges), "
                + exceptions.departures().size() + " spec exceptions (applied " + records.excused() + "); by API version: "
                + new java.util.TreeMap<>(records.validatedByVersion());
    }

    @Override
    public void close() {
        String line = line();
        System.out.println(line);
        // the integration tests' JVM names its own file (pom.xml), so that it does not overwrite the unit tests' totals
        Path file = Path.of(System.getProperty(FILE_PROPERTY, "target/contract-summary.txt"));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
