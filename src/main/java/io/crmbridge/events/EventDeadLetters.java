package io.crmbridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events a target did not take (docs/events.md "Dead letters"): one JSON file per event and target in
 * {@code outbox/events/}, {@code <UTC time>-<target>-<kind>-<event id>.json}, holding {@code target}, {@code reason},
 * {@code attempts}, {@code failedAt} and the {@code event} as it was to be sent. A reason never holds the webhook's
 * URL (it may carry a token in its query) nor the signing secret: an HTTP failure is told by its status.
 */
public final class EventDeadLetters implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(EventDeadLetters.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final String webhookUrl;
    private final ObjectMapper json;
    private final Clock clock;

    /**
     * @param dir        {@code <outbox>/events}, created at the first dead letter
     * @param webhookUrl the configured webhook URL (empty when none), kept out of every reason
     */
    public EventDeadLetters(Path dir, String webhookUrl, ObjectMapper json, Clock clock) {
        this.dir = dir;
        this.webhookUrl = webhookUrl;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The last step of a target's route after its last redelivery (routes/events.yaml): the event in the body, the
     * target in {@link CompletionEvents#TARGET_PROPERTY}, the failure in {@link Exchange#EXCEPTION_CAUGHT}.
     */
    public void write(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        write(targetOf(exchange), exchange.getIn().getBody(String.class), reason(e), attempts(exchange));
    }

    /**
     * A target's queue consumer met an exchange that failed outside its route's redelivery: a stop that came between
     * two redeliveries ({@code allowRedeliveryWhileStopping=false}, routes/events.yaml). The event is dead-lettered
     * with that reason.
     */
    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (exchange == null || exchange.getProperty(CompletionEvents.TARGET_PROPERTY) == null) {
            handleException(message, exception);
            return;
        }
        write(targetOf(exchange), exchange.getIn().getBody(String.class), "not sent: crm-bridge stopped while the event"
                + " waited for a redelivery (" + reason(exception instanceof Exception e ? e : null) + ")",
                attempts(exchange));
    }

    @Override
    public void handleException(Throwable exception) {
        handleException("completion event delivery failed", exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        LOG.error("{}: {}", message, exception == null ? "unknown failure"
                : reason(exception instanceof Exception e ? e : new RuntimeException(exception)));
    }

    /**
     * Writes one dead letter; a failure to write is logged (with the event's id), never thrown.
     *
     * @param event    the event's JSON
     * @param attempts how many times it was sent, 0 when it never was
     */
    public void write(EventTarget target, String event, String reason, int attempts) {
        Instant now = clock.instant();
        try {
            JsonNode node = json.readTree(event);
            String kind = node.path("kind").asText("event");
            String id = node.path("eventId").asText("unknown");
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("target", target.label());
            doc.put("reason", reason);
            doc.put("attempts", attempts);
            doc.put("failedAt", now.toString());
            doc.put("event", node);
            Files.createDirectories(dir);
            String name = STAMP.format(now) + "-" + target.label() + "-" + kind + "-" + id + ".json";
            // written whole under another name first: a reader of the folder never sees half a file
            Path part = dir.resolve(name + ".part");
            Files.write(part, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
            Files.move(part, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            LOG.warn("completion event {} of run {} not sent to the {}: {}; kept in {}", kind,
                    node.path("runId").isNull() ? "-" : node.path("runId").asText(), target.label(), reason,
                    dir.resolve(name));
        } catch (IOException | RuntimeException e) {
            LOG.error("completion event not sent to the {} ({}) and its dead letter could not be written in {}: {}",
                    target.label(), reason, dir, e.toString());
        }
    }

    private static EventTarget targetOf(Exchange exchange) {
        return EventTarget.valueOf(exchange.getProperty(CompletionEvents.TARGET_PROPERTY, String.class)
                .toUpperCase(java.util.Locale.ROOT));
    }

    /** The first attempt and its redeliveries. */
    private static int attempts(Exchange exchange) {
        return EventRedeliveries.redeliveries(exchange) + 1;
    }

    /** Why a target did not take an event, without its URL. */
    String reason(Exception e) {
        if (e == null) {
            return "unknown failure";
        }
        if (e instanceof HttpOperationFailedException http) {
            String text = http.getStatusText() == null || http.getStatusText().isBlank() ? "" : " " + http.getStatusText();
            return "the webhook answered HTTP " + http.getStatusCode() + text;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getClass().getSimpleName() + ": " + e.getMessage()
                + (root == e ? "" : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")");
        return webhookUrl.isEmpty() ? message : message.replace(webhookUrl, "the webhook URL");
    }
}
