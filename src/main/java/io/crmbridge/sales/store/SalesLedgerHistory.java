package io.crmbridge.sales.store;

import io.crmbridge.config.Transactions;
import io.crmbridge.push.PushResult;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sales ledger keeps of its past for the console (docs/console.md, "Sales ledger"; migration V6): the
 * RFM segment distribution each import's scoring run left, and every push of the scored clients with each client's
 * outcome per target. Plain SQL on tables {@code sales_segment_count}, {@code sales_push} and
 * {@code sales_push_client}; every method runs in its own transaction.
 */
public class SalesLedgerHistory {

    private final Transactions transactions;

    public SalesLedgerHistory(EntityManagerFactory emf) {
        this.transactions = new Transactions(emf);
    }

    /** Records the distribution (segment -> clients) the scoring run of import {@code importId} left. */
    public void recordSegments(long importId, Map<String, ? extends Number> segments) {
        transactions.run(em -> {
            em.createNativeQuery("delete from sales_segment_count where import_id = ?1").setParameter(1, importId)
                    .executeUpdate();
            segments.forEach((segment, n) -> em.createNativeQuery(
                            "insert into sales_segment_count (import_id, segment, clients) values (?1, ?2, ?3)")
                    .setParameter(1, importId).setParameter(2, segment).setParameter(3, n.longValue()).executeUpdate());
            return null;
        });
    }

    /**
     * The distributions recorded, newest import first: import id -> (segment -> clients), at most {@code imports}
     * of them.
     */
    public Map<Long, Map<String, Long>> segmentHistory(int imports) {
        return transactions.run(em -> {
            List<?> ids = em.createNativeQuery("select distinct import_id from sales_segment_count order by import_id desc")
                    .setMaxResults(imports).getResultList();
            Map<Long, Map<String, Long>> history = new LinkedHashMap<>();
            for (Object id : ids) {
                history.put(((Number) id).longValue(), new LinkedHashMap<>());
            }
            if (history.isEmpty()) {
                return history;
            }
            for (Object row : em.createNativeQuery("select import_id, segment, clients from sales_segment_count"
                    + " where import_id in (?1) order by import_id, segment").setParameter(1, List.copyOf(history.keySet()))
                    .getResultList()) {
                Object[] r = (Object[]) row;
                history.get(((Number) r[0]).longValue()).put((String) r[1], ((Number) r[2]).longValue());
            }
            return history;
        });
    }

    /** Records a push of import {@code importId}'s scored clients, with each client's outcome per target. */
    public void recordPush(long importId, PushResult result, Instant at) {
        transactions.run(em -> {
            long push = insertPush(em, importId, at, result.dryRun(), result.clients(), null);
            for (PushResult.Delivery d : result.deliveries()) {
                em.createNativeQuery("insert into sales_push_client (push_id, client_code, target, list_name, outcome)"
                                + " values (?1, ?2, ?3, ?4, ?5)")
                        .setParameter(1, push).setParameter(2, d.clientCode()).setParameter(3, d.target())
                        .setParameter(4, d.list() == null ? "" : d.list()).setParameter(5, d.outcome()).executeUpdate();
            }
            return null;
        });
    }

    /** Records a push of {@code clients} clients that stopped with {@code error} (a refused token or key). */
    public void recordPushFailure(long importId, int clients, String error, Instant at) {
        transactions.run(em -> insertPush(em, importId, at, false, clients,
                error.length() > 2048 ? error.substring(0, 2048) : error));
    }

    private static long insertPush(jakarta.persistence.EntityManager em, long importId, Instant at, boolean dryRun,
                                   int clients, String error) {
        em.createNativeQuery("insert into sales_push (import_id, pushed_at, dry_run, clients, error)"
                        + " values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, importId).setParameter(2, Timestamp.from(at)).setParameter(3, dryRun)
                .setParameter(4, clients).setParameter(5, error).executeUpdate();
        return ((Number) em.createNativeQuery("select max(id) from sales_push where import_id = ?1")
                .setParameter(1, importId).getSingleResult()).longValue();
    }

    /** Pushes recorded. */
    public long pushCount() {
        return transactions.run(em -> ((Number) em.createNativeQuery("select count(*) from sales_push")
                .getSingleResult()).longValue());
    }

    /**
     * A page of pushes, newest first, each with its clients' outcomes counted per target and list.
     *
     * @param offset pushes to skip
     * @param limit  most pushes returned
     */
    public List<Push> pushes(int offset, int limit) {
        return transactions.run(em -> {
            Map<Long, Push> pushes = new LinkedHashMap<>();
            for (Object row : em.createNativeQuery("select id, import_id, pushed_at, dry_run, clients, error from sales_push"
                    + " order by id desc").setFirstResult(offset).setMaxResults(limit).getResultList()) {
                Object[] r = (Object[]) row;
                long id = ((Number) r[0]).longValue();
                pushes.put(id, new Push(id, ((Number) r[1]).longValue(), instant(r[2]), (Boolean) r[3],
                        ((Number) r[4]).intValue(), (String) r[5], new ArrayList<>()));
            }
            if (pushes.isEmpty()) {
                return List.of();
            }
            for (Object row : em.createNativeQuery("select push_id, target, list_name, outcome, count(*) from sales_push_client"
                            + " where push_id in (?1) group by push_id, target, list_name, outcome"
                            + " order by push_id, target, list_name, outcome")
                    .setParameter(1, List.copyOf(pushes.keySet())).getResultList()) {
                Object[] r = (Object[]) row;
                pushes.get(((Number) r[0]).longValue()).lists().add(new ListOutcome((String) r[1], (String) r[2],
                        (String) r[3], ((Number) r[4]).longValue()));
            }
            return List.copyOf(pushes.values());
        });
    }

    /** What every push did with client {@code clientCode}, newest first. */
    public List<ClientPush> clientPushes(String clientCode) {
        return transactions.run(em -> {
            List<ClientPush> found = new ArrayList<>();
            for (Object row : em.createNativeQuery("select p.id, p.pushed_at, p.dry_run, c.target, c.list_name, c.outcome"
                            + " from sales_push_client c join sales_push p on p.id = c.push_id where c.client_code = ?1"
                            + " order by p.id desc, c.target")
                    .setParameter(1, clientCode).getResultList()) {
                Object[] r = (Object[]) row;
                found.add(new ClientPush(((Number) r[0]).longValue(), instant(r[1]), (Boolean) r[2], (String) r[3],
                        (String) r[4], (String) r[5]));
            }
            return found;
        });
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.toInstant(java.time.ZoneOffset.UTC);
        }
        return (Instant) value;
    }

    /**
     * One push.
     *
     * @param lists the clients' outcomes counted per target and list (empty for a push that stopped)
     * @param error why the push stopped, or null
     */
    public record Push(long id, long importId, Instant pushedAt, boolean dryRun, int clients, String error,
                       List<ListOutcome> lists) {
    }

    /** Clients of one push with {@code outcome} on {@code target}'s {@code list}. */
    public record ListOutcome(String target, String list, String outcome, long clients) {
    }

    /** What push {@code pushId} did with one client on one target. */
    public record ClientPush(long pushId, Instant pushedAt, boolean dryRun, String target, String list, String outcome) {
    }
}
