package io.crmbridge.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.crmbridge.brevo.BrevoCallException;
import io.crmbridge.sandbox.RecordedRequest;
import io.crmbridge.sandbox.brevo.BrevoSandbox;
import io.crmbridge.sandbox.brevo.BrevoSandboxConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Brevo key the account does not know: Brevo answers 401, the push stops at once (no redelivery) with a
 * message naming the settings to fix, and the key appears in no log line and no exception.
 */
class BrevoKeyRefusedTest extends io.crmbridge.flow.ImportFlowTestSupport {

    private static final String WRONG_KEY = "xkeysib-0123456789abcdef-WRONG";
    private BrevoSandbox brevo;

    private BrevoSandbox brevo() {
        if (brevo == null) {
            try {
                brevo = BrevoSandbox.start(BrevoSandboxConfig.defaults("xkeysib-the-right-one"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return brevo;
    }

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("brevo.api-key", WRONG_KEY);
        p.setProperty("brevo.base-url", brevo().baseUrl());
        return p;
    }

    @AfterEach
    void stopBrevo() {
        brevo.close();
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
        assertThat(brevo.account().requests()).extracting(RecordedRequest::status).containsExactly(401);
        assertThat(brevo.account().contacts()).isEmpty();
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
