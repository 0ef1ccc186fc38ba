package io.crmbridge.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Signs a webhook request (routes/events.yaml, docs/events.md "The signature"): the body becomes the exact bytes
 * sent, {@value #TIMESTAMP_HEADER} the signing time in epoch milliseconds, and {@value #SIGNATURE_HEADER}
 * {@code sha256=} and the Base64 HMAC-SHA256, keyed by the {@link WebhookSecret}, of the timestamp's digits, a dot
 * and the body's bytes. A receiver recomputes it over the body it received and refuses an old timestamp, so that a
 * recorded request cannot be played again later. As HubSpot signs its own webhooks (v3: HMAC-SHA256, Base64, a
 * millisecond timestamp), minus the method and URL, which proxies rewrite.
 */
public final class WebhookSignature implements Processor {

    /** The signing time, epoch milliseconds. */
    public static final String TIMESTAMP_HEADER = "X-CrmBridge-Timestamp";
    /** {@code sha256=<Base64 HMAC-SHA256 of "<timestamp>.<body>">} */
    public static final String SIGNATURE_HEADER = "X-CrmBridge-Signature";

    private final Optional<WebhookSecret> secret;
    private final Clock clock;

    /** @param secret empty when no webhook is configured: the routes then never call it */
    public WebhookSignature(Optional<WebhookSecret> secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    /**
     * Sets the body to its bytes and the two headers (a redelivery signs again, with its own time).
     *
     * @throws org.apache.camel.InvalidPayloadException when the body is not text or bytes
     */
    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        byte[] body = in.getMandatoryBody(byte[].class);
        String timestamp = Long.toString(clock.millis());
        in.setBody(body);
        in.setHeader(TIMESTAMP_HEADER, timestamp);
        in.setHeader(SIGNATURE_HEADER, "sha256=" + sign(timestamp, body));
    }

    /** The Base64 HMAC-SHA256 of {@code timestamp + "." + body}. */
    String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.orElseThrow(() -> new IllegalStateException(
                    "no webhook signing secret: set " + WebhookSecret.ENV)).bytes(), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }
}
