package io.crmbridge.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.config.BrevoConnection;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sales.store.ClientScore;
import io.crmbridge.sales.store.SalesLedgerStore;
import io.crmbridge.sandbox.SandboxRecord;
import io.crmbridge.sandbox.brevo.BrevoAccount;
import io.crmbridge.sandbox.brevo.BrevoList;
import io.crmbridge.sandbox.brevo.BrevoSandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The sales ledger end to end (PRODUCT.md W1 to W3): the sample ledger dropped into the inbox is loaded,
 * scored, and its scored clients pushed to the HubSpot sandbox as contacts carrying their RFM segment and to
 * the Brevo sandbox's list of their segment; the sales-lines report carries the push's counts.
 */
class SalesLedgerPushTest extends ImportFlowTestSupport {

    private static final Path DATA = Path.of("data", "sales-ledger");

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("brevo.sandbox.requests-per-second", "0");
        p.setProperty("brevo.requests-per-second", "1000");
        return p;
    }

    @Test
    void theScoredClientsOfTheSampleLedgerLandInHubSpotAndInTheBrevoListOfTheirSegment() throws Exception {
        for (String file : new String[] {"clients.csv", "produits.csv", "ventes_lignes.csv"}) {
            drop(DATA.resolve(file), file);
        }
        JsonNode report = awaitReport("ventes_lignes.csv", 1, Duration.ofSeconds(180));

        SalesLedgerStore store = context.getRegistry().lookupByNameAndType("salesLedgerStore", SalesLedgerStore.class);
        Map<String, String> segmentByEmail = new HashMap<>();
        long scored = 0;
        for (Map.Entry<String, Long> e : store.segmentCounts().entrySet()) {
            scored += e.getValue();
        }
        // the email a scored client is pushed with: the clients export's, else its latest sales line's
        store.clientDetails().forEach((code, details) -> {
            ClientScore score = store.score(code);
            if (score != null && details.email() != null && !details.email().isBlank()) {
                segmentByEmail.putIfAbsent(details.email().toLowerCase(Locale.ROOT), score.getSegment());
            }
        });
        assertThat(scored).isGreaterThan(300);
        assertThat(segmentByEmail).hasSizeGreaterThan(300);

        JsonNode push = report.path("push");
        assertThat(push.path("error").isNull()).as(push.toString()).isTrue();
        assertThat(push.path("clients").asLong()).isEqualTo(scored);
        assertThat(push.path("hubspot").path("created").asLong()).isEqualTo(segmentByEmail.size());
        assertThat(push.path("brevo").path("imported").asLong()).isEqualTo(segmentByEmail.size());
        String html = Files.readString(htmlBeside(reports("ventes_lignes.csv").get(0)), StandardCharsets.UTF_8);
        assertThat(html).contains("Push to HubSpot and Brevo").contains("created " + segmentByEmail.size());

        BrevoAccount brevo = context.getRegistry()
                .lookupByNameAndType(BrevoConnection.SANDBOX_BEAN, BrevoSandbox.class).account();
        segmentByEmail.forEach((email, segment) -> {
            SandboxRecord contact = sandbox().state().findByProperty(ObjectType.CONTACTS, "email", email)
                    .orElseThrow(() -> new AssertionError("no HubSpot contact " + email));
            assertThat(contact.property("crm_bridge_rfm_segment")).as(email).isEqualTo(segment);
            BrevoList list = brevo.list("rfm-" + segment).orElseThrow();
            assertThat(brevo.listMembers(list.id())).as(email).contains(email);
        });
    }
}
