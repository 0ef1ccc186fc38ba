package io.crmbridge.console.sales;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.api.ApiRefusal;
import io.crmbridge.config.Transactions;
import io.crmbridge.console.RunCatalog;
import io.crmbridge.sales.scoring.RfmSegments;
import io.crmbridge.sales.store.SalesLedgerHistory;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.TypedQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Header;

/**
 * The sales ledger as the console and {@code /api/sales/...} show it (docs/console.md, "Sales ledger"): the import
 * history of the three exports with their held and rejected lines and why (from each import's JSON report in the
 * outbox), the ledger's health (lines held for an unknown client or product), the RFM segment distribution and its
 * change since the previous scoring import ({@link SalesLedgerHistory}), the clients with their scores, and one
 * client with its recommendations, rebuy suggestions and push history. Answers are JSON-shaped maps; every bad
 * request is an {@link ApiRefusal} (400 for paging, a segment or a search out of bounds, 404 for an unknown client
 * or import).
 */
public class SalesCatalog {

    /** Most imports, clients or pushes one call returns. */
    public static final int MAX_LIMIT = RunCatalog.MAX_LIMIT;
    /** Items a call returns when the request does not say. */
    public static final int DEFAULT_LIMIT = RunCatalog.DEFAULT_LIMIT;
    /** Longest search text, in characters. */
    public static final int MAX_QUERY = 200;
    /** Held rows of one import listed at most (the report has them all). */
    static final int HELD_ROWS_SHOWN = 50;

    private final Transactions transactions;
    private final SalesLedgerHistory history;
    private final Path outbox;
    private final ObjectMapper json;

    public SalesCatalog(EntityManagerFactory emf, SalesLedgerHistory history, Path outbox, ObjectMapper json) {
        this.transactions = new Transactions(emf);
        this.history = history;
        this.outbox = outbox.toAbsolutePath().normalize();
        this.json = json;
    }

    /**
     * A page of ledger imports, newest first: {@code {"imports": [...], "total", "limit", "offset"}}. Each import:
     * {@code id}, {@code runId}, {@code file}, {@code kind} (clients, products, sales_lines), {@code status},
     * {@code rowsRead}, {@code outcomes} {loaded, updated, unchanged, held, rejected}, {@code released} (held lines
     * it let in), {@code startedAt}, {@code finishedAt}, {@code rejectedReasons} {error code: rows},
     * {@code heldReasons} {unknown client | unknown product | unknown client and product: rows}, {@code heldRows}
     * [{row, reason}] (the first {@value #HELD_ROWS_SHOWN}), {@code duplicates} (rows rejected as
     * DUPLICATE_IN_FILE), {@code rejectedFile} (true when its rejected rows can be downloaded) and {@code segments}
     * (segment -> clients after its scoring run, null when it scored nothing).
     *
     * @throws ApiRefusal 400 for a limit (1 to {@value #MAX_LIMIT}) or offset (0 or more) out of range
     */
    public Map<String, Object> imports(@Header("limit") String limit, @Header("offset") String offset) {
        int l = RunCatalog.number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        int o = RunCatalog.number("offset", offset, 0, 0, Integer.MAX_VALUE);
        Map<Long, Map<String, Long>> segments = history.segmentHistory(Integer.MAX_VALUE);
        List<Map<String, Object>> imports = new ArrayList<>();
        long total = transactions.run(em -> {
            for (Object[] r : em.createQuery("select i.id, i.importRunId, i.fileName, i.kind, i.status, i.rowsRead,"
                    + " i.loaded, i.updated, i.unchanged, i.held, i.rejected, i.released, i.reportPath, i.startedAt,"
                    + " i.finishedAt from SalesImport i order by i.id desc", Object[].class)
                    .setFirstResult(o).setMaxResults(l).getResultList()) {
                imports.add(describeImport(r, segments));
            }
            return em.createQuery("select count(i) from SalesImport i", Long.class).getSingleResult();
        });
        return page("imports", imports, total, l, o);
    }

    /**
     * The rejected rows of ledger import {@code id}: the dead-letter CSV its report names, inside the outbox's
     * {@code dead-letter} folder.
     *
     * @throws ApiRefusal 400 for an id that is not a number, 404 for an unknown import or one without rejected rows
     */
    public Path rejectedFile(String id) {
        long n = importId(id);
        String reportPath = transactions.run(em -> em.createQuery("select i.reportPath from SalesImport i where i.id = :id",
                String.class).setParameter("id", n).getResultStream().findFirst().orElseThrow(
                        () -> new ApiRefusal(404, "no sales-ledger import " + n)));
        return rejected(reportPath).orElseThrow(() -> new ApiRefusal(404, "sales-ledger import " + n
                + " has no rejected rows"));
    }

    /**
     * The RFM segment distribution in force (the stored scores) and its change since the scoring import before the
     * latest: {@code {"importId", "previousImportId", "total", "segments": [{segment, clients, previous, change}]}},
     * every segment of {@link RfmSegments#ALL} in its order; {@code previous} and {@code change} are null when only
     * one scoring import is recorded, {@code importId} null before any.
     */
    public Map<String, Object> segments() {
        Map<String, Long> current = new LinkedHashMap<>();
        transactions.run(em -> {
            em.createQuery("select s.segment, count(s) from ClientScore s group by s.segment", Object[].class)
                    .getResultList().forEach(r -> current.put((String) r[0], (Long) r[1]));
            return null;
        });
        Iterator<Map.Entry<Long, Map<String, Long>>> recorded = history.segmentHistory(2).entrySet().iterator();
        Long latest = recorded.hasNext() ? recorded.next().getKey() : null;
        Map.Entry<Long, Map<String, Long>> before = recorded.hasNext() ? recorded.next() : null;
        List<Map<String, Object>> rows = new ArrayList<>();
        long total = 0;
        for (String segment : RfmSegments.ALL) {
            long n = current.getOrDefault(segment, 0L);
            total += n;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("segment", segment);
            row.put("clients", n);
            Long previous = before == null ? null : before.getValue().getOrDefault(segment, 0L);
            row.put("previous", previous);
            row.put("change", previous == null ? null : n - previous);
            rows.add(row);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("importId", latest);
        answer.put("previousImportId", before == null ? null : before.getKey());
        answer.put("total", total);
        answer.put("segments", rows);
        return answer;
    }

    /**
     * The ledger's data health now: {@code {"heldLines", "unknownClients": [{clientCode, lines}],
     * "unknownProducts": [{product, lines}]}}, the clients and products that lines still held wait for, most lines
     * first.
     */
    public Map<String, Object> health() {
        return transactions.run(em -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("heldLines", em.createQuery("select count(l) from SalesLine l where l.status = 'HELD'", Long.class)
                    .getSingleResult());
            answer.put("unknownClients", waitingFor(em, "clientCode", "select l.clientCode, count(l) from SalesLine l"
                    + " where l.status = 'HELD' and not exists (select 1 from LedgerClient c where c.clientCode = l.clientCode)"
                    + " group by l.clientCode order by count(l) desc, l.clientCode"));
            answer.put("unknownProducts", waitingFor(em, "product", "select min(l.productLabel), count(l) from SalesLine l"
                    + " where l.status = 'HELD' and not exists (select 1 from LedgerProduct p where p.productKey = l.productKey)"
                    + " group by l.productKey order by count(l) desc, l.productKey"));
            return answer;
        });
    }

    /** What held lines wait for: {@code [{<name>: value, lines}]}, from a query of (value, held lines) rows. */
    private static List<Map<String, Object>> waitingFor(EntityManager em, String name, String query) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Object[] r : em.createQuery(query, Object[].class).getResultList()) {
            found.add(entry(name, r[0], "lines", r[1]));
        }
        return found;
    }

    /**
     * A page of the ledger's clients by client code: {@code {"clients": [...], "total", "limit", "offset",
     * "q", "segment"}}, each client {@code clientCode}, {@code firstName}, {@code lastName}, {@code email},
     * {@code city}, {@code segment}, {@code rfmCode}, {@code monetary} (null when the client has no sale).
     *
     * @param q       text found, in any case, in the client code, first or last name or e-mail; at most
     *                {@value #MAX_QUERY} characters
     * @param segment only the clients of this segment ({@link RfmSegments#ALL})
     * @throws ApiRefusal 400 for paging out of range, an unknown segment or a search too long
     */
    public Map<String, Object> clients(@Header("limit") String limit, @Header("offset") String offset,
                                       @Header("q") String q, @Header("segment") String segment) {
        int l = RunCatalog.number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        int o = RunCatalog.number("offset", offset, 0, 0, Integer.MAX_VALUE);
        String search = q == null || q.isBlank() ? null : q.trim();
        if (search != null && search.length() > MAX_QUERY) {
            throw new ApiRefusal(400, "q must be at most " + MAX_QUERY + " characters");
        }
        String only = segment == null || segment.isBlank() ? null : segment.trim();
        if (only != null && !RfmSegments.ALL.contains(only)) {
            throw new ApiRefusal(400, "segment must be one of " + String.join(", ", RfmSegments.ALL));
        }
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (search != null) {
            where.append(" and (lower(c.clientCode) like :q escape '!' or lower(c.firstName) like :q escape '!'"
                    + " or lower(c.lastName) like :q escape '!' or lower(c.email) like :q escape '!')");
        }
        if (only != null) {
            where.append(" and s.segment = :segment");
        }
        String from = " from LedgerClient c left join ClientScore s on s.clientCode = c.clientCode" + where;
        String pattern = search == null ? null : "%" + search.toLowerCase(Locale.ROOT)
                .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        List<Map<String, Object>> clients = new ArrayList<>();
        long total = transactions.run(em -> {
            TypedQuery<Object[]> rows = em.createQuery("select c.clientCode, c.firstName, c.lastName, c.email, c.city,"
                    + " s.segment, s.recencyScore, s.frequencyScore, s.monetaryScore, s.monetary" + from
                    + " order by c.clientCode", Object[].class);
            TypedQuery<Long> count = em.createQuery("select count(c)" + from, Long.class);
            bind(rows, pattern, only);
            bind(count, pattern, only);
            for (Object[] r : rows.setFirstResult(o).setMaxResults(l).getResultList()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("clientCode", r[0]);
                c.put("firstName", r[1]);
                c.put("lastName", r[2]);
                c.put("email", r[3]);
                c.put("city", r[4]);
                c.put("segment", r[5]);
                c.put("rfmCode", r[5] == null ? null : "" + r[6] + r[7] + r[8]);
                c.put("monetary", r[9]);
                clients.add(c);
            }
            return count.getSingleResult();
        });
        Map<String, Object> page = page("clients", clients, total, l, o);
        page.put("q", search);
        page.put("segment", only);
        return page;
    }

    private static void bind(TypedQuery<?> query, String pattern, String segment) {
        if (pattern != null) {
            query.setParameter("q", pattern);
        }
        if (segment != null) {
            query.setParameter("segment", segment);
        }
    }

    /**
     * One client: {@code clientCode}, {@code firstName}, {@code lastName}, {@code email}, {@code phone},
     * {@code postalCode}, {@code city}, {@code country}; {@code score} (null without a sale) {segment,
     * recencyScore, frequencyScore, monetaryScore, rfmCode, recencyDays, lastPurchase, frequency (sales
     * documents), monetary (net sales, euros), diversity (0 to 1), referenceDate}; {@code recommendations}
     * [{rank, productKey, product, support, confidence, becauseOf}] best first; {@code rebuy} [{rank, productKey,
     * product, lastBought, usualIntervalDays, overdueDays}] most overdue first; {@code pushes} [{pushId, pushedAt,
     * dryRun, target, list, outcome}] newest first.
     *
     * @throws ApiRefusal 404 for a client code the ledger does not know
     */
    public Map<String, Object> client(@Header("id") String id) {
        String code = id == null ? "" : id.trim();
        Map<String, Object> client = transactions.run(em -> describeClient(em, code));
        if (client == null) {
            throw new ApiRefusal(404, "no client " + code + " in the sales ledger");
        }
        List<Map<String, Object>> pushes = new ArrayList<>();
        for (SalesLedgerHistory.ClientPush p : history.clientPushes(code)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pushId", p.pushId());
            m.put("pushedAt", p.pushedAt().toString());
            m.put("dryRun", p.dryRun());
            m.put("target", p.target());
            m.put("list", p.list());
            m.put("outcome", p.outcome());
            pushes.add(m);
        }
        client.put("pushes", pushes);
        return client;
    }

    private static Map<String, Object> describeClient(EntityManager em, String code) {
        List<Object[]> found = em.createQuery("select c.clientCode, c.firstName, c.lastName, c.email, c.phone,"
                + " c.postalCode, c.city, c.country from LedgerClient c where c.clientCode = :c", Object[].class)
                .setParameter("c", code).getResultList();
        if (found.isEmpty()) {
            return null;
        }
        Object[] c = found.get(0);
        Map<String, Object> client = new LinkedHashMap<>();
        String[] names = {"clientCode", "firstName", "lastName", "email", "phone", "postalCode", "city", "country"};
        for (int i = 0; i < names.length; i++) {
            client.put(names[i], c[i]);
        }
        Map<String, Object> score = null;
        for (Object[] s : em.createQuery("select s.segment, s.recencyScore, s.frequencyScore, s.monetaryScore,"
                + " s.recencyDays, s.lastPurchase, s.frequency, s.monetary, s.diversity, s.referenceDate"
                + " from ClientScore s where s.clientCode = :c", Object[].class).setParameter("c", code).getResultList()) {
            score = new LinkedHashMap<>();
            score.put("segment", s[0]);
            score.put("recencyScore", s[1]);
            score.put("frequencyScore", s[2]);
            score.put("monetaryScore", s[3]);
            score.put("rfmCode", "" + s[1] + s[2] + s[3]);
            score.put("recencyDays", s[4]);
            score.put("lastPurchase", String.valueOf(s[5]));
            score.put("frequency", s[6]);
            score.put("monetary", s[7]);
            score.put("diversity", s[8]);
            score.put("referenceDate", String.valueOf(s[9]));
        }
        client.put("score", score);
        List<Map<String, Object>> recommendations = new ArrayList<>();
        List<Map<String, Object>> rebuy = new ArrayList<>();
        for (Object[] r : em.createQuery("select r.kind, r.rankNo, r.productKey, r.productLabel, r.support, r.confidence,"
                + " r.becauseOf, r.lastBought, r.usualIntervalDays, r.overdueDays from ClientRecommendation r"
                + " where r.clientCode = :c order by r.kind, r.rankNo", Object[].class).setParameter("c", code)
                .getResultList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rank", r[1]);
            m.put("productKey", r[2]);
            m.put("product", r[3]);
            if ("REBUY".equals(r[0])) {
                m.put("lastBought", String.valueOf(r[7]));
                m.put("usualIntervalDays", r[8]);
                m.put("overdueDays", r[9]);
                rebuy.add(m);
            } else {
                m.put("support", r[4]);
                m.put("confidence", r[5]);
                m.put("becauseOf", r[6]);
                recommendations.add(m);
            }
        }
        client.put("recommendations", recommendations);
        client.put("rebuy", rebuy);
        return client;
    }

    /**
     * A page of the pushes of scored clients, newest first: {@code {"pushes": [{id, importId, pushedAt, dryRun,
     * clients, error, lists: [{target, list, outcome, clients}]}], "total", "limit", "offset"}}.
     *
     * @throws ApiRefusal 400 for paging out of range
     */
    public Map<String, Object> pushes(@Header("limit") String limit, @Header("offset") String offset) {
        int l = RunCatalog.number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        int o = RunCatalog.number("offset", offset, 0, 0, Integer.MAX_VALUE);
        List<Map<String, Object>> pushes = new ArrayList<>();
        for (SalesLedgerHistory.Push p : history.pushes(o, l)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("importId", p.importId());
            m.put("pushedAt", p.pushedAt().toString());
            m.put("dryRun", p.dryRun());
            m.put("clients", p.clients());
            m.put("error", p.error());
            List<Map<String, Object>> lists = new ArrayList<>();
            for (SalesLedgerHistory.ListOutcome lo : p.lists()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("target", lo.target());
                e.put("list", lo.list());
                e.put("outcome", lo.outcome());
                e.put("clients", lo.clients());
                lists.add(e);
            }
            m.put("lists", lists);
            pushes.add(m);
        }
        return page("pushes", pushes, history.pushCount(), l, o);
    }

    private Map<String, Object> describeImport(Object[] r, Map<Long, Map<String, Long>> segments) {
        Map<String, Object> m = new LinkedHashMap<>();
        long id = (Long) r[0];
        m.put("id", id);
        m.put("runId", r[1]);
        m.put("file", r[2]);
        m.put("kind", r[3]);
        m.put("status", r[4]);
        m.put("rowsRead", r[5]);
        Map<String, Object> outcomes = new LinkedHashMap<>();
        String[] names = {"loaded", "updated", "unchanged", "held", "rejected"};
        for (int i = 0; i < names.length; i++) {
            outcomes.put(names[i], r[6 + i]);
        }
        m.put("outcomes", outcomes);
        m.put("released", r[11]);
        m.put("startedAt", String.valueOf(r[13]));
        m.put("finishedAt", r[14] == null ? null : ((Instant) r[14]).toString());
        String reportPath = (String) r[12];
        JsonNode report = report(reportPath);
        Map<String, Object> rejectedReasons = new LinkedHashMap<>();
        Map<String, Object> heldReasons = new LinkedHashMap<>();
        List<Map<String, Object>> heldRows = new ArrayList<>();
        if (report != null) {
            report.path("errorsByCode").fields().forEachRemaining(e -> rejectedReasons.put(e.getKey(), e.getValue().asLong()));
            for (JsonNode h : report.path("heldRows")) {
                String reason = h.path("reason").asText();
                heldReasons.merge(heldReason(reason), 1L, (a, b) -> (Long) a + (Long) b);
                if (heldRows.size() < HELD_ROWS_SHOWN) {
                    heldRows.add(entry("row", h.path("row").asLong(), "reason", reason));
                }
            }
        }
        m.put("rejectedReasons", rejectedReasons);
        m.put("heldReasons", heldReasons);
        m.put("heldRows", heldRows);
        m.put("duplicates", rejectedReasons.getOrDefault("DUPLICATE_IN_FILE", 0L));
        m.put("rejectedFile", rejected(reportPath).isPresent());
        m.put("segments", segments.get(id));
        return m;
    }

    /**
     * What a held line waits for, from its reason as {@code SalesLine.holdUnlessKnown} words it ("client C1 is not
     * in the ledger; product 'X' is not in the ledger: held until it arrives").
     */
    static String heldReason(String reason) {
        boolean client = reason.startsWith("client ");
        boolean product = reason.contains("product '");
        if (client && product) {
            return "unknown client and product";
        }
        return client ? "unknown client" : product ? "unknown product" : reason;
    }

    /** The import's JSON report (path relative to the outbox, recorded by crm-bridge), or null. */
    private JsonNode report(String reportPath) {
        Optional<Path> file = inOutbox(reportPath, "reports");
        if (file.isEmpty()) {
            return null;
        }
        try {
            return json.readTree(file.get().toFile());
        } catch (IOException e) {
            return null;
        }
    }

    /** The dead-letter CSV the import's report names, when it exists inside the outbox's dead-letter folder. */
    private Optional<Path> rejected(String reportPath) {
        JsonNode report = report(reportPath);
        if (report == null || !report.path("deadLetterFile").isTextual()) {
            return Optional.empty();
        }
        return inOutbox(report.path("deadLetterFile").asText(), "dead-letter");
    }

    /** {@code relative} resolved in the outbox, when it names an existing file directly inside {@code folder}. */
    private Optional<Path> inOutbox(String relative, String folder) {
        if (relative == null || relative.isBlank()) {
            return Optional.empty();
        }
        Path dir = outbox.resolve(folder).normalize();
        Path file = outbox.resolve(relative).normalize();
        // paths come from crm-bridge's own records; still, never serve anything outside the folder
        return dir.equals(file.getParent()) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static long importId(String id) {
        try {
            return Long.parseLong(id == null ? "" : id.trim());
        } catch (NumberFormatException e) {
            throw new ApiRefusal(400, "import id must be a number");
        }
    }

    /** {@code {<name>: items, "total", "limit", "offset"}}, the shape of every paged answer. */
    private static Map<String, Object> page(String name, List<?> items, long total, int limit, int offset) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put(name, items);
        page.put("total", total);
        page.put("limit", limit);
        page.put("offset", offset);
        return page;
    }

    private static Map<String, Object> entry(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
