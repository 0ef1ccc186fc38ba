package io.crmbridge.brevo;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Sets Brevo's {@code api-key} header on the request; routes/customer-push.yaml removes it again after the
 * call so that it never travels further.
 */
public class BrevoAuthorization implements Processor {

    /** HTTP header name. */
    public static final String HEADER = "api-key";

    private final BrevoApiKey key;

    public BrevoAuthorization(BrevoApiKey key) {
        this.key = key;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getIn().setHeader(HEADER, key.value());
    }
}
