package io.crmbridge.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.sales.CustomerProfile;
import io.crmbridge.sandbox.RecordedRequest;
import io.crmbridge.sandbox.SandboxFaults;
import io.crmbridge.sandbox.brevo.BrevoSandboxConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A Brevo account that answers 429 and 5xx to a share of the calls (faults injected by a Brevo sandbox the
 * test starts, reached as a real account through {@code brevo.api-key} and {@code brevo.base-url}): every
 * failed call is redelivered and every contact still lands in its list.
 */
class BrevoRedeliveryTest extends OwnBrevoAccountTestSupport {

    @Override
    protected BrevoSandboxConfig accountConfig() {
        return new BrevoSandboxConfig("127.0.0.1", 0, "xkeysib-redelivery-test-key", 0,
                SandboxFaults.none().withSeed(7).withServerErrorRate(0.2).withRateLimitedRate(0.15));
    }

    @Override
    protected Properties moreProperties() {
        Properties p = new Properties();
        p.setProperty("brevo.requests-per-second", "1000");
        p.setProperty("brevo.backoff-initial-ms", "20");
        p.setProperty("brevo.backoff-max-ms", "100");
        return p;
    }

    @Test
    void answers429And5xxAreRedeliveredUntilEveryContactLands() {
        List<CustomerProfile> clients = new ArrayList<>();
        IntStream.range(0, 250).forEach(i -> clients.add(Profiles.client(String.format("C%03d", i),
                "client" + i + "@example.org", i % 3 == 0 ? "champions" : i % 3 == 1 ? "loyal" : "lost")));

        PushResult result = template.requestBody("direct:push-customers", clients, PushResult.class);

        assertThat(result.brevo()).containsEntry("imported", 250L).containsEntry("failed", 0L)
                .containsEntry("rejected", 0L);
        assertThat(result.deadLetterFile()).isNull();
        assertThat(brevoAccount().account().contacts()).hasSize(250);
        assertThat(brevoAccount().account().listMembers(brevoAccount().account().list("rfm-loyal").orElseThrow().id())).hasSize(83);
        List<Integer> statuses = brevoAccount().account().requests().stream().map(RecordedRequest::status).toList();
        assertThat(statuses).contains(429).anyMatch(s -> s >= 500);
        // one list per segment, one folder and the attributes: redelivered creations did not duplicate them
        assertThat(brevoAccount().account().lists()).hasSize(3);
    }
}
