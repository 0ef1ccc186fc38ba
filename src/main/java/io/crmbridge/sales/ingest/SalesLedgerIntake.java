package io.crmbridge.sales.ingest;

import io.crmbridge.config.BridgeSettings;
import io.crmbridge.intake.CsvRowReader;
import io.crmbridge.intake.Dialect;
import io.crmbridge.intake.DialectSniffer;
import io.crmbridge.intake.ObjectTypeDetector;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.pipeline.ContentClaims;
import io.crmbridge.pipeline.FileIntake;
import io.crmbridge.pipeline.RowBatches;
import io.crmbridge.pipeline.UnprocessableFileException;
import io.crmbridge.report.DeadLetterDialect;
import io.crmbridge.report.DeadLetterWriter;
import io.crmbridge.report.OutboxNames;
import io.crmbridge.report.RunFiles;
import io.crmbridge.sales.LedgerFileKind;
import io.crmbridge.sales.report.SalesLedgerReport;
import io.crmbridge.sales.store.SalesLedgerStore;
import io.crmbridge.validation.NumberConvention;
import io.crmbridge.validation.NumberReader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake steps of a sales-ledger file (PRODUCT.md W1), in the main job's inbox: tells a ledger
 * export from the main job's files, then opens it the way {@link FileIntake} opens theirs (content
 * already imported is skipped; charset and delimiter sniffed; import run, history row, report and
 * dead-letter writer opened; the rows handed on in batches).
 *
 * <p>Recognition: the file-name prefix of a {@link LedgerFileKind} ({@code ventes_lignes*},
 * {@code sales_lines*}, {@code clients*}, {@code produits*}, {@code products*}) with a header holding
 * that kind's required columns; else a header holding the required columns of exactly one kind. A
 * file named like a ledger export whose header lacks the columns stays the main job's when the main
 * job can tell its object type (a {@code clients.csv} of contacts), and is refused otherwise.
 */
public final class SalesLedgerIntake {

    /** Exchange property holding the {@link LedgerFileKind} of a recognised ledger file. */
    public static final String KIND_PROPERTY = "crmBridgeSalesLedgerKind";
    /** Exchange property set to true for a ledger file: the intake route hands it to the ledger route. */
    public static final String RECOGNISED_PROPERTY = "crmBridgeSalesLedger";
    private static final Logger LOG = LoggerFactory.getLogger(SalesLedgerIntake.class);

    private final BridgeSettings settings;
    private final Ledger ledger;
    private final SalesLedgerStore store;
    private final ObjectTypeDetector mainJobTypes;
    private final NumberConvention numbersByDefault;
    private final DialectSniffer sniffer = new DialectSniffer();
    private final Clock clock;
    private final ContentClaims contentClaims;

    /**
     * @param mainJobTypes     the main job's object-type detection, which a ledger-like name must not take files from
     * @param numbersByDefault the number convention a ledger file's report states when none of its values proved one
     *                         ({@code crm-bridge.sales.numbers.default-decimal-separator})
     * @param contentClaims    whether this instance may import a content now ({@link ContentClaims#SINGLE} for one
     *                         instance)
     */
    public SalesLedgerIntake(BridgeSettings settings, Ledger ledger, SalesLedgerStore store,
                             ObjectTypeDetector mainJobTypes, NumberConvention numbersByDefault, Clock clock,
                             ContentClaims contentClaims) {
        this.settings = settings;
        this.ledger = ledger;
        this.store = store;
        this.mainJobTypes = mainJobTypes;
        this.numbersByDefault = numbersByDefault;
        this.clock = clock;
        this.contentClaims = contentClaims;
    }

    /**
     * First step of the intake route: marks a ledger file ({@value #RECOGNISED_PROPERTY} true and its
     * kind in {@value #KIND_PROPERTY}); leaves any other file alone.
     *
     * @throws UnprocessableFileException when the name says a ledger kind but the header lacks its columns
     * @throws IOException                when the file cannot be read
     */
    public void recognise(Exchange exchange) throws IOException {
        String fileName = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        Optional<LedgerFileKind> byName = LedgerFileKind.byFileName(fileName);
        Path path = exchange.getIn().getBody(File.class).toPath();
        List<String> header;
        try (CsvRowReader reader = CsvRowReader.open(path, sniffer.sniff(path))) {
            header = reader.header();
        }
        Optional<LedgerFileKind> kind = Optional.empty();
        if (byName.isPresent() && !header.stream().allMatch(String::isBlank)) {
            Set<String> missing = new TreeSet<>(byName.get().requiredColumns());
            missing.removeAll(LedgerFileKind.normalizedColumns(header));
            if (missing.isEmpty()) {
                kind = byName;
            } else if (mainJobTypes.detect(null, header).isEmpty()) {
                throw new UnprocessableFileException("the file name says a sales-ledger " + byName.get().label()
                        + " export, but the header has no column for its required fields: found " + header
                        + "; needed " + new TreeSet<>(byName.get().requiredColumns()) + ", missing " + missing);
            }
        } else if (byName.isEmpty()) {
            kind = LedgerFileKind.byHeader(header);
        }
        kind.ifPresent(k -> {
            exchange.setProperty(KIND_PROPERTY, k);
            exchange.setProperty(RECOGNISED_PROPERTY, true);
        });
    }

    /**
     * Opens a recognised ledger file: skips content already imported (property
     * {@link FileIntake#SKIP_PROPERTY}), else leaves the file's rows in batches as the body and the
     * {@link SalesLedgerFile} in property {@value SalesLedgerFile#PROPERTY}.
     *
     * @throws UnprocessableFileException when the file has a header but no data rows
     * @throws IOException                when the file cannot be read
     */
    public void open(Exchange exchange) throws IOException {
        Path path = exchange.getIn().getBody(File.class).toPath();
        String fileName = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        LedgerFileKind kind = exchange.getProperty(KIND_PROPERTY, LedgerFileKind.class);
        String hash = FileIntake.sha256(path);
        FileIntake.claimContent(contentClaims, ledger, exchange, fileName, hash, false);
        if (FileIntake.skipIfImported(ledger, exchange, fileName, hash)) {
            return;
        }
        Dialect dialect = sniffer.sniff(path);
        CsvRowReader reader = CsvRowReader.open(path, dialect, settings.csvLimits());
        boolean handedOver = false;
        try {
            List<String> header = reader.header();
            if (reader.headerProblem().isPresent()) {
                throw new UnprocessableFileException("the header row cannot be read: " + reader.headerProblem().get());
            }
            if (!reader.hasNext()) {
                throw new UnprocessableFileException("the file has a header row but no data rows");
            }
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                columns.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
            }
            long runId = ledger.openRunOfKind(fileName, hash, kind.label(), false);
            long importId = store.openImport(runId, fileName, kind.label(), clock.instant());
            // a name no earlier run's reports or dead letters have, whatever the ledger remembers (RunFiles)
            String baseName = RunFiles.claim(settings.reportsDir(), settings.deadLetterDir(), OutboxNames.of(fileName),
                    runId);
            ledger.planReport(runId, settings.relativeToOutbox(settings.reportsDir().resolve(baseName + ".json")));
            SalesLedgerFile file = new SalesLedgerFile(runId, importId, fileName, baseName, kind, columns, reader,
                    new SalesLedgerReport(fileName, kind, dialect.charsetLabel(), dialect.delimiterLabel(), clock.instant()),
                    new DeadLetterWriter(settings.deadLetterDir(), baseName, header,
                            new DeadLetterDialect(dialect.delimiter(), dialect.charset(), dialect.bom())),
                    new NumberReader(numbersByDefault));
            LOG.info("{}: sales ledger {} export, {}, delimiter {}", fileName, kind.label(), dialect.charsetLabel(),
                    dialect.delimiterLabel());
            exchange.setProperty(SalesLedgerFile.PROPERTY, file);
            exchange.getExchangeExtension().addOnCompletion(new FailedImport(file));
            exchange.getIn().setBody(new RowBatches(reader, settings.batchSize()));
            handedOver = true;
        } finally {
            if (!handedOver) {
                reader.close();
            }
        }
    }

    /**
     * Closes a ledger file whose import failed after it was opened (a database error, an accounting
     * mismatch): its reader and dead-letter file are closed, its history row and import run marked
     * FAILED, so that the file, moved to inbox/.failed/ by the intake route, can be dropped again.
     */
    private final class FailedImport extends SynchronizationAdapter {

        private final SalesLedgerFile file;

        FailedImport(SalesLedgerFile file) {
            this.file = file;
        }

        @Override
        public void onFailure(Exchange exchange) {
            try {
                file.reader().close();
                file.deadLetter().close();
                RunFiles.release(settings.reportsDir(), file.reportBaseName());
            } catch (IOException | RuntimeException e) {
                LOG.warn("{}: closing after a failed import: {}", file.fileName(), e.toString());
            }
            store.finishImport(file.importId(), "FAILED", file.report().rowsRead(), file.report().outcomes(),
                    file.report().released(), null, clock.instant());
            ledger.finishRun(file.runId(), ImportRun.Status.FAILED, file.report().rowsRead(), null);
        }
    }
}
