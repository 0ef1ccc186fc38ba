package io.crmbridge.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sales.CustomerProfile;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The push of scored clients in a dry run ({@code crm-bridge.dry-run=true}): nothing reaches HubSpot, and the
 * log says what would be pushed instead of counts of zero that read like a failed push.
 */
class CustomerPushDryRunTest extends ImportFlowTestSupport {

    private static final LocalDate LAST = LocalDate.of(2025, 12, 27);

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.dry-run", "true");
        return p;
    }

    @Test
    void givenADryRunWhenClientsArePushedThenTheLogSaysWhatWouldBePushed() {
        List<CustomerProfile> clients = List.of(
                Profiles.client("C001", "jean@example.org", "Jean", "Dupont", "champions", 5, 4, 5, "1234.50", LAST,
                        List.of("Pinot Noir")),
                Profiles.client("C002", "not-an-email", "Marie", "Curie", "loyal", 4, 4, 4, "980", LAST, List.of()));

        PushResult result;
        List<String> lines;
        try (CapturedLog log = CapturedLog.attach()) {
            result = template.requestBody("direct:push-customers", clients, PushResult.class);
            lines = log.lines();
        }

        assertThat(result.dryRun()).isTrue();
        assertThat(lines).anyMatch(l -> l.startsWith(
                "Dry run: would push 1 of 2 scored clients to HubSpot and Brevo (nothing sent); 1 dead-letter rows in "));
        assertThat(lines).noneMatch(l -> l.startsWith("Pushed "));
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isZero();
    }
}
