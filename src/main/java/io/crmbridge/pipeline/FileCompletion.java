package io.crmbridge.pipeline;

import io.crmbridge.cli.RunControl;
import io.crmbridge.config.BridgeSettings;
import io.crmbridge.enrichment.AssociationLinker;
import io.crmbridge.events.CompletionEvents;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.model.Outcome;
import io.crmbridge.ops.BridgeMetrics;
import io.crmbridge.ops.FileStatus;
import io.crmbridge.report.HtmlReportWriter;
import io.crmbridge.report.ImportReport;
import io.crmbridge.report.JsonReportWriter;
import io.crmbridge.report.NumberFormatUsed;
import io.crmbridge.report.OutboxNames;
import io.crmbridge.report.RunFiles;
import io.crmbridge.report.SummaryLine;
import io.crmbridge.validation.NumberConvention;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of one inbox file (routes/associations.yaml, routes/reports.yaml): makes the links that
 * can be made now, checks that the outcome counts add up to the rows read, writes the JSON and
 * HTML reports, logs the one-line summary and closes the import run. Also handles files that could
 * not be processed or were skipped. Every end counts the file by {@link FileStatus} and its rows by outcome in
 * the {@link BridgeMetrics}.
 */
public final class FileCompletion {

    private static final Logger LOG = LoggerFactory.getLogger(FileCompletion.class);

    private final BridgeSettings settings;
    private final Ledger ledger;
    private final AssociationLinker linker;
    private final RunControl runControl;
    private final JsonReportWriter json = new JsonReportWriter();
    private final HtmlReportWriter html = new HtmlReportWriter();
    private final InboxRetry retry;
    private final Clock clock;
    private final BridgeMetrics metrics;
    private final CompletionEvents events;

    /** @param events told each end of a run or a file that is final (docs/events.md), never one that comes back */
    public FileCompletion(BridgeSettings settings, Ledger ledger, AssociationLinker linker, RunControl runControl,
                          InboxRetry retry, Clock clock, BridgeMetrics metrics, CompletionEvents events) {
        this.events = events;
        this.settings = settings;
        this.ledger = ledger;
        this.linker = linker;
        this.runControl = runControl;
        this.retry = retry;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** A file whose content was already imported (routes/intake.yaml, routes/sales-ledger.yaml): archived, no report. */
    public void skipped() {
        metrics.fileEnded(FileStatus.SKIPPED);
    }

    /** Makes every pending link whose ends have landed (none in dry-run mode: nothing is sent). */
    public void linkAssociations(@ExchangeProperty(FileImport.PROPERTY) FileImport file) {
        if (file.dryRun() || file.isAborted()) {
            file.report().associationsPending(ledger.pendingCount());
            return;
        }
        linker.linkPending(file.runId(), file.report());
    }

    /**
     * Closes the file's reader and dead-letter file, checks the accounting and writes the reports.
     * A file HubSpot refused access for is reported, then failed (it moves to inbox/.failed/ and its
     * content is not marked imported) and the run stops: see {@link RunControl#hubSpotRefusedAccess}.
     *
     * @throws io.crmbridge.report.AccountingMismatchException when the outcomes do not add up to the rows read
     * @throws IOException when the source file cannot be closed
     * @throws ResourceUnavailableException when a report cannot be written (the outbox is not writable)
     * @throws IllegalStateException when HubSpot refused the token or its scopes during the file
     */
    public void writeReport(@ExchangeProperty(FileImport.PROPERTY) FileImport file, CamelContext context)
            throws IOException {
        ImportReport report = file.report();
        report.lines(file.reader().lineCounts());
        file.reader().close();
        file.deadLetter().close();
        file.deadLetter().file().ifPresent(p -> report.deadLetterFile(settings.relativeToOutbox(p)));
        file.dates().detectedOrder().ifPresent(o -> report.detectedDateOrder(o.name()));
        NumberConvention numbers = file.numbers().convention();
        report.numberFormat(NumberFormatUsed.of(numbers.decimalSeparator(), numbers.thousandsSeparator(),
                file.numbers().proof()));
        report.finish(clock.instant());
        report.named(file.runId(), file.reportBaseName());
        report.checkAccounting();
        Path jsonFile;
        Path htmlFile;
        try {
            jsonFile = json.write(report, settings.reportsDir(), file.reportBaseName());
            htmlFile = html.write(report, settings.reportsDir(), file.reportBaseName());
        } catch (IOException e) {
            throw new ResourceUnavailableException("outbox " + settings.reportsDir(), e);
        }
        releaseName(file);
        LOG.info(SummaryLine.of(report));
        LOG.info("Report: {} (HTML: {})", jsonFile.toAbsolutePath(), htmlFile.toAbsolutePath());
        tallyRows(file);
        if (file.isAborted()) {
            runControl.hubSpotRefusedAccess(context, file.abortReason());
            throw new IllegalStateException("HubSpot refused access: " + file.abortReason());
        }
        ledger.finishRun(file.runId(), ImportRun.Status.COMPLETED, report.rowsRead(), settings.relativeToOutbox(jsonFile));
        metrics.fileEnded(FileStatus.DONE);
        events.importEnded(file.runId(), report, ImportRun.Status.COMPLETED.name(), true);
    }

    /**
     * Adds the file's rows to the metrics by outcome, once per file (a file that fails after its report was
     * written is not counted twice). In a dry run nothing was created or updated: those rows count as
     * {@code would_create} and {@code would_update}, as the summary line says.
     */
    private void tallyRows(FileImport file) {
        if (!file.firstTally()) {
            return;
        }
        ImportReport report = file.report();
        for (Outcome o : Outcome.values()) {
            String outcome = !report.dryRun() ? o.name().toLowerCase(java.util.Locale.ROOT)
                    : o == Outcome.CREATED ? "would_create" : o == Outcome.UPDATED ? "would_update"
                    : o.name().toLowerCase(java.util.Locale.ROOT);
            metrics.rows(report.objectType().pathName(), outcome, report.count(o));
        }
    }

    /**
     * A file whose content cannot be imported: the reason goes to outbox/dead-letter/&lt;file&gt;.error.txt
     * next to a copy of the file, the run counts as a failed file (exit status 1 with --once).
     */
    public void unprocessable(Exchange exchange) throws IOException {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String fileName = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        Path source = exchange.getIn().getBody(java.io.File.class).toPath();
        Path dir = settings.deadLetterDir();
        Files.createDirectories(dir);
        String safe = OutboxNames.of(fileName);
        Files.copy(source, dir.resolve(safe), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve(safe + ".error.txt"), e.getMessage() + System.lineSeparator(),
                StandardCharsets.UTF_8);
        closeQuietly(exchange);
        runControl.fileFailed();
        metrics.fileEnded(FileStatus.DEAD_LETTERED);
        FileImport file = exchange.getProperty(FileImport.PROPERTY, FileImport.class);
        events.fileEnded(fileName, FileStatus.DEAD_LETTERED.name(), file == null ? null : file.runId(),
                file == null ? null : file.type(), file == null ? settings.dryRun() : file.dryRun());
        LOG.error("{}: not imported: {} (copied to {})", fileName, e.getMessage(), dir.resolve(safe));
    }

    /**
     * Any other failure of a file. When the application is stopping ({@link ImportInterruptedException}) or a
     * resource is unavailable (the ledger database, the outbox: {@link UnavailableResource}), the file is not at
     * fault: its run stays unfinished (the next run of the content takes it over) and the file goes back to the
     * inbox ({@link InboxRetry}), at once when stopping, after the retry delay for a resource. Otherwise the run
     * is marked FAILED and the file moves to inbox/.failed/ to be dropped again. A file waiting for the account's
     * daily budget ({@link DailyBudgetWaitException}) goes back to the inbox until the budget resets, one whose content
     * another instance imports ({@link ContentImportedElsewhereException}) after the retry delay.
     */
    public void failed(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String fileName = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        FileImport file = exchange.getProperty(FileImport.PROPERTY, FileImport.class);
        if (UnavailableResource.isInterruption(e)) {
            closeQuietly(exchange);
            retry.returnToInbox(exchange, false);
            metrics.fileEnded(FileStatus.INTERRUPTED);
            LOG.warn("{}: stopped between two batches, after {} rows, because the application is stopping; the"
                    + " file stays in {} and is imported again at the next start", fileName,
                    file == null ? 0 : file.report().rowsRead(), settings.inbox());
            return;
        }
        DailyBudgetWaitException wait = io.crmbridge.http.HttpFailures.cause(e, DailyBudgetWaitException.class);
        if (wait != null) {
            // nothing of the file was sent and no run was opened: it waits in the inbox for the reset
            closeQuietly(exchange);
            runControl.fileFailed();
            retry.returnToInbox(exchange, wait.until());
            metrics.fileEnded(FileStatus.RETRY_LATER);
            LOG.warn("{}: not imported yet, the account's daily budget is short ({}); the file stays in {} and is"
                    + " taken again at {}", fileName, e.getMessage(), settings.inbox(), wait.until());
            return;
        }
        ContentImportedElsewhereException elsewhere = io.crmbridge.http.HttpFailures.cause(e,
                ContentImportedElsewhereException.class);
        if (elsewhere != null) {
            // no run was opened: once the other instance is done, the file is skipped as already imported
            runControl.fileFailed();
            retry.returnToInbox(exchange, true);
            metrics.fileEnded(FileStatus.RETRY_LATER);
            LOG.info("{}; the file stays in {} and is taken again in {} s", elsewhere.getMessage(), settings.inbox(),
                    retry.delay().toSeconds());
            return;
        }
        Optional<String> resource = UnavailableResource.of(e);
        if (resource.isPresent()) {
            closeQuietly(exchange);
            runControl.fileFailed();
            retry.returnToInbox(exchange, true);
            metrics.fileEnded(FileStatus.RETRY_LATER);
            LOG.error("{}: not imported, {}; the file is not archived: it stays in {} and is retried in {} s", fileName,
                    resource.get(), settings.inbox(), retry.delay().toSeconds());
            return;
        }
        if (file != null) {
            closeQuietly(exchange);
            ledger.finishRun(file.runId(), ImportRun.Status.FAILED, file.report().rowsRead(), null);
            // a file HubSpot refused access for failed after its report was written
            events.importEnded(file.runId(), file.report(), ImportRun.Status.FAILED.name(),
                    Files.exists(settings.reportsDir().resolve(file.reportBaseName() + ".json")));
        } else {
            events.fileEnded(fileName, ImportRun.Status.FAILED.name(), null, null, settings.dryRun());
        }
        runControl.fileFailed();
        metrics.fileEnded(FileStatus.FAILED);
        LOG.error("{}: import failed, file moved to {}/.failed/: {}", fileName, settings.inbox(),
                e == null ? "unknown error" : e.toString());
    }

    private void closeQuietly(Exchange exchange) {
        FileImport file = exchange.getProperty(FileImport.PROPERTY, FileImport.class);
        if (file == null) {
            return;
        }
        try {
            file.stopMapping();
            file.reader().close();
            file.deadLetter().close();
            releaseName(file);
        } catch (IOException | RuntimeException ignored) {
            // closing after a failure: the failure being reported matters more
        }
        // the rows delivered before the failure reached HubSpot: they count, as what they came to so far
        tallyRows(file);
    }

    /** The run's files are written, or never will be: its name's claim goes (its files keep the name taken). */
    private void releaseName(FileImport file) throws IOException {
        RunFiles.release(settings.reportsDir(), file.reportBaseName());
    }
}
