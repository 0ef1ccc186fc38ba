package io.crmbridge.rows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.api.ApiRefusal;
import io.crmbridge.config.BridgeSettings;
import io.crmbridge.intake.ColumnMapping;
import io.crmbridge.intake.CsvRowReader;
import io.crmbridge.intake.DialectSniffer;
import io.crmbridge.intake.HeaderAliases;
import io.crmbridge.intake.RequiredColumnsCheck;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.model.ObjectType;
import io.crmbridge.pipeline.CsvContentCheck;
import io.crmbridge.pipeline.FileIntake;
import io.crmbridge.pipeline.UnprocessableFileException;
import io.crmbridge.rows.PostedRunRecords.PostedRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows posted over HTTP ({@code POST /api/rows/{objectType}}, routes/rows.yaml, docs/http-intake.md; PRODUCT.md X1).
 * The body (a JSON array of rows, or a CSV file) becomes a CSV file written in {@code inbox/.posted/} and checked
 * there (the intake's own content check, dialect sniffer, reader and required columns: a body no row of which could
 * pass is refused 400 and nothing is imported); a run is reserved in the ledger ({@link Ledger#reserveRun}) and the
 * file is moved atomically into the inbox as {@code <objectType>.posted-<run id>.csv}, where it takes the path of a
 * dropped file: the same validation, enrichment, batching, ledger, report, dead letters, cluster claims and
 * retries, and a crash after the answer loses nothing. The intake adopts the reserved run ({@link #adopt}), so the
 * id answered is the run's. A post of at most {@code crm-bridge.rows.answer-max-rows} rows is answered once its run
 * ends (up to {@code crm-bridge.rows.answer-wait-ms}) with each row's outcome; a larger one at once with 202.
 * Content already imported is skipped as a dropped file's, unless the post carries an {@code Idempotency-Key}: then
 * the key, not the content, says whether it was imported (the same key answers the first post's run).
 */
public class PostedRows {

    /** The inbox's staging folder of posted bodies being checked: hidden, so the intake never reads it. */
    public static final String STAGING = ".posted";
    /** Longest Idempotency-Key taken (the column's width). */
    public static final int MAX_KEY_LENGTH = 200;
    private static final Pattern POSTED_NAME = Pattern.compile("(contacts|companies|tickets)\\.posted-(\\d+)\\.csv");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]+");
    private static final Logger LOG = LoggerFactory.getLogger(PostedRows.class);
    private static final long POLL_MS = 50;

    private final BridgeSettings settings;
    private final Ledger ledger;
    private final PostedRunRecords records;
    private final HeaderAliases aliases;
    private final CsvContentCheck contentCheck = new CsvContentCheck();
    private final DialectSniffer sniffer = new DialectSniffer();
    private final ObjectMapper json;
    private final Clock clock;
    private final Limits limits;

    /**
     * The settings of the HTTP intake.
     *
     * @param maxBytes      largest body taken ({@code crm-bridge.rows.max-bytes})
     * @param answerMaxRows posts of at most this many rows are answered with their rows' outcomes
     *                      ({@code crm-bridge.rows.answer-max-rows})
     * @param answerWaitMs  how long such a post waits for its run before it is answered 202
     *                      ({@code crm-bridge.rows.answer-wait-ms})
     */
    public record Limits(long maxBytes, int answerMaxRows, long answerWaitMs) {
    }

    public PostedRows(BridgeSettings settings, Ledger ledger, PostedRunRecords records, HeaderAliases aliases,
                      ObjectMapper json, Clock clock, Limits limits) {
        this.settings = settings;
        this.ledger = ledger;
        this.records = records;
        this.aliases = aliases;
        this.json = json;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * {@code POST /api/rows/{objectType}}: takes the posted rows and answers with their run (the map the route writes
     * as JSON; the status header is set on {@code message}).
     *
     * @return 200 {@code {runId, objectType, status, rows, outcomes, results: [{row, outcome, code, reason}], run}}
     *         for a small post whose run ended; 202 {@code {runId, objectType, status: RUNNING, rows, run, progress}}
     *         otherwise; 200 {@code {status: skipped, duplicateOf, run}} for content already imported
     * @throws ApiRefusal 400 for an unknown object type, an empty, too large or malformed body, a body no row of which
     *                    could pass (a required column missing), or a bad Idempotency-Key; 415 for another media type
     * @throws IOException when the inbox cannot be written
     */
    public Map<String, Object> post(Exchange exchange) throws IOException {
        Message in = exchange.getIn();
        String typeName = in.getHeader("objectType", String.class);
        ObjectType type = typeName == null ? null : switch (typeName) {
            case "contacts" -> ObjectType.CONTACTS;
            case "companies" -> ObjectType.COMPANIES;
            case "tickets" -> ObjectType.TICKETS;
            default -> null;
        };
        if (type == null) {
            throw new ApiRefusal(400, "unknown object type \"" + typeName + "\": post to /api/rows/contacts,"
                    + " /api/rows/companies or /api/rows/tickets");
        }
        String key = idempotencyKey(in.getHeader("Idempotency-Key", String.class));
        PostedRowsBody.Kind kind = PostedRowsBody.kind(in.getHeader(Exchange.CONTENT_TYPE, String.class));
        byte[] body = in.getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw new ApiRefusal(400, "the body is empty: post a JSON array of rows or a CSV file with a header row");
        }
        if (body.length > limits.maxBytes()) {
            throw new ApiRefusal(400, "the body is " + body.length + " bytes, more than crm-bridge.rows.max-bytes ("
                    + limits.maxBytes() + "): post the rows in parts, or drop them as a file in the inbox");
        }
        if (key != null) {
            Optional<PostedRun> earlier = records.byKey(key);
            if (earlier.isPresent()) {
                return answer(earlier.get(), true, in);
            }
        }
        Path staging = settings.inbox().resolve(STAGING);
        Files.createDirectories(staging);
        Path staged = staging.resolve(UUID.randomUUID() + ".csv");
        try {
            int rows = stage(kind, body, staged, type);
            String fileHash = FileIntake.sha256(staged);
            String contentHash = key == null ? fileHash : sha256(key + "\n" + fileHash);
            if (key == null) {
                Optional<Long> same = sameContent(contentHash);
                if (same.isPresent()) {
                    LOG.info("rows posted for {}: skipped, the same content as run {}", type.pathName(), same.get());
                    in.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                    Map<String, Object> skipped = new LinkedHashMap<>();
                    skipped.put("runId", null);
                    skipped.put("objectType", type.pathName());
                    skipped.put("status", "skipped");
                    skipped.put("duplicateOf", same.get());
                    skipped.put("run", runUrl(same.get()));
                    return skipped;
                }
            }
            long runId = ledger.reserveRun(type.pathName() + ".posted.csv", type);
            PostedRun post = new PostedRun(runId, type.pathName(), key, contentHash, fileHash, rows, clock.instant(),
                    null);
            if (!records.record(post)) {
                // another post took the key meanwhile: this one imports nothing
                ledger.finishRun(runId, ImportRun.Status.FAILED, 0, null);
                return answer(records.byKey(key).orElseThrow(), true, in);
            }
            String name = type.pathName() + ".posted-" + runId + ".csv";
            try {
                Files.move(staged, settings.inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // no file will adopt the run: it is closed, and the client is answered 500
                ledger.finishRun(runId, ImportRun.Status.FAILED, 0, null);
                throw e;
            }
            LOG.info("rows posted for {}: {} rows as {} (run {})", type.pathName(), rows, name, runId);
            return answer(post, false, in);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /**
     * Intake step (routes/intake.yaml) for every inbox file: a file this class wrote for a post adopts the post's
     * reserved run ({@link FileIntake#RESERVED_RUN_PROPERTY}), is known by the post's content hash and, for a small
     * post, keeps its rows' outcomes; should the intake not take it up (the content already imported, a file that
     * cannot be processed), the reserved run is closed when the exchange is done. Other files pass unchanged.
     */
    public void adopt(Exchange exchange) throws IOException {
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        Matcher m = name == null ? null : POSTED_NAME.matcher(name);
        if (m == null || !m.matches()) {
            return;
        }
        long runId = Long.parseLong(m.group(2));
        Optional<PostedRun> post = records.byRun(runId);
        Path file = exchange.getIn().getBody(java.io.File.class).toPath();
        // a file dropped under such a name by hand is imported as a file of its own
        if (post.isEmpty() || !post.get().objectType().equals(m.group(1))
                || !post.get().fileHash().equals(FileIntake.sha256(file))) {
            return;
        }
        Optional<ImportRun> run = ledger.run(runId);
        if (run.isEmpty() || run.get().getStatus() != ImportRun.Status.RUNNING) {
            return;
        }
        exchange.setProperty(FileIntake.RESERVED_RUN_PROPERTY, runId);
        exchange.setProperty(FileIntake.CONTENT_HASH_PROPERTY, post.get().contentHash());
        exchange.setProperty(FileIntake.ROW_OUTCOMES_PROPERTY, post.get().rows() <= limits.answerMaxRows());
        exchange.getExchangeExtension().addOnCompletion(new CloseUnadopted(runId));
    }

    /** Closes a reserved run the intake did not adopt: its file was skipped or refused. */
    private final class CloseUnadopted extends SynchronizationAdapter {
        private final long runId;

        CloseUnadopted(long runId) {
            this.runId = runId;
        }

        @Override
        public void onDone(Exchange exchange) {
            Optional<ImportRun> run = ledger.run(runId);
            if (run.isEmpty() || run.get().getStatus() != ImportRun.Status.RUNNING
                    || !ImportRun.RESERVED_HASH.equals(run.get().getContentHash())) {
                return;
            }
            Long skipOf = exchange.getProperty(FileIntake.SKIP_OF_PROPERTY, Long.class);
            Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            if (skipOf != null) {
                records.duplicateOf(runId, skipOf);
                ledger.finishRun(runId, ImportRun.Status.FAILED, 0, null);
            } else if (caught instanceof UnprocessableFileException) {
                ledger.finishRun(runId, ImportRun.Status.FAILED, 0, null);
            }
            // else the file waits in the inbox (the daily budget, another instance, a resource): the run stays reserved
        }
    }

    /** The body written to {@code staged} and checked as the intake would: its rows. */
    private int stage(PostedRowsBody.Kind kind, byte[] body, Path staged, ObjectType type) throws IOException {
        if (kind == PostedRowsBody.Kind.JSON) {
            PostedRowsBody.writeJson(body, staged);
        } else {
            Files.write(staged, body);
        }
        Optional<String> unreadable = contentCheck.reason(staged);
        if (unreadable.isPresent()) {
            throw new ApiRefusal(400, unreadable.get());
        }
        try (CsvRowReader reader = CsvRowReader.open(staged, sniffer.sniff(staged), settings.csvLimits())) {
            Optional<String> headerProblem = reader.headerProblem();
            if (headerProblem.isPresent()) {
                throw new ApiRefusal(400, "the header row cannot be read: " + headerProblem.get());
            }
            List<String> header = reader.header();
            if (header.isEmpty() || header.stream().allMatch(String::isBlank)) {
                throw new ApiRefusal(400, "the CSV body has no header row");
            }
            Optional<String> noRowCanPass = new RequiredColumnsCheck(aliases).problem(
                    ColumnMapping.of(type, header, aliases));
            if (noRowCanPass.isPresent()) {
                throw new ApiRefusal(400, noRowCanPass.get());
            }
            int rows = 0;
            while (reader.hasNext()) {
                reader.next();
                rows++;
            }
            if (rows == 0) {
                throw new ApiRefusal(400, "the CSV body has a header row but no rows");
            }
            return rows;
        }
    }

    /** A completed run of this content, or a post of it whose run still runs: the post is skipped as its duplicate. */
    private Optional<Long> sameContent(String contentHash) {
        Optional<ImportRun> done = ledger.completedRun(contentHash);
        if (done.isPresent()) {
            return Optional.of(done.get().getId());
        }
        return records.latestOfContent(contentHash).filter(p -> p.duplicateOf() == null)
                .filter(p -> ledger.run(p.runId()).map(r -> r.getStatus() == ImportRun.Status.RUNNING).orElse(false))
                .map(PostedRun::runId);
    }

    /**
     * The answer to a post: for a small one, its run's rows once the run ends (200), else its run id (202).
     *
     * @param replay true when the post repeats an earlier post's Idempotency-Key: nothing was imported now
     */
    private Map<String, Object> answer(PostedRun post, boolean replay, Message message) throws IOException {
        long runId = post.runId();
        Optional<ImportRun> run = ledger.run(runId);
        if (post.rows() <= limits.answerMaxRows()) {
            Instant until = clock.instant().plusMillis(limits.answerWaitMs());
            while (run.isPresent() && run.get().getStatus() == ImportRun.Status.RUNNING
                    && clock.instant().isBefore(until)) {
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                run = ledger.run(runId);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("runId", runId);
        answer.put("objectType", post.objectType());
        answer.put("rows", post.rows());
        answer.put("replay", replay);
        answer.put("run", runUrl(runId));
        if (run.isEmpty() || run.get().getStatus() == ImportRun.Status.RUNNING) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
            answer.put("status", ImportRun.Status.RUNNING.name());
            answer.put("progress", runUrl(runId) + "/progress");
            return answer;
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        Long duplicateOf = records.byRun(runId).map(PostedRun::duplicateOf).orElse(null);
        if (duplicateOf != null) {
            answer.put("status", "skipped");
            answer.put("duplicateOf", duplicateOf);
            return answer;
        }
        answer.put("status", run.get().getStatus().name());
        JsonNode report = report(run.get());
        if (report != null) {
            answer.put("outcomes", report.path("outcomes"));
            if (report.has("rows")) {
                answer.put("results", report.path("rows"));
            }
        }
        return answer;
    }

    /** The run's JSON report, or null when it wrote none (a failed run). */
    private JsonNode report(ImportRun run) throws IOException {
        if (run.getReportPath() == null) {
            return null;
        }
        Path file = settings.outbox().resolve(run.getReportPath());
        return Files.isRegularFile(file) ? json.readTree(file.toFile()) : null;
    }

    private static String runUrl(long runId) {
        return "/api/runs/" + runId;
    }

    /**
     * The Idempotency-Key header, trimmed; null when absent.
     *
     * @throws ApiRefusal 400 for a blank key, one longer than {@value #MAX_KEY_LENGTH} characters or one with
     *                    characters other than visible ASCII
     */
    static String idempotencyKey(String header) {
        if (header == null) {
            return null;
        }
        String key = header.trim();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !KEY.matcher(key).matches()) {
            throw new ApiRefusal(400, "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters without spaces");
        }
        return key;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
