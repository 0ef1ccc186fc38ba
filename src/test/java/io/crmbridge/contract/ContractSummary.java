package io.crmbridge.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The closing note of a test run: how many requests and responses were validated against HubSpot's
 * OpenAPI documents and how many spec exceptions exist (and how often each applied). Printed to the
 * console and written to {@code target/contract-summary.txt} when JUnit closes the root store at the
 * end of the run.
 */
final class ContractSummary implements AutoCloseable {

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
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "contract-summary.txt"), line + System.lineSeparator(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
