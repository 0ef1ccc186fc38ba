package io.crmbridge.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.crmbridge.brevo.BrevoCallException;
import io.crmbridge.sandbox.RecordedRequest;
import io.crmbridge.sandbox.brevo.BrevoSandboxConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Brevo key the account does not know: Brevo answers 401, the push stops at once (no redelivery) with a
 * message naming the settings to fix, and the key appears in no log line and no exception.
 */
class BrevoKeyRefusedTest extends OwnBrevoAccountTestSupport {

    private static final String WRONG_KEY = "xkeysib-0123456789abcdef-WRONG";

    @Override
    protected BrevoSandboxConfig accountConfig() {
        return BrevoSandboxConfig.defaults("xkeysib-the-right-one");
    }

    @Override
    protected String clientKey() {
        return WRONG_KEY;
    }

    @Test
    void a401StopsThePushWithAClearMessageAndTheKeyNeverAppears() {
        Throwable thrown;
        List<String> logged;
        try (CapturedLog log = CapturedLog.attach()) {
            thrown = catchThrowable(() -> template.requestBody("direct:push-customers",
                    List.of(Profiles.client("C001", "jean@example.org", "champions")), PushResult.class));
            logged = log.lines();
        }

        assertThat(thrown).hasRootCauseInstanceOf(BrevoCallException.class);
        BrevoCallException refused = (BrevoCallException) rootCause(thrown);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.getMessage()).contains("Brevo refused the API key").contains("brevo.api-key")
                .contains("BREVO_API_KEY");
        assertThat(brevoAccount().account().requests()).extracting(RecordedRequest::status).containsExactly(401);
        assertThat(brevoAccount().account().contacts()).isEmpty();
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(WRONG_KEY);
        assertThat(logged).isNotEmpty().noneMatch(line -> line.contains(WRONG_KEY));
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
