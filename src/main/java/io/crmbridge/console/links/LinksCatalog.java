package io.crmbridge.console.links;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.api.ApiRefusal;
import io.crmbridge.console.RunCatalog;
import io.crmbridge.ledger.PendingLinks;
import io.crmbridge.ledger.PendingLinks.Kind;
import io.crmbridge.ledger.PendingLinks.Row;
import io.crmbridge.ledger.PendingLinks.Selection;
import io.crmbridge.ledger.PendingLinks.TargetCount;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pending links as the Links page and {@code /api/links} show them (docs/console.md "Links that wait"): grouped
 * by kind ({@link LinkKind}) and by the target key they wait for, with counts, first and last time pending and a
 * few example source keys; one target's links; and dropping links that will never resolve. Dropped links are
 * first written to a CSV in {@code <outbox>/links/} (the record of what was dropped, listed and downloadable by
 * its name, never by a path), then removed from the ledger's pending table in the same transaction, so that later
 * association passes stop retrying them.
 */
public class LinksCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(LinksCatalog.class);
    /** Most targets (or links of a target) a page or an API call returns. */
    public static final int MAX_LIMIT = 500;
    /** Targets a page holds when the request does not say. */
    public static final int DEFAULT_LIMIT = 50;
    /** Example source keys given per target. */
    public static final int EXAMPLES = 3;
    /** Most targets (and kinds) one drop may name. */
    public static final int MAX_TARGETS = 1_000;
    /** Most source keys one drop may name. */
    public static final int MAX_SOURCES = 10_000;
    /** The reason written for each dropped link when the request gives none. */
    public static final String DEFAULT_REASON = "dropped by a user: its target is not expected in any file";
    /** The dropped-links CSV's columns. */
    public static final List<String> CSV_HEADER = List.of("kind", "source_type", "source_key", "target_type",
            "target_key", "association_type_id", "first_seen", "dropped_at", "reason");
    /** Names of the dropped-links CSVs: {@code dropped-links-<UTC yyyyMMdd-HHmmss-SSS>[-n].csv}. */
    private static final Pattern FILE_NAME = Pattern.compile("dropped-links-\\d{8}-\\d{6}-\\d{3}(-\\d{1,4})?\\.csv");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final PendingLinks pending;
    private final Path folder;
    private final Clock clock;
    private final ObjectMapper json;

    /**
     * @param outbox the outbox; dropped-links CSVs go to its {@code links/} folder
     */
    public LinksCatalog(PendingLinks pending, Path outbox, Clock clock, ObjectMapper json) {
        this.pending = pending;
        this.folder = outbox.toAbsolutePath().normalize().resolve("links");
        this.clock = clock;
        this.json = json;
    }

    /**
     * A page of the targets pending links wait for: {@code {"pending", "kinds": [...], "targets": [...], "total",
     * "limit", "offset", "sort", "kind"}}. {@code pending} is every pending link; each kind has {@code kind},
     * {@code label}, {@code fromType}, {@code toType}, {@code associationTypeId}, {@code links}, {@code targets},
     * {@code oldest}, {@code newest}; each target {@code kind}, {@code target}, {@code waitsFor}, {@code links},
     * {@code oldest}, {@code newest} (ISO-8601 UTC) and {@code examples} (up to {@value #EXAMPLES} source keys).
     * {@code total} counts the targets of the kind asked (all kinds when none).
     *
     * @param limit  1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}
     * @param offset 0 or more, default 0
     * @param sort   {@code count} (most links first, the default) or {@code target} (by target key)
     * @param kind   only targets of this kind ({@link LinkKind}), or all
     * @throws ApiRefusal 400 for a limit, offset, sort or kind that is not one of these
     */
    public Map<String, Object> list(@Header("limit") String limit, @Header("offset") String offset,
                                    @Header("sort") String sort, @Header("kind") String kind) {
        int l = RunCatalog.number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        int o = RunCatalog.number("offset", offset, 0, 0, Integer.MAX_VALUE);
        PendingLinks.Order order = order(sort);
        Kind k = LinkKind.parse(kind).orElse(null);
        List<Map<String, Object>> kinds = new ArrayList<>();
        long all = 0;
        for (PendingLinks.KindCount c : pending.kinds()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", LinkKind.id(c.kind()));
            m.put("label", LinkKind.label(c.kind()));
            m.put("fromType", c.kind().fromType().pathName());
            m.put("toType", c.kind().toType().pathName());
            m.put("associationTypeId", c.kind().associationTypeId());
            m.put("links", c.links());
            m.put("targets", c.targets());
            m.put("oldest", text(c.oldest()));
            m.put("newest", text(c.newest()));
            kinds.add(m);
            all += c.links();
        }
        List<Map<String, Object>> targets = new ArrayList<>();
        pending.examples(pending.targets(k, order, o, l), EXAMPLES).forEach((t, examples) -> {
            Map<String, Object> m = target(t);
            m.put("examples", examples);
            targets.add(m);
        });
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("pending", all);
        page.put("kinds", kinds);
        page.put("targets", targets);
        page.put("total", pending.targetCount(k));
        page.put("limit", l);
        page.put("offset", o);
        page.put("sort", order.name().toLowerCase(Locale.ROOT));
        page.put("kind", k == null ? null : LinkKind.id(k));
        return page;
    }

    /**
     * The links of one kind waiting for one target: {@code {"kind", "target", "waitsFor", "total", "links":
     * [{"source", "firstSeen"}], "limit", "offset"}}, in the order they were stored.
     *
     * @throws ApiRefusal 400 for a missing or malformed kind or target, a limit or offset out of range; 404 when no
     *                    link of that kind waits for that target
     */
    public Map<String, Object> target(@Header("kind") String kind, @Header("target") String target,
                                      @Header("limit") String limit, @Header("offset") String offset) {
        Kind k = LinkKind.parse(kind).orElseThrow(() -> new ApiRefusal(400, "kind is required"));
        String key = required(target);
        int l = RunCatalog.number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        int o = RunCatalog.number("offset", offset, 0, 0, Integer.MAX_VALUE);
        long total = pending.count(k, key);
        if (total == 0) {
            throw noneWaiting(k, key);
        }
        List<Map<String, Object>> links = new ArrayList<>();
        for (Row r : pending.links(k, key, o, l)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", r.source());
            m.put("firstSeen", text(r.firstSeen()));
            links.add(m);
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("kind", LinkKind.id(k));
        page.put("target", key);
        page.put("waitsFor", waitsFor(k, key));
        page.put("total", total);
        page.put("links", links);
        page.put("limit", l);
        page.put("offset", o);
        return page;
    }

    /**
     * {@code POST /api/links/drop} with a JSON body {@code {"targets": [{"kind", "target", "sources": [...]?}],
     * "kinds": [...], "reason": "..."?}}: drops every link of each named kind, of each (kind, target), or only those
     * from the listed source keys; see {@link #drop(List, String)}.
     *
     * @throws ApiRefusal 400 for a body that is not such JSON or selects nothing, 404 as {@link #drop(List, String)}
     */
    public Map<String, Object> dropRequest(String body) {
        JsonNode request;
        try {
            request = json.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new ApiRefusal(400, "the body must be a JSON object with targets and/or kinds");
        }
        if (request == null || !request.isObject()) {
            throw new ApiRefusal(400, "the body must be a JSON object with targets and/or kinds");
        }
        List<Selection> selections = new ArrayList<>();
        for (JsonNode t : array(request, "targets")) {
            List<String> sources = new ArrayList<>();
            for (JsonNode s : array(t, "sources")) {
                sources.add(required(s.isTextual() ? s.asText() : null));
            }
            selections.add(new Selection(LinkKind.parse(t.path("kind").asText(null))
                    .orElseThrow(() -> new ApiRefusal(400, "every target needs its kind")),
                    required(t.path("target").isTextual() ? t.path("target").asText() : null), sources));
        }
        for (JsonNode k : array(request, "kinds")) {
            selections.add(new Selection(LinkKind.parse(k.asText(null))
                    .orElseThrow(() -> new ApiRefusal(400, "a kind is blank")), null, List.of()));
        }
        JsonNode reason = request.path("reason");
        return drop(selections, reason.isTextual() ? reason.asText() : null);
    }

    /**
     * How many pending links each selection picks, without changing anything: {@code {"links", "selections":
     * [{"kind", "label", "target", "waitsFor", "sources", "links"}]}} (what the console's confirmation shows).
     *
     * @throws ApiRefusal as {@link #drop(List, String)}
     */
    public Map<String, Object> preview(List<Selection> selections) {
        checkSelection(selections);
        List<Map<String, Object>> counted = new ArrayList<>();
        long links = 0;
        for (Selection s : selections) {
            int n = pending.select(List.of(s)).size();
            if (n == 0) {
                throw noneWaiting(s);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", LinkKind.id(s.kind()));
            m.put("label", LinkKind.label(s.kind()));
            m.put("target", s.target());
            m.put("waitsFor", s.target() == null ? null : waitsFor(s.kind(), s.target()));
            m.put("sources", s.sources());
            m.put("links", n);
            counted.add(m);
        }
        // a link picked by two selections (a target and its whole kind) counts once
        links = pending.select(selections).size();
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("links", links);
        preview.put("selections", counted);
        return preview;
    }

    /**
     * Drops the links {@code selections} pick: writes them to a new CSV in {@code <outbox>/links/} ({@link
     * #CSV_HEADER}, one row per link, {@code reason} on each), then removes them from the pending table, in one
     * transaction (when the CSV cannot be written nothing is removed; when the removal fails the CSV is deleted).
     *
     * @return {@code {"dropped", "file", "pending"}}: links dropped, the CSV's name, links still pending
     * @throws ApiRefusal 400 for an empty selection or one too large, a reason over 500 characters; 404 when a
     *                    selection picks no pending link (unknown target, or a kind with nothing pending)
     */
    public Map<String, Object> drop(List<Selection> selections, String reason) {
        checkSelection(selections);
        String why = reason == null || reason.isBlank() ? DEFAULT_REASON : reason.strip();
        if (why.length() > 500) {
            throw new ApiRefusal(400, "reason is longer than 500 characters");
        }
        for (Selection s : selections) {
            if (pending.select(List.of(s)).isEmpty()) {
                throw noneWaiting(s);
            }
        }
        Instant now = clock.instant();
        Path[] written = new Path[1];
        List<Row> dropped;
        try {
            dropped = pending.drop(selections, rows -> written[0] = write(rows, now, why));
        } catch (RuntimeException e) {
            if (written[0] != null) {
                deleteQuietly(written[0]);
            }
            throw e;
        }
        if (dropped.isEmpty()) {
            // taken by an association pass between the check and the drop
            deleteQuietly(written[0]);
            throw new ApiRefusal(404, "no pending link matches the selection any more");
        }
        LOG.info("dropped {} pending links, listed in {}", dropped.size(), written[0].getFileName());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dropped", dropped.size());
        answer.put("file", written[0].getFileName().toString());
        answer.put("pending", pending.kinds().stream().mapToLong(PendingLinks.KindCount::links).sum());
        return answer;
    }

    /**
     * The dropped-links CSVs, newest first: {@code {"files": [{"name", "links", "bytes", "createdAt"}]}}.
     */
    public Map<String, Object> droppedFiles() {
        List<Map<String, Object>> files = new ArrayList<>();
        for (Path p : csvFiles()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.getFileName().toString());
            m.put("links", records(p));
            try {
                m.put("bytes", Files.size(p));
                m.put("createdAt", Files.getLastModifiedTime(p).toInstant().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files.add(m);
        }
        return Map.of("files", files);
    }

    /**
     * The dropped-links CSV named {@code name}: only a name {@link #droppedFiles} lists, never a path.
     *
     * @throws ApiRefusal 404 for any other name
     */
    public Path droppedFile(@Header("file") String name) {
        return csvFiles().stream().filter(p -> p.getFileName().toString().equals(name)).findFirst()
                .orElseThrow(() -> new ApiRefusal(404, "no such dropped-links file"));
    }

    /** What a target key stands for, in words: {@code name:acme} is "a company named acme", and so on. */
    public static String waitsFor(Kind kind, String target) {
        String singular = switch (kind.toType()) {
            case CONTACTS -> "contact";
            case COMPANIES -> "company";
            case TICKETS -> "ticket";
        };
        if (target.startsWith("contact:")) {
            return "the " + singular + " of contact " + target.substring("contact:".length());
        }
        if (target.startsWith("name:")) {
            return "a " + singular + " named " + target.substring("name:".length());
        }
        if (target.startsWith("domain:")) {
            return "a " + singular + " with domain " + target.substring("domain:".length());
        }
        return "the " + singular + " " + target;
    }

    private static void checkSelection(List<Selection> selections) {
        if (selections.isEmpty()) {
            throw new ApiRefusal(400, "nothing selected: name at least one target or kind");
        }
        if (selections.size() > MAX_TARGETS) {
            throw new ApiRefusal(400, "at most " + MAX_TARGETS + " targets and kinds a request, not "
                    + selections.size());
        }
        long sources = selections.stream().mapToLong(s -> s.sources().size()).sum();
        if (sources > MAX_SOURCES) {
            throw new ApiRefusal(400, "at most " + MAX_SOURCES + " source keys a request, not " + sources);
        }
    }

    private Path write(List<Row> rows, Instant now, String reason) {
        try {
            Files.createDirectories(folder);
            String stamp = STAMP.format(now);
            for (int n = 1; n < 10_000; n++) {
                Path target = folder.resolve("dropped-links-" + stamp + (n == 1 ? "" : "-" + n) + ".csv");
                Path part = folder.resolve("." + target.getFileName() + ".part");
                try (Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                     CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                             .setHeader(CSV_HEADER.toArray(String[]::new)).get())) {
                    for (Row r : rows) {
                        csv.printRecord(LinkKind.id(r.kind()), r.kind().fromType().pathName(), r.source(),
                                r.kind().toType().pathName(), r.target(), r.kind().associationTypeId(),
                                text(r.firstSeen()), now.toString(), reason);
                    }
                } catch (FileAlreadyExistsException e) {
                    continue;
                }
                if (Files.exists(target)) {
                    Files.delete(part);
                    continue;
                }
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            }
            throw new IOException("no free name for a dropped-links file in " + folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dropped-links file", e);
        }
    }

    private List<Path> csvFiles() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> FILE_NAME.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long records(Path csv) {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            return parser.stream().count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", p, e.getMessage());
        }
    }

    private static Map<String, Object> target(TargetCount t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", LinkKind.id(t.kind()));
        m.put("target", t.target());
        m.put("waitsFor", waitsFor(t.kind(), t.target()));
        m.put("links", t.links());
        m.put("oldest", text(t.oldest()));
        m.put("newest", text(t.newest()));
        return m;
    }

    private static ApiRefusal noneWaiting(Selection s) {
        if (s.target() == null) {
            return new ApiRefusal(404, "no pending link of kind " + LinkKind.id(s.kind()));
        }
        if (!s.sources().isEmpty()) {
            return new ApiRefusal(404, "none of the given sources has a pending link of kind "
                    + LinkKind.id(s.kind()) + " to " + LinkKind.abbreviate(s.target()));
        }
        return noneWaiting(s.kind(), s.target());
    }

    private static ApiRefusal noneWaiting(Kind kind, String target) {
        return new ApiRefusal(404, "no pending link of kind " + LinkKind.id(kind) + " waits for "
                + LinkKind.abbreviate(target));
    }

    private static Iterable<JsonNode> array(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ApiRefusal(400, field + " must be an array");
        }
        return node;
    }

    private static String required(String value) {
        if (value == null || value.isEmpty()) {
            throw new ApiRefusal(400, "target is required");
        }
        if (value.length() > 512) {
            throw new ApiRefusal(400, "a key is longer than 512 characters");
        }
        return value;
    }

    private static PendingLinks.Order order(String sort) {
        if (sort == null || sort.isBlank() || sort.trim().equals("count")) {
            return PendingLinks.Order.COUNT;
        }
        if (sort.trim().equals("target")) {
            return PendingLinks.Order.TARGET;
        }
        throw new ApiRefusal(400, "sort must be count or target");
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

}
