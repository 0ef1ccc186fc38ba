package io.crmbridge.sync;

import io.crmbridge.config.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

/**
 * Writes one page of prepared {@link SyncedContact} rows by HubSpot id in one transaction, as one atomic insert-or-update
 * statement per {@value #ROWS_A_STATEMENT} rows: two writers storing the same new contact at the same moment both
 * succeed (the later one's values stay), where a read followed by an insert failed one of them on a duplicate key
 * (docs/cluster.md "Scheduled syncs"). PostgreSQL has {@code INSERT ... ON CONFLICT (hubspot_id) DO UPDATE} (no
 * MERGE before version 15); H2 has {@code MERGE INTO ... KEY (hubspot_id)}. The values are bound by Hibernate, so
 * timestamps are stored exactly as the entity's own mapping reads them back.
 */
public final class SyncedContactUpsert {

    /** Rows of one statement: 16 parameters each, far below PostgreSQL's 32,767 parameters a statement. */
    static final int ROWS_A_STATEMENT = 500;
    private static final List<String> COLUMNS = List.of("hubspot_id", "email", "firstname", "lastname", "company",
            "phone", "jobtitle", "lifecyclestage", "segments", "properties", "archived", "merged_into",
            "list_memberships", "created_at", "updated_at", "synced_at");

    private final Transactions transactions;
    private volatile Boolean postgres;

    public SyncedContactUpsert(EntityManagerFactory emf) {
        this.transactions = new Transactions(emf);
    }

    /**
     * Inserts each row or, when its HubSpot id is stored already, overwrites every column with the row's values.
     *
     * @param rows at most one row per HubSpot id (PostgreSQL refuses a statement that updates a row twice)
     * @throws RuntimeException when the database refuses the write (nothing of the page is stored then)
     */
    public void write(List<SyncedContact> rows) {
        if (rows.isEmpty()) {
            return;
        }
        transactions.run(em -> {
            boolean pg = isPostgres(em);
            for (int from = 0; from < rows.size(); from += ROWS_A_STATEMENT) {
                List<SyncedContact> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_A_STATEMENT));
                @SuppressWarnings("unchecked")
                NativeQuery<Object> statement = em.createNativeQuery(sql(pg, chunk.size())).unwrap(NativeQuery.class);
                int p = 1;
                for (SyncedContact c : chunk) {
                    p = bind(statement, p, c);
                }
                statement.executeUpdate();
            }
            return null;
        });
    }

    private static int bind(NativeQuery<Object> s, int p, SyncedContact c) {
        for (String text : new String[] {c.getHubspotId(), c.getEmail(), c.getFirstname(), c.getLastname(),
                c.getCompany(), c.getPhone(), c.getJobtitle(), c.getLifecyclestage(), c.getSegments(),
                c.getProperties()}) {
            s.setParameter(p++, text, String.class);
        }
        s.setParameter(p++, c.isArchived(), Boolean.class);
        s.setParameter(p++, c.getMergedInto(), String.class);
        s.setParameter(p++, c.getListMemberships(), String.class);
        for (Instant at : new Instant[] {c.getCreatedAt(), c.getUpdatedAt(), c.getSyncedAt()}) {
            s.setParameter(p++, at, Instant.class);
        }
        return p;
    }

    /** The statement for {@code rows} rows on PostgreSQL ({@code pg}) or H2. */
    static String sql(boolean pg, int rows) {
        String columns = String.join(", ", COLUMNS);
        String row = COLUMNS.stream().map(c -> "?").collect(Collectors.joining(", ", "(", ")"));
        String values = Stream.generate(() -> row).limit(rows).collect(Collectors.joining(", "));
        if (!pg) {
            return "merge into synced_contact (" + columns + ") key (hubspot_id) values " + values;
        }
        return "insert into synced_contact (" + columns + ") values " + values + " on conflict (hubspot_id) do update set "
                + COLUMNS.stream().skip(1).map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));
    }

    private boolean isPostgres(EntityManager em) {
        Boolean known = postgres;
        if (known == null) {
            known = em.unwrap(Session.class).doReturningWork(c -> c.getMetaData().getDatabaseProductName())
                    .toLowerCase(Locale.ROOT).contains("postgresql");
            postgres = known;
        }
        return known;
    }
}
