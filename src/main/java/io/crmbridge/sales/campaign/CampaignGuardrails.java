package io.crmbridge.sales.campaign;

import io.crmbridge.sales.CustomerProfile;
import io.crmbridge.sales.ingest.LedgerValues;
import io.crmbridge.validation.EmailValidator;
import io.crmbridge.validation.ValueCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules a client passes before it enters a segment's campaign (PRODUCT.md W5), pure: the same inputs give the
 * same plan. In this order: a segment never mailed leaves every client out; then a client without a valid e-mail,
 * one blacklisted in Brevo, one that already received {@code maxPerClient} campaign mails this period; then the
 * products the client already bought are removed from its recommendations and the withdrawn ones from its
 * recommendations and rebuy suggestions (the client stays, each removal logged); a client left with nothing to
 * recommend or suggest is left out. Members of the segment's Brevo list whose current segment is another are left
 * out too. Every exclusion and removal carries its {@link ExclusionReason}.
 */
public final class CampaignGuardrails {

    private final EmailValidator emails;
    private final Set<String> neverMailed;
    private final Set<String> withdrawnKeys;
    private final int maxPerClient;

    /**
     * @param neverMailed  segments never mailed
     * @param withdrawn    labels of products withdrawn from sale (compared as product keys: trimmed, case-blind)
     * @param maxPerClient most campaign mails per client and period, at least 1
     */
    public CampaignGuardrails(EmailValidator emails, Set<String> neverMailed, Set<String> withdrawn, int maxPerClient) {
        this.emails = emails;
        this.neverMailed = Set.copyOf(neverMailed);
        this.withdrawnKeys = withdrawn.stream().map(LedgerValues::productKey).filter(k -> k != null)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.maxPerClient = maxPerClient;
    }

    /** True when the segment gets campaigns. */
    public boolean mails(String segment) {
        return !neverMailed.contains(segment);
    }

    /**
     * The plan of one segment's campaign.
     *
     * @param clients      the segment's scored clients
     * @param bought       product keys each client bought, by client code
     * @param mailed       campaign mails each client already received this period, by client code
     * @param blacklisted  lower-cased e-mails blacklisted in Brevo
     * @param staleMembers e-mail to client code of the segment list's members now scored in another segment
     */
    public SegmentPlan plan(String segment, String period, List<CustomerProfile> clients, Map<String, Set<String>> bought,
                            Map<String, Integer> mailed, Set<String> blacklisted, Map<String, String> staleMembers) {
        List<CampaignRecipient> recipients = new ArrayList<>();
        List<CampaignExclusion> exclusions = new ArrayList<>();
        boolean mailedSegment = mails(segment);
        List<CustomerProfile> ordered = new ArrayList<>(clients);
        ordered.sort(Comparator.comparing(CustomerProfile::clientCode));
        for (CustomerProfile p : ordered) {
            if (!mailedSegment) {
                exclusions.add(new CampaignExclusion(p.clientCode(), p.email(), ExclusionReason.SEGMENT_NEVER_MAILED,
                        segment));
                continue;
            }
            ValueCheck email = emails.check(p.email());
            if (!email.isValid()) {
                exclusions.add(new CampaignExclusion(p.clientCode(), p.email(), ExclusionReason.NO_VALID_EMAIL,
                        email.problem()));
                continue;
            }
            if (blacklisted.contains(email.value())) {
                exclusions.add(new CampaignExclusion(p.clientCode(), email.value(), ExclusionReason.BLACKLISTED, null));
                continue;
            }
            int already = mailed.getOrDefault(p.clientCode(), 0);
            if (already >= maxPerClient) {
                exclusions.add(new CampaignExclusion(p.clientCode(), email.value(), ExclusionReason.MAIL_CAP_REACHED,
                        already + " campaign mail(s) this period, at most " + maxPerClient));
                continue;
            }
            Set<String> boughtKeys = bought.getOrDefault(p.clientCode(), Set.of());
            List<String> recommendations = new ArrayList<>();
            for (String label : p.recommendations()) {
                String key = LedgerValues.productKey(label);
                if (boughtKeys.contains(key)) {
                    exclusions.add(new CampaignExclusion(p.clientCode(), email.value(),
                            ExclusionReason.PRODUCT_ALREADY_BOUGHT, label));
                } else if (withdrawnKeys.contains(key)) {
                    exclusions.add(new CampaignExclusion(p.clientCode(), email.value(), ExclusionReason.PRODUCT_WITHDRAWN,
                            label));
                } else {
                    recommendations.add(label);
                }
            }
            List<String> rebuy = new ArrayList<>();
            for (String label : p.rebuySuggestions()) {
                if (withdrawnKeys.contains(LedgerValues.productKey(label))) {
                    exclusions.add(new CampaignExclusion(p.clientCode(), email.value(), ExclusionReason.PRODUCT_WITHDRAWN,
                            label));
                } else {
                    rebuy.add(label);
                }
            }
            if (recommendations.isEmpty() && rebuy.isEmpty()) {
                exclusions.add(new CampaignExclusion(p.clientCode(), email.value(), ExclusionReason.NOTHING_TO_RECOMMEND,
                        null));
                continue;
            }
            recipients.add(new CampaignRecipient(p.clientCode(), email.value(), p.firstName(), recommendations, rebuy));
        }
        if (mailedSegment) {
            new TreeMap<>(staleMembers).forEach((email, code) -> exclusions.add(new CampaignExclusion(code, email,
                    ExclusionReason.SEGMENT_CHANGED, "in the list of " + segment)));
        }
        return new SegmentPlan(segment, period, mailedSegment, recipients, exclusions);
    }
}
