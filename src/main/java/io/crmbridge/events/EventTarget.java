package io.crmbridge.events;

/**
 * Where completion events go (docs/events.md): each target has a queue of its own, consumed by its route in
 * routes/events.yaml, so that a target that fails or is slow never delays the other one.
 */
public enum EventTarget {
    /** an HTTPS (or HTTP) POST through camel-http, signed ({@link WebhookSignature}) */
    WEBHOOK("webhook", "seda:events-webhook"),
    /** a record on a Kafka topic through camel-kafka, keyed by run id */
    KAFKA("kafka", "seda:events-kafka");

    private final String label;
    private final String queue;

    EventTarget(String label, String queue) {
        this.label = label;
        this.queue = queue;
    }

    /** The target's name in dead letters and logs: {@code webhook}, {@code kafka}. */
    public String label() {
        return label;
    }

    /** The seda endpoint its route consumes, without options. */
    public String queue() {
        return queue;
    }
}
