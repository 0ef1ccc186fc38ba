package io.crmbridge.hubspot;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Sets {@code Authorization: Bearer <token>} on the HubSpot request (hubspot-api.md §5). Set
 * explicitly because camel-http's own Bearer options do not send it in 4.x (DESIGN.md); the route
 * removes the header again after the call so that it never travels further.
 */
public class HubSpotAuthorization implements Processor {

    /** HTTP header name. */
    public static final String HEADER = "Authorization";

    private final AccessToken token;

    public HubSpotAuthorization(AccessToken token) {
        this.token = token;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getIn().setHeader(HEADER, token.bearerHeader());
    }
}
