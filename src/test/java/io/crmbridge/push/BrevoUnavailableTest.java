package io.crmbridge.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.SandboxFaults;
import io.crmbridge.sandbox.brevo.BrevoSandboxConfig;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * A Brevo account that answers 503 to everything: after the last redelivery the clients are dead-lettered for
 * Brevo with the reason, and HubSpot still receives them.
 */
class BrevoUnavailableTest extends OwnBrevoAccountTestSupport {

    @Override
    protected BrevoSandboxConfig accountConfig() {
        return new BrevoSandboxConfig("127.0.0.1", 0, "xkeysib-unavailable-test-key", 0,
                SandboxFaults.none().withServerErrorRate(1.0));
    }

    @Override
    protected Properties moreProperties() {
        Properties p = new Properties();
        p.setProperty("brevo.max-attempts", "3");
        p.setProperty("brevo.backoff-initial-ms", "10");
        p.setProperty("brevo.backoff-max-ms", "20");
        return p;
    }

    @Test
    void clientsBrevoCannotTakeAreDeadLetteredForBrevoAndStillReachHubSpot() throws Exception {
        PushResult result = template.requestBody("direct:push-customers", List.of(
                Profiles.client("C001", "jean@example.org", "champions"),
                Profiles.client("C002", "marie@example.org", "lost")), PushResult.class);

        assertThat(result.hubspot()).containsEntry("created", 2L);
        assertThat(result.brevo()).containsEntry("failed", 2L).containsEntry("imported", 0L);
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(2);
        // the attributes read was tried three times, then nothing more was sent
        assertThat(brevoAccount().account().requests()).hasSize(3).allMatch(r -> r.status() >= 500);
        List<CSVRecord> rows;
        try (CSVParser parser = CSVParser.parse(Files.newBufferedReader(outbox().resolve(result.deadLetterFile())),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
            rows = parser.getRecords();
        }
        assertThat(rows).extracting(r -> r.get("client_code")).containsExactly("C001", "C002");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("target")).isEqualTo("brevo");
            assertThat(r.get("error_code")).isEqualTo("BREVO_UNAVAILABLE");
        });
    }
}
