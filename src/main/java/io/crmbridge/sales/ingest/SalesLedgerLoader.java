package io.crmbridge.sales.ingest;

import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.model.SourceRow;
import io.crmbridge.sales.LedgerOutcome;
import io.crmbridge.sales.report.SalesLedgerReport;
import io.crmbridge.sales.store.LedgerClient;
import io.crmbridge.sales.store.LedgerProduct;
import io.crmbridge.sales.store.SalesLedgerStore;
import io.crmbridge.sales.store.SalesLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.ExchangeProperty;

/**
 * Decides the outcome of every row of a batch of a ledger file (PRODUCT.md W1) and returns the
 * entities to store, which the route hands to camel-jpa. Every row read gets exactly one
 * {@link LedgerOutcome}:
 *
 * <ul>
 *   <li>malformed or invalid rows are REJECTED to the dead-letter file with their reason;</li>
 *   <li>a key already met earlier in the same file (client code, product label, sales line
 *       identity) is REJECTED as {@code DUPLICATE_IN_FILE}: the first row wins;</li>
 *   <li>clients and products: LOADED when new, UPDATED when their values changed, UNCHANGED
 *       otherwise;</li>
 *   <li>sales lines: UNCHANGED when the same line is already in the ledger (an earlier file);
 *       HELD, stored with the reason, when its client or product is not in the ledger; LOADED
 *       otherwise.</li>
 * </ul>
 * Held lines are released by {@link #releaseHeld} once their client and product are both known.
 */
public final class SalesLedgerLoader {

    private final SalesLedgerStore store;
    private final ClientRowParser clients;
    private final ProductRowParser products;
    private final SalesLineRowParser lines;
    private final Clock clock;

    public SalesLedgerLoader(SalesLedgerStore store, ClientRowParser clients, ProductRowParser products,
                             SalesLineRowParser lines, Clock clock) {
        this.store = store;
        this.clients = clients;
        this.products = products;
        this.lines = lines;
        this.clock = clock;
    }

    /**
     * Bean method for one batch of rows.
     *
     * @return the clients, products or sales lines to store (new and changed ones; held lines included)
     */
    public List<Object> loadBatch(List<SourceRow> batch, @ExchangeProperty(SalesLedgerFile.PROPERTY) SalesLedgerFile file) {
        Instant now = clock.instant();
        switch (file.kind()) {
            case CLIENTS:
                return loadKeyed(batch, file, row -> clients.parse(row, file.importId(), now),
                        LedgerClient::getClientCode, LedgerClient::getContentHash, store::clientHashes, "client_code");
            case PRODUCTS:
                return loadKeyed(batch, file, row -> products.parse(row, file.importId(), now),
                        LedgerProduct::getProductKey, LedgerProduct::getContentHash, store::productHashes, "produit");
            default:
                return loadLines(batch, file);
        }
    }

    private <T> List<Object> loadKeyed(List<SourceRow> batch, SalesLedgerFile file,
                                       Function<LedgerRow, ParsedRow<T>> parser, Function<T, String> key,
                                       Function<T, String> hash,
                                       Function<List<String>, Map<String, String>> knownHashes, String keyColumn) {
        List<T> accepted = new ArrayList<>();
        for (SourceRow row : batch) {
            T value = accept(row, file, parser, key, keyColumn);
            if (value != null) {
                accepted.add(value);
            }
        }
        Map<String, String> known = knownHashes.apply(accepted.stream().map(key).toList());
        List<Object> toStore = new ArrayList<>();
        for (T value : accepted) {
            String before = known.get(key.apply(value));
            if (before == null) {
                file.report().outcome(LedgerOutcome.LOADED);
                toStore.add(value);
            } else if (!before.equals(hash.apply(value))) {
                file.report().outcome(LedgerOutcome.UPDATED);
                toStore.add(value);
            } else {
                file.report().outcome(LedgerOutcome.UNCHANGED);
            }
        }
        return toStore;
    }

    private List<Object> loadLines(List<SourceRow> batch, SalesLedgerFile file) {
        List<SalesLine> accepted = new ArrayList<>();
        for (SourceRow row : batch) {
            SalesLine line = accept(row, file, lines::parse, SalesLine::getLineKey, "document_no");
            if (line != null) {
                line.source(file.fileName(), row.rowNumber(), file.importId());
                accepted.add(line);
            }
        }
        Set<String> existing = store.existingLineKeys(accepted.stream().map(SalesLine::getLineKey).toList());
        Map<String, String> knownClients = store.clientHashes(accepted.stream().map(SalesLine::getClientCode).toList());
        Map<String, String> knownProducts = store.productHashes(accepted.stream().map(SalesLine::getProductKey).toList());
        List<Object> toStore = new ArrayList<>();
        SalesLedgerReport report = file.report();
        for (SalesLine line : accepted) {
            if (existing.contains(line.getLineKey())) {
                report.outcome(LedgerOutcome.UNCHANGED);
                continue;
            }
            if (line.holdUnlessKnown(knownClients.containsKey(line.getClientCode()),
                    knownProducts.containsKey(line.getProductKey()))) {
                report.outcome(LedgerOutcome.HELD);
                report.held(line.getSourceRow(), line.getHoldReason());
            } else {
                report.outcome(LedgerOutcome.LOADED);
            }
            toStore.add(line);
        }
        return toStore;
    }

    /**
     * Counts a row read, rejects it when malformed, invalid or a duplicate in the file, and counts
     * its warnings otherwise.
     *
     * @return the parsed value, or null when the row was rejected
     */
    private <T> T accept(SourceRow row, SalesLedgerFile file, Function<LedgerRow, ParsedRow<T>> parser,
                         Function<T, String> key, String keyColumn) {
        SalesLedgerReport report = file.report();
        report.rowRead();
        if (row.keptRejection().isPresent()) {
            reject(row, file, row.keptRejection().get());
            return null;
        }
        if (row.problem() != null) {
            reject(row, file, ErrorCode.MALFORMED_ROW.issue(row.problem()));
            return null;
        }
        ParsedRow<T> parsed;
        try {
            parsed = parser.apply(new LedgerRow(row, file.columns(), file.numbers()));
        } catch (RuntimeException e) {
            reject(row, file, ErrorCode.ROW_PROCESSING_ERROR.issue(e.toString()));
            return null;
        }
        if (parsed.isRejected()) {
            reject(row, file, parsed.rejection());
            return null;
        }
        String k = key.apply(parsed.value());
        Long first = file.firstRowWith(k, row.rowNumber());
        if (first != null) {
            reject(row, file, ErrorCode.DUPLICATE_IN_FILE.issue(first, keyColumn.equals("document_no")
                    ? "sales line (document, client, product, quantity, amount)" : keyColumn, k));
            return null;
        }
        List<Issue> warnings = parsed.warnings();
        Optional<Issue> strayQuote = row.strayQuoteWarning(file.reader().header());
        if (strayQuote.isPresent()) {
            warnings = new ArrayList<>(warnings);
            warnings.add(0, strayQuote.get());
        }
        report.warnings(warnings);
        return parsed.value();
    }

    private static void reject(SourceRow row, SalesLedgerFile file, Issue issue) {
        file.report().rejected(issue);
        file.report().outcome(LedgerOutcome.REJECTED);
        try {
            file.deadLetter().append(row, issue);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dead-letter file of " + file.fileName(), e);
        }
    }

    /**
     * Bean method after the last batch: releases every held line whose client and product are now
     * both in the ledger (whatever file held it), and records the counts in the report.
     */
    public void releaseHeld(@ExchangeProperty(SalesLedgerFile.PROPERTY) SalesLedgerFile file) {
        int released = store.releaseHeld(file.importId());
        store.refreshHoldReasons();
        file.report().heldLines(released, store.heldCount());
    }
}
