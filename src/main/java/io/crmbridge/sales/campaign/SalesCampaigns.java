package io.crmbridge.sales.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.brevo.BrevoAttributes;
import io.crmbridge.brevo.BrevoCallException;
import io.crmbridge.brevo.BrevoContactImporter;
import io.crmbridge.brevo.BrevoGateway;
import io.crmbridge.brevo.BrevoImportResult;
import io.crmbridge.brevo.BrevoLists;
import io.crmbridge.sales.CustomerProfile;
import io.crmbridge.sales.scoring.ClientDetails;
import io.crmbridge.sales.scoring.LedgerScoring;
import io.crmbridge.sales.scoring.Purchase;
import io.crmbridge.sales.scoring.RfmSegments;
import io.crmbridge.sales.ingest.LedgerValues;
import io.crmbridge.sales.store.SalesLedgerStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wine merchant's campaigns (PRODUCT.md W4, W5; routes/campaigns.yaml, docs/campaigns.md). At each firing of
 * the campaign schedule, over the latest scoring of the whole sales ledger, for each segment in
 * {@link RfmSegments#ALL} order: the (segment, period) row is claimed in the {@link CampaignLog} (none claimed: the
 * period already has it, nothing is sent); the segment's template is created or updated
 * ({@link CampaignTemplates}); the {@link CampaignGuardrails} pick the recipients from the segment's scored clients,
 * reading who is blacklisted in the segment's Brevo list ({@code GET /v3/contacts/lists/{id}/contacts}); the
 * recipients' {@code RECOMMENDATIONS} and {@code REBUY_SUGGESTIONS} are written to their Brevo contacts
 * ({@code POST /v3/contacts/import} into the segment's list), the excluded members are put in an exclusion list of
 * the period, and the campaign is created with {@code POST /v3/emailCampaigns} ({@code name}, {@code templateId},
 * {@code sender}, {@code recipients.listIds} and {@code exclusionListIds}, {@code scheduledAt}; 201 {@code {"id"}},
 * developers.brevo.com/reference/create-email-campaign). Brevo's 429/5xx are redelivered by
 * {@code direct:brevo-request}; a campaign already named as ours in {@code GET /v3/emailCampaigns} is taken rather
 * than created again. Each campaign's log row, recipients and exclusions go to the database, and a JSON report to
 * {@code <outbox>/campaigns/}. A firing while a ledger import runs waits for the next one. After its
 * {@code scheduledAt}, {@link #followStatus} reads each scheduled campaign back from Brevo and logs it {@code sent} or
 * {@code failed}.
 */
public class SalesCampaigns {

    private static final Logger LOG = LoggerFactory.getLogger(SalesCampaigns.class);
    private static final int MEMBER_PAGE = 500;
    private static final DateTimeFormatter SCHEDULED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    /**
     * Settings of the campaigns.
     *
     * @param zone       time zone of the schedule and of the periods
     * @param period     {@code month} or {@code week}
     * @param sendDelay  time between a firing and its campaigns' {@code scheduledAt}
     * @param listPrefix {@code brevo.list-prefix}, for the exclusion lists' names
     * @param reportsDir where the campaign reports go ({@code <outbox>/campaigns})
     */
    public record Config(ZoneId zone, String period, Duration sendDelay, String senderName, String senderEmail,
                         String listPrefix, Path reportsDir, Path outbox) {
    }

    private final Config config;
    private final SalesLedgerStore store;
    private final LedgerScoring scoring;
    private final CampaignGuardrails guardrails;
    private final CampaignLog log;
    private final CampaignTemplates templates;
    private final BrevoGateway brevo;
    private final BrevoLists lists;
    private final BrevoAttributes attributes;
    private final BrevoContactImporter importer;
    private final ObjectMapper json;
    private final Clock clock;

    public SalesCampaigns(Config config, SalesLedgerStore store, LedgerScoring scoring, CampaignGuardrails guardrails,
                          CampaignLog log, BrevoGateway brevo, ObjectMapper json, Clock clock) {
        this.config = config;
        this.store = store;
        this.scoring = scoring;
        this.guardrails = guardrails;
        this.log = log;
        this.templates = new CampaignTemplates(brevo, config.senderName(), config.senderEmail());
        this.brevo = brevo;
        this.lists = new BrevoLists(brevo);
        this.attributes = new BrevoAttributes(brevo);
        this.importer = new BrevoContactImporter(brevo);
        this.json = json;
        this.clock = clock;
    }

    /**
     * One firing of the schedule: creates the campaigns of the current period that do not exist yet.
     *
     * @return the log rows this firing wrote (empty when the period already had every campaign)
     */
    public synchronized List<CampaignEntry> run() {
        Instant now = clock.instant();
        if (store.imports().stream().anyMatch(i -> "RUNNING".equals(i.getStatus()))) {
            LOG.info("Campaigns: a sales-ledger import is running; the campaigns wait for the next firing");
            return List.of();
        }
        Ledger ledger = ledger();
        if (ledger.bySegment().isEmpty()) {
            LOG.info("Campaigns: no scored client in the sales ledger, nothing to mail");
            return List.of();
        }
        String period = CampaignPeriod.of(now, config.zone(), config.period());
        List<CampaignEntry> written = new ArrayList<>();
        for (String segment : RfmSegments.ALL) {
            List<CustomerProfile> clients = ledger.bySegment().getOrDefault(segment, List.of());
            if (clients.isEmpty()) {
                continue;
            }
            Optional<Long> claimed = log.claim(segment, period, now);
            if (claimed.isEmpty()) {
                // every firing of the period after the first comes here: not worth a line each
                LOG.debug("Campaigns: the {} campaign of {} exists already, nothing sent", segment, period);
                continue;
            }
            long id = claimed.get();
            create(id, segment, period, clients, ledger, now);
            CampaignEntry entry = log.campaign(id).orElseThrow();
            writeReport(entry);
            written.add(log.campaign(id).orElseThrow());
        }
        return written;
    }

    /**
     * One firing of the status schedule ({@code sales-campaigns-status}, routes/campaigns.yaml): reads back from Brevo
     * ({@code GET /v3/emailCampaigns/{campaignId}?excludeHtmlContent=true}, through {@code direct:brevo-request} and
     * its redelivery) each campaign of the log still {@code scheduled} whose {@code scheduledAt} has passed, and logs
     * it {@code sent} (with Brevo's {@code sentDate}) or {@code failed} with the reason ({@link BrevoCampaignStatus});
     * its report file is written again. A campaign Brevo is still sending stays {@code scheduled}; one whose read
     * fails after the redeliveries (5xx, no answer) stays as it was and is read at the next firing.
     *
     * @return the log rows this firing changed
     */
    public synchronized List<CampaignEntry> followStatus() {
        Instant now = clock.instant();
        List<CampaignEntry> changed = new ArrayList<>();
        for (CampaignEntry entry : log.dueForStatus(now)) {
            long campaignId = entry.brevoCampaignId();
            BrevoCampaignStatus status;
            try {
                status = BrevoCampaignStatus.of(campaignId, brevo.get("/v3/emailCampaigns/" + campaignId
                        + "?excludeHtmlContent=true"));
            } catch (BrevoCallException e) {
                if (e.status() != 404) {
                    LOG.warn("Campaigns: cannot read the status of the {} campaign of {} (Brevo campaign {}), read"
                            + " again at the next check: {}", entry.segment(), entry.period(), campaignId, e.getMessage());
                    continue;
                }
                status = BrevoCampaignStatus.missing(campaignId, e.getMessage());
            }
            switch (status.outcome()) {
                case SENT -> {
                    Instant sentAt = status.sentAt() == null ? now : status.sentAt();
                    log.sent(entry.id(), status.brevoStatus(), sentAt, now);
                    LOG.info("Campaigns: {} of {} sent by Brevo (campaign {}) at {}", entry.segment(), entry.period(),
                            campaignId, sentAt);
                }
                case FAILED -> {
                    log.unsent(entry.id(), status.brevoStatus(), status.reason(), now);
                    LOG.error("Campaigns: {} of {} not sent: {}", entry.segment(), entry.period(), status.reason());
                }
                default -> {
                    log.brevoStatus(entry.id(), status.brevoStatus(), now);
                    continue;
                }
            }
            CampaignEntry updated = log.campaign(entry.id()).orElseThrow();
            writeReport(updated);
            changed.add(updated);
        }
        return changed;
    }

    /**
     * The dry run: what a firing now would mail, segment by segment, with each recipient's text, sending nothing and
     * writing nothing (it reads the segments' Brevo lists for blacklisted contacts).
     *
     * @return {@code {period, segments: [{segment, mailed, already_created, subject, recipients: [{client_code,
     *         email, recommendations, rebuy, text}], exclusions: [{client_code, email, reason, detail}]}]}}
     */
    public Map<String, Object> preview() {
        Instant now = clock.instant();
        String period = CampaignPeriod.of(now, config.zone(), config.period());
        Ledger ledger = ledger();
        Map<String, Integer> mailed = log.mailsIn(period);
        Set<String> existing = new HashSet<>();
        // as CampaignLog.claim: a failed campaign is created again only when Brevo never had it
        log.campaigns().stream().filter(c -> c.period().equals(period)
                        && (!CampaignLog.FAILED.equals(c.status()) || c.brevoCampaignId() != null))
                .forEach(c -> existing.add(c.segment()));
        List<Map<String, Object>> segments = new ArrayList<>();
        for (String segment : RfmSegments.ALL) {
            List<CustomerProfile> clients = ledger.bySegment().getOrDefault(segment, List.of());
            if (clients.isEmpty()) {
                continue;
            }
            Members members = guardrails.mails(segment) ? members(segment, ledger) : Members.NONE;
            SegmentPlan plan = guardrails.plan(segment, period, clients, ledger.bought(), mailed, members.blacklisted(),
                    members.stale());
            CampaignMail mail = guardrails.mails(segment) ? CampaignMail.of(segment) : null;
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("segment", segment);
            s.put("mailed", plan.mailed());
            s.put("already_created", existing.contains(segment));
            s.put("subject", mail == null ? null : mail.subject());
            List<Map<String, Object>> recipients = new ArrayList<>();
            for (CampaignRecipient r : plan.recipients()) {
                Map<String, Object> m = recipient(r);
                m.put("text", mail.textFor(r));
                recipients.add(m);
            }
            s.put("recipients", recipients);
            s.put("exclusions", plan.exclusions().stream().map(SalesCampaigns::exclusion).toList());
            segments.add(s);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("period", period);
        answer.put("dry_run", true);
        answer.put("segments", segments);
        return answer;
    }

    private void create(long id, String segment, String period, List<CustomerProfile> clients, Ledger ledger,
                        Instant now) {
        SegmentPlan plan = null;
        try {
            if (!guardrails.mails(segment)) {
                plan = guardrails.plan(segment, period, clients, ledger.bought(), Map.of(), Set.of(), Map.of());
                log.recordPlan(id, plan);
                log.skipped(id, plan, "segment never mailed (crm-bridge.sales.campaigns.never-mailed)", now);
                return;
            }
            Members members = members(segment, ledger);
            plan = guardrails.plan(segment, period, clients, ledger.bought(), log.mailsIn(period),
                    members.blacklisted(), members.stale());
            log.recordPlan(id, plan);
            if (plan.recipients().isEmpty()) {
                log.skipped(id, plan, "no client passed the guardrails", now);
                return;
            }
            CampaignMail mail = CampaignMail.of(segment);
            long templateId = templates.ensure(mail);
            long listId = members.listId();
            attributes.ensure(Map.of("RECOMMENDATIONS", "text", "REBUY_SUGGESTIONS", "text", "RFM_SEGMENT", "text"));
            Map<String, Map<String, Object>> contacts = new LinkedHashMap<>();
            plan.recipients().forEach(r -> contacts.put(r.email(), CampaignMail.attributes(r, segment)));
            importAll(listId, contacts);
            Long exclusionListId = exclusionList(segment, period, plan, members);
            // to the millisecond, as Brevo holds it (SCHEDULED_AT): the log's scheduledAt is Brevo's
            Instant scheduledAt = now.plus(config.sendDelay()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            String name = "crm-bridge " + segment + " " + period;
            long campaignId = existingCampaign(name).orElseGet(() -> createCampaign(name, templateId, listId,
                    exclusionListId, scheduledAt));
            log.scheduled(id, templateId, listId, exclusionListId, campaignId, scheduledAt, plan, now);
            LOG.info("Campaigns: {} of {} scheduled in Brevo (campaign {}) at {}: {} recipients, {} excluded", segment,
                    period, campaignId, scheduledAt, plan.recipients().size(), plan.excludedClients());
        } catch (BrevoCallException | IllegalStateException e) {
            LOG.error("Campaigns: the {} campaign of {} failed: {}", segment, period, e.getMessage());
            log.failed(id, plan, e.getMessage(), now);
        }
    }

    private void importAll(long listId, Map<String, Map<String, Object>> contacts) {
        List<String> emails = new ArrayList<>(contacts.keySet());
        for (int from = 0; from < emails.size(); from += BrevoContactImporter.MAX_BATCH) {
            Map<String, Map<String, Object>> batch = new LinkedHashMap<>();
            emails.subList(from, Math.min(emails.size(), from + BrevoContactImporter.MAX_BATCH))
                    .forEach(e -> batch.put(e, contacts.get(e)));
            BrevoImportResult result = importer.importInto(listId, batch);
            if (!result.rejected().isEmpty() || !result.unreachable().isEmpty()) {
                // a recipient whose attributes could not be written would be mailed last period's recommendations
                throw new IllegalStateException("Brevo did not take the attributes of " + (result.rejected().size()
                        + result.unreachable().size()) + " recipient(s): " + first(result));
            }
        }
    }

    private static String first(BrevoImportResult result) {
        return result.rejected().isEmpty() ? result.unreachable().values().iterator().next()
                : result.rejected().values().iterator().next();
    }

    /** The period's exclusion list of the segment holding the members left out, or null when none is a member. */
    private Long exclusionList(String segment, String period, SegmentPlan plan, Members members) {
        Map<String, Map<String, Object>> excluded = new LinkedHashMap<>();
        plan.exclusions().stream()
                .filter(e -> e.reason().excludesClient() && e.email() != null
                        && members.emails().contains(e.email().toLowerCase(Locale.ROOT)))
                .forEach(e -> excluded.put(e.email().toLowerCase(Locale.ROOT), Map.of()));
        if (excluded.isEmpty()) {
            return null;
        }
        long id = lists.listId(config.listPrefix() + segment + "-excluded-" + period);
        importAll(id, excluded);
        return id;
    }

    private OptionalLong existingCampaign(String name) {
        return brevo.findIdByName("/v3/emailCampaigns", "campaigns", name, 100);
    }

    private long createCampaign(String name, long templateId, long listId, Long exclusionListId, Instant scheduledAt) {
        Map<String, Object> recipients = new LinkedHashMap<>();
        recipients.put("listIds", List.of(listId));
        if (exclusionListId != null) {
            recipients.put("exclusionListIds", List.of(exclusionListId));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("sender", Map.of("name", config.senderName(), "email", config.senderEmail()));
        body.put("templateId", templateId);
        body.put("recipients", recipients);
        body.put("scheduledAt", SCHEDULED_AT.format(scheduledAt.atZone(config.zone())));
        return brevo.post("/v3/emailCampaigns", body).path("id").asLong();
    }

    private record Members(long listId, Set<String> emails, Set<String> blacklisted, Map<String, String> stale) {
        static final Members NONE = new Members(0, Set.of(), Set.of(), Map.of());
    }

    /** The segment's Brevo list: its members, the blacklisted ones, and those now scored in another segment. */
    private Members members(String segment, Ledger ledger) {
        long listId = lists.listId(lists.nameOf(segment));
        Set<String> emails = new HashSet<>();
        Set<String> blacklisted = new HashSet<>();
        Map<String, String> stale = new HashMap<>();
        for (int offset = 0; ; offset += MEMBER_PAGE) {
            JsonNode page = brevo.get("/v3/contacts/lists/" + listId + "/contacts?limit=" + MEMBER_PAGE + "&offset="
                    + offset);
            for (JsonNode c : page.path("contacts")) {
                String email = c.path("email").asText().toLowerCase(Locale.ROOT);
                emails.add(email);
                if (c.path("emailBlacklisted").asBoolean(false)) {
                    blacklisted.add(email);
                }
                CustomerProfile now = ledger.byEmail().get(email);
                if (now != null && !segment.equals(now.rfmSegment())) {
                    stale.put(email, now.clientCode());
                }
            }
            if (page.path("contacts").size() < MEMBER_PAGE || offset + MEMBER_PAGE >= page.path("count").asLong(0)) {
                return new Members(listId, emails, blacklisted, stale);
            }
        }
    }

    /** The latest scoring of the whole ledger, as the import computed it, and what each client bought. */
    private record Ledger(Map<String, List<CustomerProfile>> bySegment, Map<String, CustomerProfile> byEmail,
                          Map<String, Set<String>> bought) {
    }

    private Ledger ledger() {
        Map<String, ClientDetails> details = store.clientDetails();
        List<Purchase> purchases = store.purchases();
        List<CustomerProfile> profiles = scoring.score(purchases, c -> details.getOrDefault(c, ClientDetails.NONE),
                store.catalogueFamilies()).profiles();
        Map<String, List<CustomerProfile>> bySegment = new LinkedHashMap<>();
        Map<String, CustomerProfile> byEmail = new HashMap<>();
        for (CustomerProfile p : profiles) {
            bySegment.computeIfAbsent(p.rfmSegment(), k -> new ArrayList<>()).add(p);
            if (p.email() != null && !p.email().isBlank()) {
                byEmail.putIfAbsent(p.email().trim().toLowerCase(Locale.ROOT), p);
            }
        }
        Map<String, Set<String>> bought = new HashMap<>();
        purchases.stream().filter(Purchase::isSale).forEach(p -> bought.computeIfAbsent(p.clientCode(),
                k -> new HashSet<>()).add(LedgerValues.productKey(p.productLabel())));
        return new Ledger(bySegment, byEmail, bought);
    }

    /** Every campaign of the log, newest first, as maps for the API. */
    public List<Map<String, Object>> campaigns() {
        return log.campaigns().stream().map(SalesCampaigns::entry).toList();
    }

    /**
     * One campaign of the log with its recipients and exclusions.
     *
     * @return empty when the log has no such id
     */
    public Optional<Map<String, Object>> campaign(long id) {
        return log.campaign(id).map(e -> {
            Map<String, Object> m = entry(e);
            m.put("recipients_list", log.recipients(id).stream().map(SalesCampaigns::recipient).toList());
            m.put("exclusions_list", log.exclusions(id).stream().map(SalesCampaigns::exclusion).toList());
            return m;
        });
    }

    private void writeReport(CampaignEntry entry) {
        Path file = config.reportsDir().resolve(entry.period() + "-" + entry.segment() + ".json");
        try {
            Files.createDirectories(config.reportsDir());
            Map<String, Object> report = campaign(entry.id()).orElseThrow();
            report.put("report_path", config.outbox().toAbsolutePath().normalize()
                    .relativize(file.toAbsolutePath().normalize()).toString());
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            json.writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), report);
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            log.reportPath(entry.id(), report.get("report_path").toString());
        } catch (IOException e) {
            // the campaign stands in Brevo and in the log; only its file is missing
            LOG.error("Campaigns: cannot write {}: {}", file, e.getMessage());
        }
    }

    private static Map<String, Object> entry(CampaignEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("segment", e.segment());
        m.put("period", e.period());
        m.put("status", e.status());
        m.put("template_id", e.templateId());
        m.put("list_id", e.listId());
        m.put("exclusion_list_id", e.exclusionListId());
        m.put("brevo_campaign_id", e.brevoCampaignId());
        m.put("scheduled_at", e.scheduledAt() == null ? null : e.scheduledAt().toString());
        m.put("brevo_status", e.brevoStatus());
        m.put("status_checked_at", e.statusCheckedAt() == null ? null : e.statusCheckedAt().toString());
        m.put("sent_at", e.sentAt() == null ? null : e.sentAt().toString());
        m.put("recipients", e.recipients());
        m.put("exclusions", e.exclusions());
        m.put("exclusions_by_reason", e.byReason());
        m.put("failure", e.failure());
        m.put("report_path", e.reportPath());
        m.put("created_at", e.createdAt().toString());
        m.put("updated_at", e.updatedAt().toString());
        return m;
    }

    private static Map<String, Object> recipient(CampaignRecipient r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_code", r.clientCode());
        m.put("email", r.email());
        m.put("recommendations", r.recommendations());
        m.put("rebuy", r.rebuy());
        return m;
    }

    private static Map<String, Object> exclusion(CampaignExclusion x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_code", x.clientCode());
        m.put("email", x.email());
        m.put("reason", x.reason().code());
        m.put("detail", x.detail());
        return m;
    }
}
