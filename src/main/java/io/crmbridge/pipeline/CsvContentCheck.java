package io.crmbridge.pipeline;

import io.crmbridge.intake.BinaryContentDetector;
import io.crmbridge.intake.Dialect;
import io.crmbridge.intake.DialectSniffer;
import io.crmbridge.intake.SpreadsheetDetector;
import io.crmbridge.intake.UnrecognisedDelimiterDetector;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * The intake route's first look at an inbox file, before it is told a sales-ledger export or a main-job file:
 * refuses, once for the whole file, content that is not a CSV file crm-bridge can read. In order: a spreadsheet
 * or PDF ({@link SpreadsheetDetector}), other binary content ({@link BinaryContentDetector}), lines separated by
 * a delimiter other than {@code , ; tab |} ({@link UnrecognisedDelimiterDetector}). Stateless and thread-safe.
 */
public final class CsvContentCheck {

    private final DialectSniffer sniffer = new DialectSniffer();
    private final SpreadsheetDetector spreadsheets = new SpreadsheetDetector();
    private final BinaryContentDetector binaryContent = new BinaryContentDetector();
    private final UnrecognisedDelimiterDetector delimiters = new UnrecognisedDelimiterDetector();

    /**
     * Bean method for the file consumer's exchange (body: the inbox file).
     *
     * @throws UnprocessableFileException when the file is a spreadsheet or a PDF, binary, or its delimiter is not
     *                                    one crm-bridge reads; the message says which and what to do
     * @throws IOException                when the file cannot be read
     */
    public void refuseUnreadable(Exchange exchange) throws IOException {
        Optional<String> problem = reason(exchange.getIn().getBody(File.class).toPath());
        if (problem.isPresent()) {
            throw new UnprocessableFileException(problem.get());
        }
    }

    /**
     * Why the file at {@code path} is not a CSV file crm-bridge can read (a spreadsheet or a PDF, binary content, an
     * unknown delimiter), or empty when it is one. Also the check of rows posted as CSV (docs/http-intake.md).
     *
     * @throws IOException when the file cannot be read
     */
    public Optional<String> reason(Path path) throws IOException {
        Optional<String> problem = spreadsheets.reason(path);
        if (problem.isEmpty()) {
            Dialect dialect = sniffer.sniff(path);
            problem = binaryContent.reason(path, dialect);
            if (problem.isEmpty()) {
                problem = delimiters.reason(path, dialect);
            }
        }
        return problem;
    }
}
