package io.crmbridge.console.upload;

import io.crmbridge.api.ApiRefusal;
import io.crmbridge.console.ConsoleSessions;
import io.crmbridge.console.ImportsCatalog;
import io.crmbridge.console.RunCatalog;
import io.crmbridge.intake.BinaryContentDetector;
import io.crmbridge.intake.DialectSniffer;
import io.crmbridge.pipeline.FileIntake;
import io.crmbridge.report.FreeNames;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files uploaded through the console or {@code POST /api/uploads} (routes/console-upload.yaml, docs/console.md
 * "Upload files"). The request body is streamed to a staging folder of the inbox ({@code inbox/.upload/}, which
 * the intake does not read) and never held in memory; a body above {@code crm-bridge.console.upload-max-bytes} is
 * read to its end and thrown away (413). An empty or binary file (the intake's own {@link BinaryContentDetector})
 * is refused; the name is made safe by {@link UploadName}. The file is then moved atomically into the inbox, so it
 * takes the path of a dropped file, or, with "check first", into {@code inbox/.check/}, whose files are imported as
 * dry runs and then held in {@code inbox/.check/.held/} until the user imports them (moved into the inbox) or
 * discards them. Who uploaded each file and when goes to {@link UploadRecords}.
 */
public class ConsoleUploads {

    /** Who a bearer-token upload is recorded as: there is one API token for everyone. */
    public static final String API_UPLOADER = "API";
    /** Who a console upload is recorded as when the user gave no name at login. */
    public static final String CONSOLE_UPLOADER = "console";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleUploads.class);
    /** How long a request body may take to arrive: a 200 MB file over a slow link. */
    private static final long BODY_TIMEOUT_MINUTES = 30;

    private final Path inbox;
    private final Path staging;
    private final Path checkDir;
    private final Path heldDir;
    private final long maxBytes;
    private final ConsoleSessions sessions;
    private final UploadRecords records;
    private final RunCatalog catalog;
    private final Clock clock;

    /**
     * @param inbox    the watched inbox ({@code crm-bridge.inbox})
     * @param maxBytes largest file taken ({@code crm-bridge.console.upload-max-bytes})
     */
    public ConsoleUploads(Path inbox, long maxBytes, ConsoleSessions sessions, UploadRecords records,
                          RunCatalog catalog, Clock clock) {
        this.inbox = inbox.toAbsolutePath().normalize();
        this.staging = this.inbox.resolve(".upload");
        this.checkDir = this.inbox.resolve(".check");
        this.heldDir = checkDir.resolve(".held");
        this.maxBytes = maxBytes;
        this.sessions = sessions;
        this.records = records;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * {@code POST /api/uploads?name=<file.csv>&check=<true|false>}, the file's bytes as the body (any content
     * type but multipart). Call after {@code consoleSessions.checkApi}.
     *
     * @return {@code file} (the name it landed under), {@code requested}, {@code bytes}, {@code uploadedBy},
     *         {@code uploadedAt}, {@code checkFirst}, {@code status} ({@code waiting}: in the inbox; {@code checking}:
     *         a dry run first) and {@code follow} (where its run will show); answered 202
     * @throws ApiRefusal 400 for a bad name or an empty file, 413 above the size limit, 415 for binary content
     */
    public Map<String, Object> upload(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        String requested = in.getHeader("name", String.class);
        boolean checkFirst = Boolean.parseBoolean(in.getHeader("check", "false", String.class).trim());
        String by = uploader(in);
        Object body = in.getBody();
        String name;
        try {
            name = UploadName.of(requested);
        } catch (ApiRefusal refused) {
            drain(body);
            throw refused;
        }
        Files.createDirectories(staging);
        Path part = staging.resolve(UUID.randomUUID() + ".part");
        try {
            Received received = receive(in, part);
            if (received.bytes() == 0) {
                throw new ApiRefusal(400, "the file is empty");
            }
            Optional<String> binary = new BinaryContentDetector().reason(part, new DialectSniffer().sniff(part));
            if (binary.isPresent()) {
                throw new ApiRefusal(415, binary.get());
            }
            Instant at = clock.instant();
            Path landed = land(part, name, checkFirst ? checkDir : inbox);
            String file = landed.getFileName().toString();
            records.record(file, received.sha256(), by, at, checkFirst);
            LOG.info("{}: uploaded by {} ({} bytes){}", file, by, received.bytes(),
                    checkFirst ? ", checked first with a dry run" : "");
            in.setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("file", file);
            answer.put("requested", requested);
            answer.put("bytes", received.bytes());
            answer.put("uploadedBy", by);
            answer.put("uploadedAt", at.toString());
            answer.put("checkFirst", checkFirst);
            answer.put("status", checkFirst ? "checking" : "waiting");
            answer.put("follow", checkFirst ? "/api/uploads/held" : "/api/runs");
            return answer;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * {@code GET /api/uploads/held}: the files checked first, oldest name first: {@code held}, each with {@code file},
     * {@code state} ({@code checking} while its dry run is to come or runs, {@code checked} when it waits for the
     * user) and {@code run} (its latest dry run as {@code GET /api/runs/{id}} gives it, with its {@code state}
     * {@code running}, {@code done}, {@code failed} ...; null before it starts).
     */
    public Map<String, Object> held() throws IOException {
        List<Map<String, Object>> held = new ArrayList<>();
        for (Path dir : List.of(checkDir, heldDir)) {
            for (String file : files(dir)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("file", file);
                entry.put("state", dir.equals(heldDir) ? "checked" : "checking");
                entry.put("run", records.latestDryRun(file).map(this::dryRun).orElse(null));
                held.add(entry);
            }
        }
        return Map.of("held", held);
    }

    /** Dry run {@code id} as {@link RunCatalog#run} gives it, with its {@code state} in the imports table's words. */
    private Map<String, Object> dryRun(long id) {
        Map<String, Object> run = new LinkedHashMap<>(catalog.run(String.valueOf(id)));
        run.put("state", ImportsCatalog.state(run.get("status")));
        return run;
    }

    /**
     * {@code POST /api/uploads/held/{file}/import}: moves a checked file into the inbox for the real import, recorded
     * as uploaded by the one who confirms it.
     *
     * @return {@code file} (the inbox name), {@code uploadedBy}, {@code uploadedAt}, {@code status} waiting, {@code follow}
     * @throws ApiRefusal 404 when no checked file has that name
     */
    public Map<String, Object> confirm(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        Path held = heldFile(in.getHeader("file", String.class));
        String hash = FileIntake.sha256(held);
        Instant at = clock.instant();
        Path landed = land(held, held.getFileName().toString(), inbox);
        String file = landed.getFileName().toString();
        String by = uploader(in);
        records.record(file, hash, by, at, false);
        LOG.info("{}: checked first, import confirmed by {}", file, by);
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("file", file);
        answer.put("uploadedBy", by);
        answer.put("uploadedAt", at.toString());
        answer.put("status", "waiting");
        answer.put("follow", "/api/runs");
        return answer;
    }

    /**
     * {@code DELETE /api/uploads/held/{file}}: deletes a checked file; its dry run's report stays.
     *
     * @throws ApiRefusal 404 when no checked file has that name
     */
    public Map<String, Object> discard(@Header("file") String file) throws IOException {
        Path held = heldFile(file);
        Files.delete(held);
        LOG.info("{}: checked first, discarded", held.getFileName());
        return Map.of("discarded", held.getFileName().toString());
    }

    /** Reads what is left of an upload's body and throws it away, so that a refused request leaves a clean connection. */
    public void discardBody(Message in) {
        try {
            drain(in.getBody());
        } catch (RuntimeException | IOException e) {
            LOG.debug("the body of a refused upload could not be read to its end", e);
        }
    }

    private String uploader(Message in) {
        if (in.getHeader("Authorization") != null) {
            return API_UPLOADER;
        }
        return sessions.userName(in.getHeader("Cookie", String.class)).orElse(CONSOLE_UPLOADER);
    }

    private Path heldFile(String file) {
        if (file == null || file.isEmpty() || file.indexOf('/') >= 0 || file.indexOf('\\') >= 0 || file.contains("..")) {
            throw new ApiRefusal(404, "no checked file of that name");
        }
        Path held = heldDir.resolve(file).normalize();
        if (!heldDir.equals(held.getParent()) || !Files.isRegularFile(held)) {
            throw new ApiRefusal(404, "no checked file named " + file);
        }
        return held;
    }

    /**
     * Moves {@code file} into {@code dir} under {@code name}, or {@code name-2}, {@code name-3} ... when a file of
     * that name waits in the inbox or the check folders (the inbox's own numbering, {@link FreeNames}); a checked
     * file keeps its own name. The move is
     * atomic (the staging folder is in the inbox, on the same file system): the intake sees the whole file or none.
     * One upload lands at a time, so two uploads of one name never take the same free name.
     */
    private synchronized Path land(Path file, String name, Path dir) throws IOException {
        Files.createDirectories(dir);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        String free = FreeNames.firstAbsent(n -> FreeNames.numbered(stem, n) + extension, candidate ->
                Stream.of(inbox, checkDir, heldDir).map(d -> d.resolve(candidate))
                        .filter(p -> !p.equals(file) && Files.exists(p)).findFirst().orElse(dir.resolve(candidate)));
        Path target = dir.resolve(free);
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.endsWith(".camelLock")).sorted().toList();
        }
    }

    /** What an upload's body gave: its size in bytes (counted to the end even above the limit) and its SHA-256. */
    private record Received(long bytes, String sha256) {
    }

    /**
     * Writes the body to {@code part} as it arrives. A Vert.x request (the route reads no body: useBodyHandler=false)
     * is resumed and its buffers written on the event loop, a few KB each, while this worker thread waits for its
     * end; past {@code maxBytes} nothing more is written and the rest is read and dropped.
     *
     * @throws ApiRefusal 413 above the limit
     */
    private Received receive(Message in, Path part) throws IOException {
        Object body = in.getBody();
        MessageDigest sha = sha256();
        AtomicLong size = new AtomicLong();
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            if (body instanceof HttpServerRequest request) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                request.handler(buffer -> {
                    if (size.addAndGet(buffer.length()) > maxBytes || done.isDone()) {
                        return;
                    }
                    try {
                        ByteBuffer bytes = ByteBuffer.wrap(buffer.getBytes());
                        sha.update(bytes.duplicate());
                        while (bytes.hasRemaining()) {
                            out.write(bytes);
                        }
                    } catch (IOException e) {
                        done.completeExceptionally(e);
                    }
                });
                request.exceptionHandler(done::completeExceptionally);
                request.endHandler(v -> done.complete(null));
                request.resume();
                await(done);
            } else if (body != null) {
                LOG.warn("an upload's body was read into memory before it reached the upload route"
                        + " (routes/console-upload.yaml: api-upload must answer POST /api/uploads)");
                copy(in.getBody(InputStream.class), out, sha, size);
            }
        }
        if (size.get() > maxBytes) {
            throw new ApiRefusal(413, "the file is " + size.get() + " bytes, more than the " + maxBytes
                    + " bytes an upload may have (crm-bridge.console.upload-max-bytes)");
        }
        return new Received(size.get(), HexFormat.of().formatHex(sha.digest()));
    }

    /** A body Camel already read (a stream or bytes: a direct call, not the HTTP route), copied the same way. */
    private void copy(InputStream source, FileChannel out, MessageDigest sha, AtomicLong size) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (int n = source.read(buffer); n >= 0; n = source.read(buffer)) {
            if (size.addAndGet(n) <= maxBytes) {
                sha.update(buffer, 0, n);
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
        }
    }

    private static void drain(Object body) throws IOException {
        if (body instanceof HttpServerRequest request && !request.isEnded()) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            request.handler(buffer -> { });
            request.exceptionHandler(done::completeExceptionally);
            request.endHandler(v -> done.complete(null));
            request.resume();
            await(done);
        }
    }

    private static void await(CompletableFuture<Void> done) throws IOException {
        try {
            done.get(BODY_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("the upload broke off", e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the upload did not end within " + BODY_TIMEOUT_MINUTES + " minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while receiving an upload", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
