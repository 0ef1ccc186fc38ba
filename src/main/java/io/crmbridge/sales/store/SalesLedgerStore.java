package io.crmbridge.sales.store;

import io.crmbridge.config.Transactions;
import io.crmbridge.sales.LedgerOutcome;
import io.crmbridge.sales.scoring.ClientDetails;
import io.crmbridge.sales.scoring.Purchase;
import io.crmbridge.sales.scoring.RebuySuggestion;
import io.crmbridge.sales.scoring.Recommendation;
import io.crmbridge.sales.scoring.ScoringResult;
import io.crmbridge.sales.CustomerProfile;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sales ledger's queries and bookkeeping (PRODUCT.md W1, W2): import history, the lookups the loader's
 * duplicate and reference checks need, the release of held lines, the scoring's input and its
 * results. Rows themselves are written by the route's camel-jpa endpoint. Every method runs in its
 * own transaction.
 */
public class SalesLedgerStore {

    private static final int IN_CHUNK = 500;

    private final Transactions transactions;

    public SalesLedgerStore(EntityManagerFactory emf) {
        this.transactions = new Transactions(emf);
    }

    /** Opens the history row of a ledger file and returns its id. */
    public long openImport(long importRunId, String fileName, String kind, Instant now) {
        return transactions.run(em -> {
            SalesImport i = new SalesImport(importRunId, fileName, kind, now);
            em.persist(i);
            em.flush();
            return i.getId();
        });
    }

    /** Closes the history row with the file's counts. */
    public void finishImport(long importId, String status, long rowsRead, Map<LedgerOutcome, Long> outcomes,
                             long released, String reportPath, Instant now) {
        transactions.run(em -> {
            SalesImport i = em.find(SalesImport.class, importId);
            if (i != null) {
                i.finish(status, rowsRead, outcomes, released, reportPath, now);
            }
            return null;
        });
    }

    /** The import history, oldest first. */
    public List<SalesImport> imports() {
        return transactions.run(em -> em.createQuery("select i from SalesImport i order by i.id", SalesImport.class)
                .getResultList());
    }

    /** Content hash per known client code among {@code codes}. */
    public Map<String, String> clientHashes(Collection<String> codes) {
        return hashes("select c.clientCode, c.contentHash from LedgerClient c where c.clientCode in :keys", codes);
    }

    /** Content hash per known product key among {@code keys}. */
    public Map<String, String> productHashes(Collection<String> keys) {
        return hashes("select p.productKey, p.contentHash from LedgerProduct p where p.productKey in :keys", keys);
    }

    /** The line keys among {@code keys} already in the ledger (loaded or held). */
    public Set<String> existingLineKeys(Collection<String> keys) {
        return hashes("select l.lineKey, l.lineKey from SalesLine l where l.lineKey in :keys", keys).keySet();
    }

    private Map<String, String> hashes(String query, Collection<String> keys) {
        Map<String, String> found = new HashMap<>();
        List<String> all = new ArrayList<>(new HashSet<>(keys));
        transactions.run(em -> {
            for (int i = 0; i < all.size(); i += IN_CHUNK) {
                em.createQuery(query, Object[].class).setParameter("keys", all.subList(i, Math.min(all.size(), i + IN_CHUNK)))
                        .getResultList().forEach(r -> found.put((String) r[0], (String) r[1]));
            }
            return null;
        });
        return found;
    }

    /**
     * Loads every held line whose client and product are now both in the ledger, marking it
     * released by {@code importId}.
     *
     * @return how many lines were released
     */
    public int releaseHeld(long importId) {
        return transactions.run(em -> em.createQuery("update SalesLine l set l.status = 'LOADED', l.holdReason = null,"
                        + " l.releasedBy = :import where l.status = 'HELD'"
                        + " and exists (select 1 from LedgerClient c where c.clientCode = l.clientCode)"
                        + " and exists (select 1 from LedgerProduct p where p.productKey = l.productKey)")
                .setParameter("import", importId).executeUpdate());
    }

    /**
     * Rewrites the reason of every line still held, so that it names only what is still missing (a
     * line held for its client and product whose client has arrived now waits for its product).
     */
    public void refreshHoldReasons() {
        transactions.run(em -> {
            Set<String> clients = new HashSet<>(em.createQuery("select c.clientCode from LedgerClient c", String.class)
                    .getResultList());
            Set<String> products = new HashSet<>(em.createQuery("select p.productKey from LedgerProduct p", String.class)
                    .getResultList());
            em.createQuery("select l from SalesLine l where l.status = 'HELD'", SalesLine.class).getResultList()
                    .forEach(l -> l.holdUnlessKnown(clients.contains(l.getClientCode()), products.contains(l.getProductKey())));
            return null;
        });
    }

    /** Lines still held. */
    public long heldCount() {
        return transactions.run(em -> em.createQuery("select count(l) from SalesLine l where l.status = 'HELD'",
                Long.class).getSingleResult());
    }

    /** Lines loaded (not held). */
    public long loadedCount() {
        return transactions.run(em -> em.createQuery("select count(l) from SalesLine l where l.status = 'LOADED'",
                Long.class).getSingleResult());
    }

    /** The held lines, by id. */
    public List<SalesLine> heldLines() {
        return transactions.run(em -> em.createQuery("select l from SalesLine l where l.status = 'HELD' order by l.id",
                SalesLine.class).getResultList());
    }

    /** Every loaded line as the scoring reads it, with its product's family. */
    public List<Purchase> purchases() {
        return transactions.run(em -> em.createQuery("select l.clientCode, l.documentNo, l.documentType, l.deliveryDate,"
                        + " l.productKey, l.productLabel, p.family, l.amountHt from SalesLine l, LedgerProduct p"
                        + " where l.status = 'LOADED' and p.productKey = l.productKey order by l.id", Object[].class)
                .getResultList().stream()
                .map(r -> new Purchase((String) r[0], (String) r[1], "AVOIR".equals(r[2]), (LocalDate) r[3],
                        (String) r[4], (String) r[5], (String) r[6], (BigDecimal) r[7]))
                .toList());
    }

    /** Distinct product families in the catalogue. */
    public int catalogueFamilies() {
        return transactions.run(em -> em.createQuery(
                "select count(distinct p.family) from LedgerProduct p where p.family is not null", Long.class)
                .getSingleResult()).intValue();
    }

    /**
     * Contact details per client code: the clients export's, with the email of the client's latest
     * sales line (by delivery date, then as stored: the same line on every database) when the client has none.
     */
    public Map<String, ClientDetails> clientDetails() {
        return transactions.run(em -> {
            Map<String, String> lineEmails = new HashMap<>();
            em.createQuery("select l.clientCode, l.email from SalesLine l where l.email is not null"
                    + " order by l.deliveryDate, l.id", Object[].class).getResultList()
                    .forEach(r -> lineEmails.put((String) r[0], (String) r[1]));
            Map<String, ClientDetails> details = new HashMap<>();
            for (LedgerClient c : em.createQuery("select c from LedgerClient c", LedgerClient.class).getResultList()) {
                details.put(c.getClientCode(), new ClientDetails(
                        c.getEmail() != null ? c.getEmail() : lineEmails.get(c.getClientCode()),
                        c.getFirstName(), c.getLastName(), c.getPhone(), c.getPostalCode(), c.getCity(), c.getCountry()));
            }
            return details;
        });
    }

    /** Replaces the stored scores and recommendations by those of {@code result}. */
    public void replaceScores(ScoringResult result, Instant now) {
        transactions.run(em -> {
            em.createQuery("delete from ClientRecommendation").executeUpdate();
            em.createQuery("delete from ClientScore").executeUpdate();
            LocalDate reference = result.summary().referenceDate();
            for (CustomerProfile p : result.profiles()) {
                em.persist(new ClientScore(p.clientCode(), p.rfmSegment(), p.recencyScore(), p.frequencyScore(),
                        p.monetaryScore(), p.lastPurchase(), p.recencyDays(), p.frequency(), p.monetary(),
                        p.diversityScore(), reference, now));
            }
            result.recommendations().forEach((client, recs) -> {
                int rank = 1;
                for (Recommendation r : recs) {
                    em.persist(ClientRecommendation.coPurchase(client, rank++, r.productKey(), r.productLabel(),
                            r.support(), r.confidence(), r.becauseOf()));
                }
            });
            result.rebuy().forEach((client, due) -> {
                int rank = 1;
                for (RebuySuggestion s : due) {
                    em.persist(ClientRecommendation.rebuy(client, rank++, s.productKey(), s.productLabel(),
                            s.lastBought(), s.usualIntervalDays(), s.overdueDays()));
                }
            });
            return null;
        });
    }

    /** A stored client, or null. */
    public LedgerClient client(String clientCode) {
        return transactions.run(em -> em.find(LedgerClient.class, clientCode));
    }

    /** Clients per segment in the stored scores. */
    public Map<String, Long> segmentCounts() {
        Map<String, Long> counts = new HashMap<>();
        transactions.run(em -> {
            em.createQuery("select s.segment, count(s) from ClientScore s group by s.segment", Object[].class)
                    .getResultList().forEach(r -> counts.put((String) r[0], (Long) r[1]));
            return null;
        });
        return counts;
    }

    /** The stored score of a client, or null. */
    public ClientScore score(String clientCode) {
        return transactions.run(em -> em.find(ClientScore.class, clientCode));
    }

    /** The stored recommendations of one kind, for every client. */
    public List<ClientRecommendation> recommendations(ClientRecommendation.Kind kind) {
        return transactions.run(em -> em.createQuery("select r from ClientRecommendation r where r.kind = :k"
                        + " order by r.clientCode, r.rankNo", ClientRecommendation.class)
                .setParameter("k", kind.name()).getResultList());
    }
}
