package io.crmbridge.sales.campaign;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The campaign log in the ledger database (tables {@code sales_campaign}, {@code sales_campaign_recipient},
 * {@code sales_campaign_exclusion}, migrations V16 and V17). Plain JDBC on the ledger's pool; thread-safe. A campaign is
 * claimed by inserting its (segment, period) row, unique, before anything is sent to Brevo: of two firings or two
 * instances, one claims it and the other creates nothing. A failed campaign can be claimed again in its period.
 */
public class CampaignLog {

    /** Status of a claimed campaign not yet created in Brevo. */
    public static final String CREATING = "creating";
    /** Status of a campaign Brevo holds with its {@code scheduledAt}. */
    public static final String SCHEDULED = "scheduled";
    /** Status of a campaign Brevo reports sent after its {@code scheduledAt}; {@code sent_at} has when. */
    public static final String SENT = "sent";
    /**
     * Status of a campaign Brevo refused, or reported not sent after its {@code scheduledAt}; {@code failure} has
     * Brevo's reason.
     */
    public static final String FAILED = "failed";
    /** Status of a segment's period that mails nobody (a segment never mailed, or no client passed the guardrails). */
    public static final String SKIPPED = "skipped";

    private static final String COLUMNS = "id, segment, period, status, template_id, list_id, exclusion_list_id,"
            + " brevo_campaign_id, scheduled_at, recipients, exclusions, failure, report_path, created_at, updated_at,"
            + " brevo_status, status_checked_at, sent_at";

    private final DataSource dataSource;

    public CampaignLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Claims the campaign of {@code segment} in {@code period}.
     *
     * @return its log id, or empty when the period already has it (created, skipped, or being created elsewhere)
     * @throws IllegalStateException when the database cannot be read or written
     */
    public Optional<Long> claim(String segment, String period, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("insert into sales_campaign (segment, period, status,"
                    + " recipients, exclusions, created_at, updated_at) values (?, ?, ?, 0, 0, ?, ?)")) {
                s.setString(1, segment);
                s.setString(2, period);
                s.setString(3, CREATING);
                s.setTimestamp(4, Timestamp.from(now));
                s.setTimestamp(5, Timestamp.from(now));
                s.executeUpdate();
            } catch (SQLException duplicate) {
                // the unique key (segment, period): only a failed campaign is taken again, by one claimant
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                return retakeFailed(c, segment, period, now);
            }
            return find(c, segment, period).map(CampaignEntry::id);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim the " + segment + " campaign of " + period, e);
        }
    }

    private Optional<Long> retakeFailed(Connection c, String segment, String period, Instant now) throws SQLException {
        Optional<CampaignEntry> existing = find(c, segment, period);
        // a campaign Brevo holds (its id logged) and later reported unsent was stopped there, by Brevo or by a user:
        // creating it again would mail the segment against that decision
        if (existing.isEmpty() || !FAILED.equals(existing.get().status())
                || existing.get().brevoCampaignId() != null) {
            return Optional.empty();
        }
        long id = existing.get().id();
        try (PreparedStatement s = c.prepareStatement("update sales_campaign set status = ?, failure = null,"
                + " updated_at = ? where id = ? and status = ?")) {
            s.setString(1, CREATING);
            s.setTimestamp(2, Timestamp.from(now));
            s.setLong(3, id);
            s.setString(4, FAILED);
            if (s.executeUpdate() != 1) {
                return Optional.empty();
            }
        }
        for (String table : List.of("sales_campaign_recipient", "sales_campaign_exclusion")) {
            try (PreparedStatement s = c.prepareStatement("delete from " + table + " where campaign_id = ?")) {
                s.setLong(1, id);
                s.executeUpdate();
            }
        }
        return Optional.of(id);
    }

    /** Stores the plan's recipients and exclusions under campaign {@code id}. */
    public void recordPlan(long id, SegmentPlan plan) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("insert into sales_campaign_recipient (campaign_id,"
                    + " client_code, email, recommendations, rebuy) values (?, ?, ?, ?, ?)")) {
                for (CampaignRecipient r : plan.recipients()) {
                    s.setLong(1, id);
                    s.setString(2, r.clientCode());
                    s.setString(3, r.email());
                    s.setString(4, cut(String.join(CampaignMail.SEPARATOR, r.recommendations()), 2000));
                    s.setString(5, cut(String.join(CampaignMail.SEPARATOR, r.rebuy()), 2000));
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("insert into sales_campaign_exclusion (campaign_id,"
                    + " client_code, email, reason, detail) values (?, ?, ?, ?, ?)")) {
                for (CampaignExclusion e : plan.exclusions()) {
                    s.setLong(1, id);
                    s.setString(2, e.clientCode());
                    s.setString(3, cut(e.email(), 320));
                    s.setString(4, e.reason().code());
                    s.setString(5, cut(e.detail(), 512));
                    s.addBatch();
                }
                s.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the recipients of campaign " + id, e);
        }
    }

    /** Marks campaign {@code id} as created in Brevo. */
    public void scheduled(long id, long templateId, long listId, Long exclusionListId, long brevoCampaignId,
                          Instant scheduledAt, SegmentPlan plan, Instant now) {
        update(id, "update sales_campaign set status = ?, template_id = ?, list_id = ?, exclusion_list_id = ?,"
                + " brevo_campaign_id = ?, scheduled_at = ?, recipients = ?, exclusions = ?, failure = null,"
                + " updated_at = ? where id = ?", s -> {
                    s.setString(1, SCHEDULED);
                    s.setLong(2, templateId);
                    s.setLong(3, listId);
                    if (exclusionListId == null) {
                        s.setNull(4, Types.BIGINT);
                    } else {
                        s.setLong(4, exclusionListId);
                    }
                    s.setLong(5, brevoCampaignId);
                    s.setTimestamp(6, Timestamp.from(scheduledAt));
                    s.setInt(7, plan.recipients().size());
                    s.setInt(8, (int) plan.excludedClients());
                    s.setTimestamp(9, Timestamp.from(now));
                    s.setLong(10, id);
                });
    }

    /** Marks campaign {@code id} as mailing nobody, saying why. */
    public void skipped(long id, SegmentPlan plan, String why, Instant now) {
        ended(id, SKIPPED, plan, why, now);
    }

    /** Marks campaign {@code id} as failed with Brevo's reason (never a key). */
    public void failed(long id, SegmentPlan plan, String reason, Instant now) {
        ended(id, FAILED, plan, reason, now);
    }

    private void ended(long id, String status, SegmentPlan plan, String why, Instant now) {
        update(id, "update sales_campaign set status = ?, recipients = ?, exclusions = ?, failure = ?, updated_at = ?"
                + " where id = ?", s -> {
                    s.setString(1, status);
                    s.setInt(2, plan == null ? 0 : plan.recipients().size());
                    s.setInt(3, plan == null ? 0 : (int) plan.excludedClients());
                    s.setString(4, cut(why, 2000));
                    s.setTimestamp(5, Timestamp.from(now));
                    s.setLong(6, id);
                });
    }

    /** Records where campaign {@code id}'s report file is, relative to the outbox. */
    public void reportPath(long id, String path) {
        update(id, "update sales_campaign set report_path = ? where id = ?", s -> {
            s.setString(1, path);
            s.setLong(2, id);
        });
    }

    /**
     * Campaign mails each client received in {@code period} (campaigns scheduled in Brevo or sent), by client code.
     */
    public Map<String, Integer> mailsIn(String period) {
        Map<String, Integer> counts = new TreeMap<>();
        query("select r.client_code, count(*) from sales_campaign_recipient r join sales_campaign c"
                + " on c.id = r.campaign_id where c.period = ? and c.status in (?, ?) group by r.client_code", s -> {
                    s.setString(1, period);
                    s.setString(2, SCHEDULED);
                    s.setString(3, SENT);
                }, rs -> counts.put(rs.getString(1), rs.getInt(2)));
        return counts;
    }

    /**
     * The campaigns to ask Brevo about: {@code scheduled} with a Brevo id and a {@code scheduledAt} at or before
     * {@code now}, oldest first.
     */
    public List<CampaignEntry> dueForStatus(Instant now) {
        List<CampaignEntry> due = new ArrayList<>(select(" where status = ? and brevo_campaign_id is not null"
                + " and scheduled_at <= ?", s -> {
                    s.setString(1, SCHEDULED);
                    s.setTimestamp(2, Timestamp.from(now));
                }));
        java.util.Collections.reverse(due);
        return due;
    }

    /** Records Brevo's status of a campaign still on its way ({@code queued}, {@code in_process}). */
    public void brevoStatus(long id, String brevoStatus, Instant now) {
        update(id, "update sales_campaign set brevo_status = ?, status_checked_at = ? where id = ? and status = ?",
                s -> {
                    s.setString(1, cut(brevoStatus, 16));
                    s.setTimestamp(2, Timestamp.from(now));
                    s.setLong(3, id);
                    s.setString(4, SCHEDULED);
                });
    }

    /** Marks a scheduled campaign {@code id} as sent by Brevo at {@code sentAt}. */
    public void sent(long id, String brevoStatus, Instant sentAt, Instant now) {
        checked(id, SENT, brevoStatus, sentAt, null, now);
    }

    /**
     * Marks a scheduled campaign {@code id} as failed after its {@code scheduledAt}, with Brevo's status (null when
     * Brevo no longer has it) and the reason.
     */
    public void unsent(long id, String brevoStatus, String reason, Instant now) {
        checked(id, FAILED, brevoStatus, null, reason, now);
    }

    /** Ends a campaign still {@code scheduled} with what Brevo said of it; one in another status is left alone. */
    private void checked(long id, String status, String brevoStatus, Instant sentAt, String failure, Instant now) {
        update(id, "update sales_campaign set status = ?, brevo_status = ?, status_checked_at = ?, sent_at = ?,"
                + " failure = ?, updated_at = ? where id = ? and status = ?", s -> {
                    s.setString(1, status);
                    s.setString(2, cut(brevoStatus, 16));
                    s.setTimestamp(3, Timestamp.from(now));
                    s.setTimestamp(4, sentAt == null ? null : Timestamp.from(sentAt));
                    s.setString(5, cut(failure, 2000));
                    s.setTimestamp(6, Timestamp.from(now));
                    s.setLong(7, id);
                    s.setString(8, SCHEDULED);
                });
    }

    /** Every campaign, newest first. */
    public List<CampaignEntry> campaigns() {
        return select("", s -> { });
    }

    /** The campaign of log id {@code id}. */
    public Optional<CampaignEntry> campaign(long id) {
        return select(" where id = ?", s -> s.setLong(1, id)).stream().findFirst();
    }

    private List<CampaignEntry> select(String where, Binder binder) {
        Map<Long, Map<String, Long>> reasons = new TreeMap<>();
        query("select campaign_id, reason, count(*) from sales_campaign_exclusion group by campaign_id, reason",
                s -> { }, rs -> reasons.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>())
                        .put(rs.getString(2), rs.getLong(3)));
        List<CampaignEntry> all = new ArrayList<>();
        query("select " + COLUMNS + " from sales_campaign" + where + " order by id desc", binder,
                rs -> all.add(entry(rs, reasons.getOrDefault(rs.getLong(1), Map.of()))));
        return all;
    }

    /** Campaign {@code id}'s recipients, by client code. */
    public List<CampaignRecipient> recipients(long id) {
        List<CampaignRecipient> all = new ArrayList<>();
        query("select client_code, email, recommendations, rebuy from sales_campaign_recipient where campaign_id = ?"
                + " order by client_code", s -> s.setLong(1, id), rs -> all.add(new CampaignRecipient(rs.getString(1),
                        rs.getString(2), null, CampaignMail.labels(rs.getString(3)), CampaignMail.labels(rs.getString(4)))));
        return all;
    }

    /** Campaign {@code id}'s exclusions and removals, by client code. */
    public List<CampaignExclusion> exclusions(long id) {
        List<CampaignExclusion> all = new ArrayList<>();
        query("select client_code, email, reason, detail from sales_campaign_exclusion where campaign_id = ?"
                + " order by client_code, reason", s -> s.setLong(1, id), rs -> all.add(new CampaignExclusion(
                        rs.getString(1), rs.getString(2), ExclusionReason.valueOf(rs.getString(3).toUpperCase(
                                java.util.Locale.ROOT)), rs.getString(4))));
        return all;
    }

    private Optional<CampaignEntry> find(Connection c, String segment, String period) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from sales_campaign where segment = ?"
                + " and period = ?")) {
            s.setString(1, segment);
            s.setString(2, period);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(entry(rs, Map.of())) : Optional.empty();
            }
        }
    }

    private static CampaignEntry entry(ResultSet rs, Map<String, Long> byReason) throws SQLException {
        return new CampaignEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), nullableLong(rs, 5),
                nullableLong(rs, 6), nullableLong(rs, 7), nullableLong(rs, 8), instant(rs.getTimestamp(9)), rs.getInt(10),
                rs.getInt(11), rs.getString(12), rs.getString(13), instant(rs.getTimestamp(14)),
                instant(rs.getTimestamp(15)), Map.copyOf(byReason), rs.getString(16), instant(rs.getTimestamp(17)),
                instant(rs.getTimestamp(18)));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void update(long id, String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update campaign " + id + " in the campaign log", e);
        }
    }

    private void query(String sql, Binder binder, RowReader reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the campaign log", e);
        }
    }
}
