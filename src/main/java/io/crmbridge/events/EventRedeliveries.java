package io.crmbridge.events;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Counts an event's redeliveries on the exchange (the {@code onRedeliveryRef} of routes/events.yaml), so that its dead
 * letter says how many times it was sent: Camel's own redelivery counter header is gone by the time the exhausted
 * exchange reaches the dead-letter step.
 */
public final class EventRedeliveries implements Processor {

    /** The exchange property holding the redeliveries so far (absent: none). */
    public static final String PROPERTY = "crmBridgeEventRedeliveries";

    /** Called by Camel before each redelivery. */
    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(PROPERTY, redeliveries(exchange) + 1);
    }

    /** The redeliveries of {@code exchange} so far. */
    static int redeliveries(Exchange exchange) {
        return exchange.getProperty(PROPERTY, 0, Integer.class);
    }
}
