package io.crmbridge.sales.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.config.BrevoConnection;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.sandbox.brevo.BrevoAccount;
import io.crmbridge.sandbox.brevo.BrevoSandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The campaign flow tests' common ground: the application with campaigns on, a firing every two seconds, the Brevo
 * sandbox without its per-second limit and quick redeliveries, the bundled sample ledger and the campaign API.
 */
abstract class CampaignFlowTestSupport extends ImportFlowTestSupport {

    protected static final Path DATA = Path.of("data", "sales-ledger");
    protected static final String TOKEN = "campaign-api-test-token";

    /** Campaigns on, a firing every 2 s, Brevo unthrottled with 10 ms backoff, the API token {@link #TOKEN}. */
    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("brevo.sandbox.requests-per-second", "0");
        p.setProperty("brevo.requests-per-second", "1000");
        p.setProperty("brevo.backoff-initial-ms", "10");
        p.setProperty("crm-bridge.api.token", TOKEN);
        p.setProperty("crm-bridge.sales.campaigns.enabled", "true");
        p.setProperty("crm-bridge.sales.campaigns.cron", "0/2+*+*+*+*+?");
        return p;
    }

    /** The embedded Brevo sandbox's account. */
    protected BrevoAccount brevo() {
        return context.getRegistry().lookupByNameAndType(BrevoConnection.SANDBOX_BEAN, BrevoSandbox.class).account();
    }

    /** Drops the sample ledger's three files into the inbox. */
    protected void dropSampleLedger() throws Exception {
        for (String file : new String[] {"clients.csv", "produits.csv", "ventes_lignes.csv"}) {
            drop(DATA.resolve(file), file);
        }
    }

    /** GETs an API path with the token; fails unless 200. */
    protected JsonNode get(String path) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + applicationPort() + path))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
