package io.crmbridge.pipeline;

import io.crmbridge.config.BridgeSettings;
import io.crmbridge.intake.ColumnMapping;
import io.crmbridge.intake.CsvRowReader;
import io.crmbridge.intake.Dialect;
import io.crmbridge.intake.DialectSniffer;
import io.crmbridge.intake.HeaderAliases;
import io.crmbridge.intake.ObjectTypeDetector;
import io.crmbridge.intake.RequiredColumnsCheck;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.model.ObjectType;
import io.crmbridge.report.DeadLetterDialect;
import io.crmbridge.report.DeadLetterWriter;
import io.crmbridge.report.ImportReport;
import io.crmbridge.report.OutboxNames;
import io.crmbridge.report.ProgressMeter;
import io.crmbridge.report.RunFiles;
import io.crmbridge.validation.DateNormalizer;
import io.crmbridge.validation.DateOrder;
import io.crmbridge.validation.NumberReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First step of the intake route for one inbox file (I1-I4): hashes its content and skips content
 * already imported, sniffs charset and delimiter, reads the header, tells the object type (file
 * name, else header), maps the columns, checks the account's daily budget before anything is sent
 * ({@link DailyBudgetCheck}), opens the import run, report and dead-letter writer. Leaves
 * the file's batches as the body for the splitter ({@link MappedBatches}: read from the streaming
 * {@link CsvRowReader} and mapped a few batches ahead) and the {@link FileImport} as an exchange property.
 */
public final class FileIntake {

    /** Exchange property set to true when the file's content was already imported. */
    public static final String SKIP_PROPERTY = "crmBridgeSkip";
    /**
     * Exchange property: true makes this one file a dry run whatever {@code crm-bridge.dry-run} says (the console's
     * "check first": routes/console-upload.yaml).
     */
    public static final String DRY_RUN_PROPERTY = "crmBridgeDryRun";
    /**
     * Exchange property: the id of the run reserved for this file before it was taken (rows posted over HTTP,
     * docs/http-intake.md); the intake adopts it instead of opening a run.
     */
    public static final String RESERVED_RUN_PROPERTY = "crmBridgeReservedRun";
    /**
     * Exchange property: the content hash the file is known by in the ledger instead of its bytes' SHA-256 (posted
     * rows with an Idempotency-Key, docs/http-intake.md).
     */
    public static final String CONTENT_HASH_PROPERTY = "crmBridgeContentHash";
    /**
     * Exchange property: true makes the report list each row's outcome ({@link ImportReport#keepRowOutcomes()}): a
     * small post of rows is answered with them (docs/http-intake.md).
     */
    public static final String ROW_OUTCOMES_PROPERTY = "crmBridgeRowOutcomes";
    /** Exchange property: the id of the completed run a skipped file duplicates. */
    public static final String SKIP_OF_PROPERTY = "crmBridgeSkipOf";
    /** Exchange property: the content hash of a skipped file. */
    public static final String SKIP_HASH_PROPERTY = "crmBridgeSkipHash";
    private static final Logger LOG = LoggerFactory.getLogger(FileIntake.class);

    private final BridgeSettings settings;
    private final Ledger ledger;
    private final HeaderAliases aliases;
    private final ObjectTypeDetector detector;
    private final DialectSniffer sniffer = new DialectSniffer();
    private final RequiredColumnsCheck requiredColumns;
    private final Clock clock;
    private final RowPipeline pipeline;
    private final Executor readAhead;
    private final DailyBudgetCheck dailyBudget;
    private final PortalPrefetch prefetch;
    private final ContentClaims contentClaims;

    /**
     * @param pipeline    the row step the file's batches go through
     * @param readAhead   where a file's next batch is read and mapped while the route delivers the current one
     * @param dailyBudget checks the account's daily budget before a file is sent
     * @param prefetch    reads the portal's records of each batch mapped ahead (docs/undo.md)
     * @param contentClaims whether this instance may import a content now ({@link ContentClaims#SINGLE} for one
     *                      instance)
     */
    public FileIntake(BridgeSettings settings, Ledger ledger, HeaderAliases aliases, Clock clock, RowPipeline pipeline,
                      Executor readAhead, DailyBudgetCheck dailyBudget, PortalPrefetch prefetch,
                      ContentClaims contentClaims) {
        this.settings = settings;
        this.ledger = ledger;
        this.aliases = aliases;
        this.detector = new ObjectTypeDetector(aliases);
        this.requiredColumns = new RequiredColumnsCheck(aliases);
        this.clock = clock;
        this.pipeline = pipeline;
        this.readAhead = readAhead;
        this.dailyBudget = dailyBudget;
        this.prefetch = prefetch;
        this.contentClaims = contentClaims;
    }

    /**
     * Bean method for the file consumer's exchange.
     *
     * @throws UnprocessableFileException when the file is empty, its object type cannot be told, its header has
     *                                    no column for the type's required fields, or it has no data rows
     * @throws IOException                when the file cannot be read
     * @throws DailyBudgetWaitException  when the file is to wait in the inbox for the account's daily budget
     *                                    ({@link DailyBudgetCheck}); no run was opened
     * @throws ContentImportedElsewhereException when another live instance imports the same content; no run was
     *                                    opened
     */
    public void open(Exchange exchange) throws IOException {
        Path path = exchange.getIn().getBody(java.io.File.class).toPath();
        String fileName = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        Digest digest = digest(path);
        String hash = exchange.getProperty(CONTENT_HASH_PROPERTY, digest.sha256(), String.class);
        Long reserved = exchange.getProperty(RESERVED_RUN_PROPERTY, Long.class);
        boolean dryRun = dryRun(exchange);
        claimContent(contentClaims, ledger, exchange, fileName, hash, dryRun);
        if (!dryRun && skipIfImported(ledger, exchange, fileName, hash)) {
            return;
        }
        // content that is not a readable CSV file was refused before (CsvContentCheck, routes/intake.yaml)
        Dialect dialect = sniffer.sniff(path);
        CsvRowReader reader = CsvRowReader.open(path, dialect, settings.csvLimits());
        boolean handedOver = false;
        try {
            List<String> header = reader.header();
            Optional<String> headerProblem = reader.headerProblem();
            if (headerProblem.isPresent()) {
                throw new UnprocessableFileException("the header row cannot be read: " + headerProblem.get());
            }
            if (header.isEmpty() || header.stream().allMatch(String::isBlank)) {
                throw new UnprocessableFileException("the file is empty: no header row");
            }
            ObjectType type = detector.detect(fileName, header).orElseThrow(() -> new UnprocessableFileException(
                    "cannot tell the object type: the file name does not start with companies, contacts or"
                            + " tickets, and the header " + header + " matches no known columns"));
            ColumnMapping mapping = ColumnMapping.of(type, header, aliases);
            Optional<String> noRowCanPass = requiredColumns.problem(mapping);
            if (noRowCanPass.isPresent()) {
                throw new UnprocessableFileException(noRowCanPass.get());
            }
            if (!reader.hasNext()) {
                // hasNext only peeks: the first row stays in the reader for the splitter
                throw new UnprocessableFileException("the file has a header row but no data rows");
            }
            ImportReport report = new ImportReport(fileName, type, dialect.charsetLabel(), dialect.delimiterLabel(),
                    dryRun, clock.instant());
            report.unmappedColumns(mapping.unmappedColumns());
            report.duplicateColumns(mapping.duplicateFieldColumns());
            if (!mapping.duplicateFieldColumns().isEmpty()) {
                LOG.warn("{}: columns {} ignored: an earlier column feeds the same field", fileName,
                        mapping.duplicateFieldColumns());
            }
            // before the run is opened: a file that waits for the daily budget leaves no run behind
            dailyBudget.check(fileName, type, Math.max(0, digest.lines() - 1), report, exchange);
            if (exchange.getProperty(ROW_OUTCOMES_PROPERTY, false, Boolean.class)) {
                report.keepRowOutcomes();
            }
            report.interruptedRuns(takeOverInterruptedRuns(fileName, hash, dryRun, reserved));
            long runId = reserved == null ? ledger.openRun(fileName, hash, type, dryRun)
                    : ledger.adoptRun(reserved, fileName, hash, type, dryRun);
            String baseName = claimRunFiles(fileName, runId);
            FileImport file = new FileImport(runId, fileName, baseName, type, dialect, mapping,
                    reader, report, new DeadLetterWriter(settings.deadLetterDir(), baseName, header,
                            new DeadLetterDialect(dialect.delimiter(), dialect.charset(), dialect.bom())),
                    new DateNormalizer(DateOrder.valueOf(settings.dateOrder())),
                    new NumberReader(settings.numbersByDefault()),
                    new ProgressMeter(fileName, Files.size(path), Duration.ofSeconds(settings.progressSeconds()), clock),
                    dryRun);
            LOG.info("{}: {} as {}, {}, delimiter {}; unmapped columns {}", fileName, type.pathName(),
                    dryRun ? "dry run" : "import", dialect.charsetLabel(), dialect.delimiterLabel(),
                    mapping.unmappedColumns());
            exchange.setProperty(FileImport.PROPERTY, file);
            MappedBatches batches = new MappedBatches(new RowBatches(reader, settings.batchSize()), pipeline, file,
                    readAhead, prefetch::prefetch);
            file.mappedBy(batches);
            exchange.getIn().setBody(batches);
            handedOver = true;
        } finally {
            if (!handedOver) {
                reader.close();
            }
        }
    }

    /**
     * Claims the content for this file's exchange ({@link ContentClaims}), and refuses it while a live instance
     * still runs an import of it (a claim taken over from an instance taken for dead that is in fact still going).
     * Called before {@link #skipIfImported}: a run another instance completes is recorded complete before that
     * instance releases the content. Also the sales ledger's (routes/sales-ledger.yaml).
     *
     * @throws ContentImportedElsewhereException when another live instance imports the same content
     */
    public static void claimContent(ContentClaims contentClaims, Ledger ledger, Exchange exchange, String fileName,
                                    String hash, boolean dryRun) {
        if (!contentClaims.claim(exchange, hash, dryRun)) {
            throw new ContentImportedElsewhereException(fileName + ": the same content is being imported by another"
                    + " instance");
        }
        Optional<ImportRun> elsewhere = ledger.runningElsewhere(hash, dryRun);
        if (elsewhere.isPresent()) {
            throw new ContentImportedElsewhereException(fileName + ": the same content is being imported as "
                    + elsewhere.get().getFileName() + " by instance " + elsewhere.get().getOwnerInstance());
        }
    }

    /** Whether the file of {@code exchange} is a dry run: the whole process's mode, or {@link #DRY_RUN_PROPERTY}. */
    private boolean dryRun(Exchange exchange) {
        return settings.dryRun() || exchange.getProperty(DRY_RUN_PROPERTY, false, Boolean.class);
    }

    /**
     * Refuses a sales-ledger export taken as a dry run of its own ({@link #DRY_RUN_PROPERTY}): the sales ledger has
     * no dry run, so "check first" would import it for real.
     *
     * @throws UnprocessableFileException for such a file
     */
    public void refuseLedgerFileDryRun(Exchange exchange) {
        if (exchange.getProperty(DRY_RUN_PROPERTY, false, Boolean.class)) {
            throw new UnprocessableFileException("a sales-ledger export cannot be checked first (it has no dry run):"
                    + " upload it without \"check first\"");
        }
    }

    /**
     * Claims the base name of run {@code runId}'s reports and dead letters ({@link RunFiles}: never the name of an
     * earlier run's files) and records it in the ledger, so that a run taking this one over finds its files.
     *
     * @throws ResourceUnavailableException when the outbox cannot be written
     */
    private String claimRunFiles(String fileName, long runId) {
        String baseName;
        try {
            baseName = RunFiles.claim(settings.reportsDir(), settings.deadLetterDir(), OutboxNames.of(fileName), runId);
        } catch (IOException e) {
            throw new ResourceUnavailableException("outbox " + settings.reportsDir(), e);
        }
        ledger.planReport(runId, settings.relativeToOutbox(settings.reportsDir().resolve(baseName + ".json")));
        return baseName;
    }

    /**
     * Runs of this content that a stopped process left RUNNING are marked INTERRUPTED and their files (reports, if
     * the process got as far as writing them before it could record the run complete, and dead letters) are
     * removed: the run starting now reads the file again from its first row and its report and dead-letter file
     * account for every row once (rows the interrupted run already delivered come out unchanged, or updated when
     * it was stopped before recording them). A run reserved for the file ({@link #RESERVED_RUN_PROPERTY}) is not
     * interrupted: it goes on, its files removed as well.
     *
     * @return the interrupted runs' ids, oldest first
     */
    private List<Long> takeOverInterruptedRuns(String fileName, String hash, boolean dryRun, Long reserved)
            throws IOException {
        List<ImportRun> interrupted = ledger.interruptRuns(hash, dryRun, reserved);
        for (ImportRun run : interrupted) {
            removeFilesOf(fileName, run);
        }
        if (reserved != null) {
            // the reserved run taken again after a stop starts its files again too
            Optional<ImportRun> again = ledger.run(reserved);
            if (again.isPresent()) {
                removeFilesOf(fileName, again.get());
            }
        }
        if (!interrupted.isEmpty()) {
            LOG.info("{}: run(s) {} of the same content were interrupted before they finished; importing it again"
                    + " from the first row (rows already delivered count unchanged)", fileName,
                    interrupted.stream().map(ImportRun::getId).toList());
        }
        return interrupted.stream().map(ImportRun::getId).toList();
    }

    /** Removes the reports and dead letters an unfinished run may have written (none when it planned no report). */
    private void removeFilesOf(String fileName, ImportRun run) throws IOException {
        // a run that planned no report never claimed a name, so it wrote nothing; guessing its name from its
        // number could hit the files of an earlier process's run of the same number
        if (run.getReportPath() == null) {
            return;
        }
        String baseName = RunFiles.baseNameOf(Path.of(run.getReportPath()).getFileName().toString());
        for (Path stale : RunFiles.deleteAll(settings.reportsDir(), settings.deadLetterDir(), baseName)) {
            LOG.info("{}: removed {}, written by interrupted run {} before it was recorded complete",
                    fileName, stale, run.getId());
        }
    }

    /**
     * Skips content already imported (I1): when a completed, non-dry-run import of {@code hash} exists,
     * logs it, sets {@value #SKIP_PROPERTY} (with the run it duplicates and the hash, for the console's list of
     * skipped files: {@link ArchiveName}) on the exchange and returns true.
     */
    public static boolean skipIfImported(Ledger ledger, Exchange exchange, String fileName, String hash) {
        Optional<ImportRun> done = ledger.completedRun(hash);
        if (done.isEmpty()) {
            return false;
        }
        LOG.info("{}: skipped, same content as {} imported at {} (report {})", fileName,
                done.get().getFileName(), done.get().getFinishedAt(), done.get().getReportPath());
        exchange.setProperty(SKIP_PROPERTY, true);
        exchange.setProperty(SKIP_OF_PROPERTY, done.get().getId());
        exchange.setProperty(SKIP_HASH_PROPERTY, hash);
        return true;
    }

    /** SHA-256 hex of the file's bytes: the content hash the ledger knows imports by (I1). */
    public static String sha256(Path path) throws IOException {
        return digest(path).sha256();
    }

    /**
     * What one read of a file's bytes tells: its SHA-256 hex, and its physical lines (LF, CRLF or a lone CR ends a
     * line; a last line without an end counts too), which bound its rows from above (a quoted value spanning lines
     * counts once a line) for the daily budget's estimate.
     */
    record Digest(String sha256, long lines) {
    }

    static Digest digest(Path path) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
        long breaks = 0;
        long bytes = 0;
        byte last = 0;
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
                bytes += n;
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    // a CR counts now, the LF of its CRLF does not
                    if (b == '\r' || b == '\n' && last != '\r') {
                        breaks++;
                    }
                    last = b;
                }
            }
        }
        long lines = breaks + (bytes == 0 || last == '\n' || last == '\r' ? 0 : 1);
        return new Digest(HexFormat.of().formatHex(sha.digest()), lines);
    }
}
