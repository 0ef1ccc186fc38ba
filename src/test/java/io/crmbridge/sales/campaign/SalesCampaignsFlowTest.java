package io.crmbridge.sales.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.sales.ingest.LedgerValues;
import io.crmbridge.sales.store.ClientRecommendation;
import io.crmbridge.sales.store.ClientScore;
import io.crmbridge.sales.store.SalesLedgerStore;
import io.crmbridge.sandbox.RecordedRequest;
import io.crmbridge.sandbox.brevo.BrevoAccount;
import io.crmbridge.sandbox.brevo.BrevoCampaign;
import io.crmbridge.sandbox.brevo.BrevoTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The campaigns end to end (PRODUCT.md W4, W5) on the bundled sample ledger: campaigns enabled and a schedule firing
 * every two seconds; the first POST of a campaign answered 503 by the Brevo sandbox, some clients blacklisted in
 * Brevo, a product withdrawn. One campaign per mailed segment lands in the sandbox with the segment's list and
 * template, each recipient's mail carries its scored recommendations less the withdrawn product, the exclusions are
 * in the log with their reasons, and the later firings of the same period create nothing.
 */
class SalesCampaignsFlowTest extends CampaignFlowTestSupport {

    private static final String WITHDRAWN = "Champagne Brut Réserve";

    @Override
    protected Properties extraProperties() {
        Properties p = super.extraProperties();
        p.setProperty("crm-bridge.sales.campaigns.withdrawn-products", WITHDRAWN);
        return p;
    }

    @Test
    void givenAScoredLedgerWhenTheScheduleFiresThenOneCampaignPerMailedSegmentCarriesEachClientsRecommendations()
            throws Exception {
        BrevoAccount brevo = brevo();
        brevo.failNext("POST", "/v3/emailCampaigns", 503, 1);
        Set<String> blacklisted = firstEmails(40);
        blacklisted.forEach(brevo::blacklist);

        dropSampleLedger();
        awaitReport("ventes_lignes.csv", 1, Duration.ofSeconds(180));
        SalesLedgerStore store = context.getRegistry().lookupByNameAndType("salesLedgerStore", SalesLedgerStore.class);
        CampaignLog log = context.getRegistry().lookupByNameAndType("campaignLog", CampaignLog.class);
        Map<String, Long> segments = store.segmentCounts();
        Set<String> mailed = new TreeSet<>(segments.keySet());
        mailed.remove("lost");
        String period = CampaignPeriod.of(Instant.now(), ZoneId.of("Europe/Paris"), "month");

        await().atMost(Duration.ofSeconds(60)).until(() -> log.campaigns().stream()
                .filter(c -> !CampaignLog.CREATING.equals(c.status())).count() == segments.size());
        List<CampaignEntry> entries = log.campaigns();
        assertThat(entries).allSatisfy(e -> assertThat(e.period()).isEqualTo(period));
        assertThat(entries).filteredOn(e -> e.segment().equals("lost"))
                .singleElement().satisfies(e -> {
                    assertThat(e.status()).isEqualTo(CampaignLog.SKIPPED);
                    assertThat(e.byReason()).containsEntry("segment_never_mailed", segments.get("lost"));
                });

        // 5xx then 201: the refused POST was redelivered, and each mailed segment has exactly one campaign
        assertThat(brevo.requests()).contains(new RecordedRequest("POST", "/v3/emailCampaigns", 503, 0));
        List<BrevoCampaign> campaigns = brevo.campaigns();
        assertThat(campaigns).extracting(BrevoCampaign::name)
                .containsExactlyInAnyOrderElementsOf(mailed.stream().map(s -> "crm-bridge " + s + " " + period).toList());

        Map<String, List<String>> expected = expectedRecommendations(store);
        Map<String, String> codeByEmail = codeByEmail(store);
        Set<String> withdrawnRemoved = new TreeSet<>();
        for (BrevoCampaign c : campaigns) {
            String segment = c.name().split(" ")[1];
            CampaignEntry entry = entries.stream().filter(e -> e.segment().equals(segment)).findFirst().orElseThrow();
            assertThat(entry.status()).isEqualTo(CampaignLog.SCHEDULED);
            assertThat(entry.brevoCampaignId()).isEqualTo(c.id());
            long listId = brevo.list("rfm-" + segment).orElseThrow().id();
            assertThat(c.listIds()).containsExactly(listId);
            BrevoTemplate template = brevo.templates().stream().filter(t -> t.id() == c.templateId()).findFirst()
                    .orElseThrow();
            assertThat(template.name()).isEqualTo("crm-bridge rfm " + segment);
            assertThat(template.active()).isTrue();
            assertThat(c.scheduledAt()).isNotNull();
            assertThat(c.deliveries()).hasSize(entry.recipients()).isNotEmpty();
            for (BrevoCampaign.Delivery d : c.deliveries()) {
                String code = codeByEmail.get(d.email());
                assertThat(blacklisted).doesNotContain(d.email());
                assertThat(store.score(code).getSegment()).as(d.email()).isEqualTo(segment);
                List<String> sent = CampaignMail.labels((String) d.attributes().get("RECOMMENDATIONS"));
                List<String> scored = expected.getOrDefault(code, List.of());
                assertThat(sent.stream().map(LedgerValues::productKey).toList()).as(d.email())
                        .isEqualTo(scored.stream().filter(k -> !k.equals(LedgerValues.productKey(WITHDRAWN))).toList());
                if (!sent.isEmpty()) {
                    assertThat(d.html()).as(d.email()).contains(String.join(CampaignMail.SEPARATOR, sent));
                }
                if (scored.contains(LedgerValues.productKey(WITHDRAWN))) {
                    withdrawnRemoved.add(code);
                }
            }
        }
        assertThat(withdrawnRemoved).as("the withdrawn product was among some recipients' recommendations").isNotEmpty();
        // the exclusions are logged with their reasons
        List<CampaignExclusion> exclusions = new ArrayList<>();
        entries.forEach(e -> exclusions.addAll(log.exclusions(e.id())));
        assertThat(exclusions).filteredOn(x -> x.reason() == ExclusionReason.PRODUCT_WITHDRAWN)
                .extracting(CampaignExclusion::clientCode).containsAll(withdrawnRemoved);
        List<String> blacklistedScored = new ArrayList<>();
        blacklisted.stream().filter(codeByEmail::containsKey)
                .filter(e -> mailed.contains(store.score(codeByEmail.get(e)).getSegment()))
                .forEach(blacklistedScored::add);
        assertThat(blacklistedScored).isNotEmpty();
        assertThat(exclusions).filteredOn(x -> x.reason() == ExclusionReason.BLACKLISTED)
                .extracting(CampaignExclusion::email).containsExactlyInAnyOrderElementsOf(blacklistedScored);

        // a report per campaign, and the log over the API
        for (CampaignEntry e : entries) {
            Path report = outbox().resolve(e.reportPath());
            assertThat(report).exists();
            assertThat(JSON.readTree(report.toFile()).path("status").asText()).isEqualTo(e.status());
        }
        JsonNode api = get("/api/sales/campaigns");
        assertThat(api.path("campaigns")).hasSize(segments.size());
        assertThat(get("/api/sales/campaigns/preview").path("segments").get(0).path("already_created").asBoolean())
                .isTrue();

        // the schedule keeps firing in the same period: nothing more is created
        int requests = brevo.requests().size();
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(brevo.campaigns()).hasSize(campaigns.size());
        assertThat(log.campaigns()).hasSize(entries.size());
        assertThat(brevo.requests().subList(requests, brevo.requests().size()))
                .noneMatch(r -> "POST".equals(r.method()));
    }

    private static Set<String> firstEmails(int n) throws Exception {
        Set<String> emails = new TreeSet<>();
        try (var reader = Files.newBufferedReader(DATA.resolve("clients.csv"), StandardCharsets.ISO_8859_1)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true)
                    .build().parse(reader)) {
                if (emails.size() < n && !r.get("email").isBlank()) {
                    emails.add(r.get("email").trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return emails;
    }

    /** The scoring's co-purchase recommendations of each client, product keys best first. */
    private static Map<String, List<String>> expectedRecommendations(SalesLedgerStore store) {
        Map<String, List<String>> byClient = new HashMap<>();
        for (ClientRecommendation r : store.recommendations(ClientRecommendation.Kind.CO_PURCHASE)) {
            byClient.computeIfAbsent(r.getClientCode(), k -> new ArrayList<>()).add(r.getProductKey());
        }
        return byClient;
    }

    private static Map<String, String> codeByEmail(SalesLedgerStore store) {
        Map<String, String> codes = new HashMap<>();
        store.clientDetails().forEach((code, details) -> {
            ClientScore score = store.score(code);
            if (score != null && details.email() != null && !details.email().isBlank()) {
                codes.putIfAbsent(details.email().trim().toLowerCase(Locale.ROOT), code);
            }
        });
        return codes;
    }
}
