package io.crmbridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.flow.ImportFlowTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stop while events wait (docs/events.md "At a stop"): the webhook refuses every event and the next redelivery is a
 * minute away; the stop neither waits for it nor loses an event: each one is in outbox/events/ with its reason.
 */
class CompletionEventsAtStopTest extends ImportFlowTestSupport {

    private static WebhookReceiver webhook;

    @BeforeAll
    static void startReceiver() throws Exception {
        webhook = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        webhook.close();
    }

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        Path secretFile = work().resolve("webhook-secret.txt");
        try {
            Files.writeString(secretFile, "whsec-at-stop\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.setProperty("crm-bridge.events.webhook.url", webhook.url());
        p.setProperty("crm-bridge.events.webhook.secret-file", secretFile.toString());
        p.setProperty("crm-bridge.events.redelivery-delay-ms", "60000");
        return p;
    }

    @Test
    void givenEventsWaitingForARedeliveryWhenCrmBridgeStopsThenEachIsADeadLetterAndTheStopDoesNotWait()
            throws Exception {
        webhook.answer(List.of(), 503);
        drop(Path.of("data", "companies.csv"), "companies.csv");
        drop(Path.of("data", "contacts.csv"), "contacts.csv");
        JsonNode companies = awaitReport("companies.csv", 1, Duration.ofSeconds(60));
        JsonNode contacts = awaitReport("contacts.csv", 1, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> !webhook.received().isEmpty());

        long before = System.nanoTime();
        context.stop();
        Duration stop = Duration.ofNanos(System.nanoTime() - before);

        assertThat(stop).isLessThan(Duration.ofSeconds(30));
        List<JsonNode> letters = deadLetters();
        assertThat(letters).extracting(l -> l.path("event").path("runId").asLong())
                .containsExactlyInAnyOrder(companies.path("runId").asLong(), contacts.path("runId").asLong());
        // the one waiting for its redelivery is not sent again; the one behind it has its first attempt only
        assertThat(letters).extracting(l -> l.path("reason").asText()).allSatisfy(reason -> assertThat(reason)
                .matches("not sent: crm-bridge stopped while the event waited for a redelivery .*"
                        + "|the webhook answered HTTP 503 Service Unavailable"));
        assertThat(webhook.received()).hasSizeLessThanOrEqualTo(3);
    }

    private List<JsonNode> deadLetters() throws IOException {
        Path dir = outbox().resolve("events");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().map(p -> {
                try {
                    return JSON.readTree(p.toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
