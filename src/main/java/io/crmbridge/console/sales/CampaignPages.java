package io.crmbridge.console.sales;

import io.crmbridge.console.ConsoleView;
import io.crmbridge.sales.campaign.CampaignApi;
import io.crmbridge.sales.campaign.CampaignLog;
import io.crmbridge.sales.campaign.CampaignMail;
import io.crmbridge.sales.campaign.CampaignTemplates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Message;

/**
 * The campaign pages of the console's Sales ledger (routes/console-sales.yaml, docs/console.md "Campaigns"), rendered
 * from {@code templates/console/sales-campaign*.html.mustache} with what {@link CampaignApi} answers
 * {@code /api/sales/campaigns} (docs/campaigns.md): the campaign log (period, segment, Brevo template, scheduled time,
 * Brevo campaign id, status with Brevo's reason of a failure, recipients, exclusions by reason), one campaign with its
 * recipients and exclusions each paged, and the dry run. Times read as {@link ConsoleView#time}, counts grouped as
 * {@link ConsoleView#count}; every value is HTML-escaped by mustache.
 */
public class CampaignPages {

    /** Campaigns on one page of the log. */
    static final int CAMPAIGNS_PER_PAGE = 25;
    /** Recipients, or exclusions, on one page of a campaign. */
    static final int ROWS_PER_PAGE = 25;
    private static final String CAMPAIGNS = "/console/sales/campaigns";

    private final ConsoleView view;
    private final CampaignApi campaigns;

    public CampaignPages(ConsoleView view, CampaignApi campaigns) {
        this.view = view;
        this.campaigns = campaigns;
    }

    /**
     * {@code GET /console/sales/campaigns?page=}: the campaign log, newest first.
     *
     * @throws io.crmbridge.api.ApiRefusal 400 for a bad page number
     */
    public void list(Message in) {
        view.requireSession(in);
        ConsoleView.Page page = ConsoleView.Page.of(in.getHeader("page", String.class), CAMPAIGNS_PER_PAGE);
        List<Map<String, Object>> all = campaigns.list().get("campaigns");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> c : slice(all, page)) {
            rows.add(campaignView(c));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Campaigns");
        model.put("campaigns", rows);
        model.put("noCampaigns", all.isEmpty());
        model.put("total", ConsoleView.count(all.size()));
        model.putAll(page.links(all.size(), rows.size(), n -> CAMPAIGNS + "?page=" + n));
        view.html(in, 200, "sales-campaigns", model);
    }

    /**
     * {@code GET /console/sales/campaigns/{id}?page=&excludedPage=}: one campaign with a page of its recipients (by
     * client code, with their recommendations and rebuy suggestions) and a page of its exclusions and product
     * removals (by client code, with the reason and its detail).
     *
     * @throws io.crmbridge.api.ApiRefusal 400 for an id or a page number that is not one, 404 for an unknown id
     */
    public void campaign(Message in) {
        view.requireSession(in);
        ConsoleView.Page recipientsPage = ConsoleView.Page.of(in.getHeader("page", String.class), ROWS_PER_PAGE);
        ConsoleView.Page exclusionsPage = ConsoleView.Page.of(in.getHeader("excludedPage", String.class), ROWS_PER_PAGE);
        Map<String, Object> campaign = campaigns.one(in.getHeader("id", String.class));
        Map<String, Object> model = new HashMap<>(campaignView(campaign));
        model.put("title", "Campaign " + campaign.get("id"));

        List<Map<String, Object>> recipients = list(campaign.get("recipients_list"));
        List<Map<String, Object>> shownRecipients = new ArrayList<>();
        for (Map<String, Object> r : slice(recipients, recipientsPage)) {
            shownRecipients.add(recipientView(r));
        }
        String self = CAMPAIGNS + "/" + campaign.get("id");
        Map<String, Object> recipientsPart = new HashMap<>(recipientsPage.links(recipients.size(), shownRecipients.size(),
                n -> self + "?page=" + n + "&excludedPage=" + exclusionsPage.number() + "#recipients"));
        recipientsPart.put("rows", shownRecipients);
        recipientsPart.put("total", ConsoleView.count(recipients.size()));
        recipientsPart.put("none", recipients.isEmpty());
        model.put("recipientsPart", recipientsPart);

        List<Map<String, Object>> exclusions = list(campaign.get("exclusions_list"));
        List<Map<String, Object>> shownExclusions = slice(exclusions, exclusionsPage);
        Map<String, Object> exclusionsPart = new HashMap<>(exclusionsPage.links(exclusions.size(), shownExclusions.size(),
                n -> self + "?page=" + recipientsPage.number() + "&excludedPage=" + n + "#exclusions"));
        exclusionsPart.put("rows", shownExclusions);
        exclusionsPart.put("total", ConsoleView.count(exclusions.size()));
        exclusionsPart.put("none", exclusions.isEmpty());
        model.put("exclusionsPart", exclusionsPart);
        view.html(in, 200, "sales-campaign", model);
    }

    /**
     * {@code GET /console/sales/campaigns/preview}: the dry run ({@link CampaignApi#preview()}), segment by segment:
     * whether it is mailed, whether its campaign of the period exists, the subject, who would receive what (with
     * the text part) and who would be left out and why. Sends and writes nothing.
     */
    public void preview(Message in) {
        view.requireSession(in);
        Map<String, Object> preview = campaigns.preview();
        List<Map<String, Object>> segments = new ArrayList<>();
        for (Map<String, Object> s : list(preview.get("segments"))) {
            Map<String, Object> v = new HashMap<>(s);
            List<Map<String, Object>> recipients = new ArrayList<>();
            for (Map<String, Object> r : list(s.get("recipients"))) {
                recipients.add(recipientView(r));
            }
            List<Map<String, Object>> exclusions = list(s.get("exclusions"));
            v.put("recipients", recipients);
            v.put("recipientCount", ConsoleView.count(recipients.size()));
            v.put("exclusionCount", ConsoleView.count(exclusions.size()));
            v.put("hasRecipients", !recipients.isEmpty());
            v.put("hasExclusions", !exclusions.isEmpty());
            segments.add(v);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Campaigns: dry run");
        model.put("period", preview.get("period"));
        model.put("segments", segments);
        model.put("noSegments", segments.isEmpty());
        view.html(in, 200, "sales-campaign-preview", model);
    }

    /** A campaign of the API as the pages show it: times, grouped counts, the template's name, reasons as a list. */
    private static Map<String, Object> campaignView(Map<String, Object> c) {
        Map<String, Object> v = new HashMap<>(c);
        v.put("href", CAMPAIGNS + "/" + c.get("id"));
        v.put("scheduled", ConsoleView.time(c.get("scheduled_at")));
        v.put("created", ConsoleView.time(c.get("created_at")));
        v.put("updated", ConsoleView.time(c.get("updated_at")));
        // the name crm-bridge gives the segment's template in Brevo (docs/campaigns.md, "What a firing does" step 2)
        v.put("template", c.get("template_id") == null ? null : CampaignTemplates.NAME_PREFIX + c.get("segment"));
        v.put("recipientsText", ConsoleView.count(c.get("recipients")));
        v.put("exclusionsText", ConsoleView.count(c.get("exclusions")));
        v.put("failed", CampaignLog.FAILED.equals(c.get("status")));
        List<Map<String, Object>> reasons = new ArrayList<>();
        ConsoleView.cast(c.get("exclusions_by_reason")).forEach((reason, n) ->
                reasons.add(Map.of("name", reason, "count", ConsoleView.count(n))));
        v.put("reasons", reasons);
        return v;
    }

    private static Map<String, Object> recipientView(Map<String, Object> r) {
        Map<String, Object> v = new HashMap<>(r);
        v.put("recommendationsText", String.join(CampaignMail.SEPARATOR, strings(r.get("recommendations"))));
        v.put("rebuyText", String.join(CampaignMail.SEPARATOR, strings(r.get("rebuy"))));
        return v;
    }

    /** The rows of {@code all} that {@code page} shows (none past the end). */
    private static <T> List<T> slice(List<T> all, ConsoleView.Page page) {
        long from = Long.parseLong(page.offset());
        return from >= all.size() ? List.of() : all.subList((int) from, (int) Math.min(all.size(), from + page.size()));
    }

    private static List<Map<String, Object>> list(Object maps) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Object m : (List<?>) maps) {
            all.add(ConsoleView.cast(m));
        }
        return all;
    }

    private static List<String> strings(Object values) {
        return ((List<?>) values).stream().map(String::valueOf).toList();
    }
}
