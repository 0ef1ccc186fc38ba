package io.crmbridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.mustachejava.util.HtmlEscaper;
import io.crmbridge.config.BrevoConnection;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.sales.campaign.CampaignEntry;
import io.crmbridge.sales.campaign.CampaignExclusion;
import io.crmbridge.sales.campaign.CampaignLog;
import io.crmbridge.sales.campaign.CampaignMail;
import io.crmbridge.sales.campaign.CampaignRecipient;
import io.crmbridge.sales.store.SalesLedgerStore;
import io.crmbridge.sandbox.brevo.BrevoSandbox;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's campaign pages (routes/console-sales.yaml, docs/console.md "Campaigns") on the real application
 * against the HubSpot and Brevo sandboxes: the bundled ledger of data/sales-ledger/ imported with campaigns on and a
 * schedule every 30 s, the first campaign POST refused by Brevo with a 400 and a product withdrawn. The log page
 * shows every campaign the firing wrote as the log holds it, the failed one with Brevo's reason; a campaign's page
 * shows its recipients and exclusions page by page; the dry run names the segments already created.
 */
class ConsoleSalesCampaignsTest extends ImportFlowTestSupport {

    private static final String TOKEN = "console-campaigns-token-51d0c3e9";
    private static final Path LEDGER = Path.of("data", "sales-ledger");
    private static final String WITHDRAWN = "Champagne Brut Réserve";
    private static final Pattern ROW = Pattern.compile("<tr data-client=\"([^\"]+)\"");

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("brevo.sandbox.requests-per-second", "0");
        p.setProperty("brevo.requests-per-second", "1000");
        p.setProperty("crm-bridge.api.token", TOKEN);
        p.setProperty("crm-bridge.sales.campaigns.enabled", "true");
        // one firing well before the next, so that the failed campaign is still failed when the pages are read
        p.setProperty("crm-bridge.sales.campaigns.cron", "0/30+*+*+*+*+?");
        p.setProperty("crm-bridge.sales.campaigns.withdrawn-products", WITHDRAWN);
        return p;
    }

    @Test
    void givenAScheduleFiringOnTheBundledLedgerWhenTheConsoleIsReadThenItShowsTheLogTheRecipientsAndTheExclusions()
            throws Exception {
        context.getRegistry().lookupByNameAndType(BrevoConnection.SANDBOX_BEAN, BrevoSandbox.class).account()
                .failNext("POST", "/v3/emailCampaigns", 400, 1);
        for (String file : List.of("clients.csv", "produits.csv", "ventes_lignes.csv")) {
            drop(LEDGER.resolve(file), file);
        }
        awaitReport("ventes_lignes.csv", 1, Duration.ofSeconds(180));
        SalesLedgerStore store = context.getRegistry().lookupByNameAndType("salesLedgerStore", SalesLedgerStore.class);
        CampaignLog log = context.getRegistry().lookupByNameAndType("campaignLog", CampaignLog.class);
        int segments = store.segmentCounts().size();
        await().atMost(Duration.ofSeconds(90)).until(() -> log.campaigns().size() == segments
                && log.campaigns().stream().noneMatch(c -> CampaignLog.CREATING.equals(c.status())));

        String cookie = new ConsoleHttp(applicationPort()).session(TOKEN);
        String page = get("/console/sales/campaigns", cookie).body();
        List<CampaignEntry> entries = log.campaigns();
        assertThat(entries).extracting(CampaignEntry::status)
                .contains(CampaignLog.FAILED, CampaignLog.SCHEDULED, CampaignLog.SKIPPED);
        assertThat(page).contains("Campaigns 1 to " + entries.size() + " of " + entries.size() + ", newest first");
        for (CampaignEntry e : entries) {
            String row = row(page, "<tr data-campaign=\"" + e.id() + "\"");
            assertThat(row).as(e.segment()).contains("<td class=\"period\">" + e.period() + "</td>")
                    .contains("<td class=\"segment\">" + e.segment() + "</td>")
                    .contains("<span class=\"status " + e.status() + "\">" + e.status() + "</span>")
                    .contains("<td class=\"num recipients\">" + String.format(Locale.ROOT, "%,d", e.recipients()) + "</td>")
                    .contains("<td class=\"num exclusions\">" + String.format(Locale.ROOT, "%,d", e.exclusions()) + "</td>");
            e.byReason().forEach((reason, n) -> assertThat(row).as(e.segment())
                    .contains("data-code=\"" + reason + "\">" + reason + " " + String.format(Locale.ROOT, "%,d", n) + "<"));
            if (CampaignLog.SCHEDULED.equals(e.status())) {
                assertThat(row).contains("<td class=\"num brevo-campaign\">" + e.brevoCampaignId() + "</td>")
                        .contains("<td class=\"scheduled\">" + ConsoleView.time(e.scheduledAt().toString()) + "</td>")
                        .contains("crm-bridge rfm " + e.segment() + " (" + e.templateId() + ")");
            }
            if (CampaignLog.FAILED.equals(e.status())) {
                // Brevo's reason (the sandbox's message for a commanded fault), shown as text
                assertThat(e.failure()).contains("Refused on command");
                assertThat(row).contains("<span class=\"failure\">" + escaped(e.failure()) + "</span>");
            }
        }

        // the scheduled campaign with most recipients, page 2 of its recipients and page 1 of its exclusions
        CampaignEntry largest = entries.stream().filter(e -> CampaignLog.SCHEDULED.equals(e.status()))
                .max(Comparator.comparingInt(CampaignEntry::recipients)).orElseThrow();
        List<CampaignRecipient> recipients = log.recipients(largest.id());
        assertThat(recipients).hasSizeGreaterThan(25).hasSize(largest.recipients());
        String second = get("/console/sales/campaigns/" + largest.id() + "?page=2", cookie).body();
        assertThat(second).contains("id=\"campaign-segment\">" + largest.segment() + "<")
                .contains("Recipients 26 to " + Math.min(50, recipients.size()) + " of " + recipients.size())
                .contains("href=\"" + escaped("/console/sales/campaigns/" + largest.id() + "?page=1&excludedPage=1#recipients") + "\"");
        String recipientsPart = second.substring(second.indexOf("id=\"recipients-part\""), second.indexOf("id=\"exclusions-part\""));
        List<CampaignRecipient> expected = recipients.subList(25, Math.min(50, recipients.size()));
        assertThat(clients(recipientsPart)).containsExactlyElementsOf(expected.stream().map(CampaignRecipient::clientCode).toList());
        for (CampaignRecipient r : expected) {
            assertThat(row(recipientsPart, "<tr data-client=\"" + r.clientCode() + "\""))
                    .contains("<td class=\"value email\">" + escaped(r.email()) + "</td>")
                    .contains("<td class=\"value recommendations\">"
                            + escaped(String.join(CampaignMail.SEPARATOR, r.recommendations())) + "</td>");
        }
        List<CampaignExclusion> exclusions = log.exclusions(largest.id());
        String exclusionsPart = second.substring(second.indexOf("id=\"exclusions-part\""));
        List<String> shownReasons = new ArrayList<>();
        Matcher m = Pattern.compile("<tr data-client=\"([^\"]+)\" data-reason=\"([^\"]+)\"").matcher(exclusionsPart);
        while (m.find()) {
            shownReasons.add(m.group(1) + " " + m.group(2));
        }
        assertThat(shownReasons).isNotEmpty().containsExactlyElementsOf(exclusions.subList(0, Math.min(25, exclusions.size()))
                .stream().map(x -> x.clientCode() + " " + x.reason().code()).toList());
        assertThat(shownReasons).anyMatch(s -> s.endsWith(" product_withdrawn"));

        // the dry run: every scored segment, the ones created this period marked so, nothing sent
        int created = context.getRegistry().lookupByNameAndType(BrevoConnection.SANDBOX_BEAN, BrevoSandbox.class)
                .account().campaigns().size();
        HttpResponse<String> preview = get("/console/sales/campaigns/preview", cookie);
        assertThat(preview.statusCode()).isEqualTo(200);
        for (CampaignEntry e : entries) {
            String section = row(preview.body(), "<section class=\"preview-segment\" data-segment=\"" + e.segment() + "\"");
            assertThat(section.contains("already-created")).as(e.segment()).isEqualTo(!CampaignLog.FAILED.equals(e.status()));
        }
        assertThat(context.getRegistry().lookupByNameAndType(BrevoConnection.SANDBOX_BEAN, BrevoSandbox.class)
                .account().campaigns()).hasSize(created);
        assertThat(get("/console/sales", cookie).body()).contains("href=\"/console/sales/campaigns\"");
    }

    @Test
    void theCampaignPagesNeedASessionAndRefuseABadIdOrPage() throws Exception {
        String cookie = new ConsoleHttp(applicationPort()).session(TOKEN);
        for (String path : List.of("/console/sales/campaigns", "/console/sales/campaigns/1",
                "/console/sales/campaigns/preview")) {
            HttpResponse<String> anonymous = get(path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(303);
            assertThat(anonymous.headers().firstValue("Location")).as(path).contains(ConsoleView.LOGIN);
        }
        assertThat(get("/console/sales/campaigns", cookie).body()).contains("id=\"no-campaigns\"");
        assertThat(get("/console/sales/campaigns/42", cookie).statusCode()).isEqualTo(404);
        assertThat(get("/console/sales/campaigns/abc", cookie).statusCode()).isEqualTo(400);
        assertThat(get("/console/sales/campaigns?page=0", cookie).statusCode()).isEqualTo(400);
        assertThat(get("/console/sales/campaigns/preview", cookie).body()).contains("id=\"no-preview\"");
    }

    /** The text from {@code start} to the end of its element's row or section, as the page holds it. */
    private static String row(String page, String start) {
        int from = page.indexOf(start);
        assertThat(from).as(start).isNotNegative();
        int end = page.indexOf(start.startsWith("<section") ? "</section>" : "</tr>", from);
        return page.substring(from, end);
    }

    private static List<String> clients(String html) {
        List<String> codes = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    /** {@code text} as the console's templates write it (mustache.java's HTML escaping). */
    private static String escaped(String text) {
        StringWriter out = new StringWriter();
        HtmlEscaper.escape(text, out);
        return out.toString();
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        return new ConsoleHttp(applicationPort()).get(path, null, cookie);
    }
}
