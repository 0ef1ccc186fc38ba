package io.crmbridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook's signature and secret, and the reasons of the events' dead letters, without Camel routes: a known
 * HMAC vector (computed apart, with Python's hmac module), a masked secret, and no URL or secret in a reason.
 */
class WebhookSignatureTest {

    private static final Clock FIXED = Clock.fixed(Instant.ofEpochMilli(1_764_932_400_000L), ZoneOffset.UTC);

    @Test
    void signsTheTimestampADotAndTheExactBodyBytes() throws Exception {
        WebhookSignature signature = new WebhookSignature(Optional.of(WebhookSecret.of("s3cret")), FIXED);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setBody("{\"kind\":\"import.finished\",\"file\":\"café.csv\"}");

        signature.process(exchange);

        assertThat(exchange.getIn().getHeader(WebhookSignature.TIMESTAMP_HEADER)).isEqualTo("1764932400000");
        // python3: base64(hmac.new(b's3cret', b'1764932400000.' + body.encode('utf-8'), sha256).digest())
        assertThat(exchange.getIn().getHeader(WebhookSignature.SIGNATURE_HEADER))
                .isEqualTo("sha256=9Xq1WtxXSk1MD/Njgjnj8zkF1LqOsMvji1HGXGa7J78=");
        assertThat(exchange.getIn().getBody()).isInstanceOf(byte[].class);
        assertThat(new String(exchange.getIn().getBody(byte[].class), StandardCharsets.UTF_8)).contains("café.csv");
    }

    @Test
    void readsTheSecretFromTheEnvironmentFirstThenTheFileAndNeverShowsIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, "from-the-file\nsecond line\n");

        assertThat(WebhookSecret.resolve(Map.of(WebhookSecret.ENV, "from-the-env"), file.toString()).orElseThrow()
                .bytes()).isEqualTo("from-the-env".getBytes(StandardCharsets.UTF_8));
        WebhookSecret fromFile = WebhookSecret.resolve(Map.of(), file.toString()).orElseThrow();
        assertThat(fromFile.bytes()).isEqualTo("from-the-file".getBytes(StandardCharsets.UTF_8));
        assertThat(fromFile.toString()).doesNotContain("from-the-file");
        assertThat(WebhookSecret.resolve(Map.of(), "")).isEmpty();
        assertThatThrownBy(() -> WebhookSecret.resolve(Map.of(), dir.resolve("missing").toString()))
                .hasMessageContaining("missing").hasMessageNotContaining("from-the-file");
    }

    @Test
    void aReasonNamesTheStatusNeverTheWebhookUrl(@TempDir Path dir) {
        String url = "https://hooks.example.com/crm-bridge?token=canary-token";
        EventDeadLetters letters = new EventDeadLetters(dir, url, new ObjectMapper(), FIXED);

        assertThat(letters.reason(new HttpOperationFailedException(url, 502, "Bad Gateway", null, Map.of(), "")))
                .isEqualTo("the webhook answered HTTP 502 Bad Gateway");
        assertThat(letters.reason(new IllegalStateException("cannot reach " + url, new java.net.ConnectException(
                "Connection refused")))).isEqualTo("IllegalStateException: cannot reach the webhook URL"
                + " (ConnectException: Connection refused)");
    }
}
