package io.crmbridge.sales;

import io.crmbridge.config.BridgeSettings;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.ops.BridgeMetrics;
import io.crmbridge.ops.FileStatus;
import io.crmbridge.report.NumberFormatUsed;
import io.crmbridge.sales.ingest.SalesLedgerFile;
import io.crmbridge.sales.report.SalesLedgerReport;
import io.crmbridge.sales.report.SalesLedgerReportWriter;
import io.crmbridge.sales.scoring.ClientDetails;
import io.crmbridge.sales.scoring.LedgerScoring;
import io.crmbridge.sales.scoring.ScoringResult;
import io.crmbridge.sales.store.SalesLedgerHistory;
import io.crmbridge.sales.store.SalesLedgerStore;
import io.crmbridge.validation.NumberConvention;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import io.crmbridge.push.PushResult;
import io.crmbridge.report.RunFiles;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of one sales-ledger file (routes/sales-ledger.yaml): the scores are recomputed over the
 * whole ledger (W2) and stored, the scored clients are left for the push (W3) as a
 * {@code List<CustomerProfile>} in exchange property {@value #PROFILES_PROPERTY}, then the file's
 * accounting is checked, its JSON and HTML reports written and its history row and import run closed; its
 * rows (object type {@link LedgerFileKind#label()}) and the file go into the {@link BridgeMetrics}.
 */
public final class SalesLedgerCompletion {

    /** Exchange property holding the {@code List<CustomerProfile>} of the scoring run after the import. */
    public static final String PROFILES_PROPERTY = "crmBridgeCustomerProfiles";
    private static final Logger LOG = LoggerFactory.getLogger(SalesLedgerCompletion.class);

    private final BridgeSettings settings;
    private final Ledger ledger;
    private final SalesLedgerStore store;
    private final SalesLedgerHistory history;
    private final LedgerScoring scoring;
    private final SalesLedgerReportWriter writer = new SalesLedgerReportWriter();
    private final Clock clock;
    private final BridgeMetrics metrics;

    public SalesLedgerCompletion(BridgeSettings settings, Ledger ledger, SalesLedgerStore store,
                                 SalesLedgerHistory history, LedgerScoring scoring, Clock clock, BridgeMetrics metrics) {
        this.settings = settings;
        this.ledger = ledger;
        this.store = store;
        this.history = history;
        this.scoring = scoring;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Recomputes and stores the scores, and records the segment distribution (when a client was scored) as this
     * import's; the profiles go to property {@value #PROFILES_PROPERTY}.
     */
    public void score(@ExchangeProperty(SalesLedgerFile.PROPERTY) SalesLedgerFile file, Exchange exchange) {
        Map<String, ClientDetails> details = store.clientDetails();
        ScoringResult result = scoring.score(store.purchases(), c -> details.getOrDefault(c, ClientDetails.NONE),
                store.catalogueFamilies());
        store.replaceScores(result, clock.instant());
        // an import that left no client scored (clients or products before any sales line) has no distribution
        if (result.summary().clientsScored() > 0) {
            history.recordSegments(file.importId(), result.summary().segments());
        }
        file.report().scoring(result.summary());
        exchange.setProperty(PROFILES_PROPERTY, result.profiles());
        LOG.info("{}: scored {} clients, segments {}", file.fileName(), result.summary().clientsScored(),
                result.summary().segments());
    }

    /**
     * Puts the push's counts in the file's report (the body of {@code direct:push-customers}'s answer) and records
     * the push with each client's outcome in the push history.
     */
    public void pushed(@ExchangeProperty(SalesLedgerFile.PROPERTY) SalesLedgerFile file, @org.apache.camel.Body PushResult result) {
        file.report().push(result.toMap());
        history.recordPush(file.importId(), result, clock.instant());
    }

    /**
     * Records a push that stopped (a refused HubSpot token or Brevo key, a dead-letter file that cannot be
     * written): the ledger import itself stands, the report says why the clients were not pushed.
     */
    public void pushFailed(@ExchangeProperty(SalesLedgerFile.PROPERTY) SalesLedgerFile file,
                           @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure,
                           @ExchangeProperty(PROFILES_PROPERTY) java.util.List<?> profiles) {
        String message = failure == null ? "unknown failure" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        LOG.error("{}: the push of the scored clients stopped: {}", file.fileName(), message);
        Map<String, Object> section = new java.util.LinkedHashMap<>();
        section.put("error", message);
        file.report().push(section);
        history.recordPushFailure(file.importId(), profiles == null ? 0 : profiles.size(), message, clock.instant());
    }

    /**
     * Closes the file, checks the accounting and writes the reports.
     *
     * @throws io.crmbridge.report.AccountingMismatchException when the outcomes do not add up to the rows read
     * @throws IOException when a report cannot be written
     */
    public void writeReport(@ExchangeProperty(SalesLedgerFile.PROPERTY) SalesLedgerFile file) throws IOException {
        SalesLedgerReport report = file.report();
        report.lines(file.reader().lineCounts());
        file.reader().close();
        file.deadLetter().close();
        file.deadLetter().file().ifPresent(p -> report.deadLetterFile(settings.relativeToOutbox(p)));
        NumberConvention numbers = file.numbers().convention();
        report.numberFormat(NumberFormatUsed.of(numbers.decimalSeparator(), numbers.thousandsSeparator(),
                file.numbers().proof()));
        report.finish(clock.instant());
        report.named(file.runId(), file.reportBaseName());
        report.checkAccounting();
        Path json = writer.writeJson(report, settings.reportsDir(), file.reportBaseName());
        Path html = writer.writeHtml(report, settings.reportsDir(), file.reportBaseName());
        RunFiles.release(settings.reportsDir(), file.reportBaseName());
        LOG.info("{}: {} rows read: {}; held lines released {}", file.fileName(), report.rowsRead(),
                report.outcomes(), report.released());
        LOG.info("Report: {} (HTML: {})", json.toAbsolutePath(), html.toAbsolutePath());
        store.finishImport(file.importId(), "COMPLETED", report.rowsRead(), report.outcomes(), report.released(),
                settings.relativeToOutbox(json), clock.instant());
        ledger.finishRun(file.runId(), ImportRun.Status.COMPLETED, report.rowsRead(), settings.relativeToOutbox(json));
        report.outcomes().forEach((outcome, n) -> metrics.rows(report.kind().label(),
                outcome.name().toLowerCase(java.util.Locale.ROOT), n));
        metrics.fileEnded(FileStatus.DONE);
    }
}
