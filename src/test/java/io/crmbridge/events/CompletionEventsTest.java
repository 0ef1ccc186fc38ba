package io.crmbridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.sync.ContactSync;
import io.crmbridge.undo.RunUndo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Completion events (docs/events.md) against a real Kafka broker in the test JVM (KRaft) and a webhook receiver on a
 * loopback port: one event per run with its report's counts on both targets, a webhook that fails twice then takes
 * the event gets it accepted once and correctly signed, one that always fails leaves the event in outbox/events/
 * after the redeliveries, and no event holds the signing secret or a row's value.
 */
class CompletionEventsTest extends ImportFlowTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int MAXIMUM_REDELIVERIES = 3;
    private static final String BASE_URL = "https://crm-bridge.example.com";
    private static final List<String> FILES = List.of("companies.csv", "contacts.csv", "tickets.csv");

    private static KafkaBroker kafka;
    private static WebhookReceiver webhook;

    // made when CamelTestSupport's constructor asks for the properties, before this class's fields are initialised:
    // no initialiser here, it would run after that
    // a canary: the secret must be nowhere but in the HMAC
    private String secret;
    private String topic;

    @BeforeAll
    static void startTargets() throws Exception {
        kafka = KafkaBroker.start();
        webhook = WebhookReceiver.start();
    }

    @AfterAll
    static void stopTargets() {
        webhook.close();
        kafka.close();
    }

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        secret = "whsec-canary-" + UUID.randomUUID();
        topic = "crm-bridge.events-" + UUID.randomUUID();
        Path secretFile = work().resolve("webhook-secret.txt");
        try {
            Files.writeString(secretFile, secret + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        webhook.clear();
        p.setProperty("crm-bridge.events.webhook.url", webhook.url());
        p.setProperty("crm-bridge.events.webhook.secret-file", secretFile.toString());
        p.setProperty("crm-bridge.events.kafka.brokers", kafka.bootstrapServers());
        p.setProperty("crm-bridge.events.kafka.topic", topic);
        p.setProperty("crm-bridge.events.base-url", BASE_URL);
        p.setProperty("crm-bridge.events.maximum-redeliveries", Integer.toString(MAXIMUM_REDELIVERIES));
        p.setProperty("crm-bridge.events.redelivery-delay-ms", "50");
        return p;
    }

    @Test
    void givenAWebhookFailingTwiceWhenFilesAreImportedUndoneAndSyncedThenOneSignedEventPerRunOnEachTarget()
            throws Exception {
        webhook.answer(List.of(500, 500), 200);
        for (String f : FILES) {
            drop(Path.of("data", f), f);
        }
        // a spreadsheet under a .csv name: refused whole, dead-lettered
        drop("orders.csv", new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0});
        Map<String, JsonNode> reports = new java.util.HashMap<>();
        for (String f : FILES) {
            reports.put(f, awaitReport(f, 1, TIMEOUT));
        }
        long contactsRun = reports.get("contacts.csv").path("runId").asLong();
        await().atMost(TIMEOUT).until(() -> accepted().size() == 4);
        context.getRegistry().lookupByNameAndType(RunUndo.BEAN_NAME, RunUndo.class).undo(contactsRun, false);
        context.getRegistry().lookupByNameAndType("contactSync", ContactSync.class).run("FULL");

        await().atMost(TIMEOUT).until(() -> accepted().size() == 6);
        List<WebhookReceiver.Received> all = webhook.received();
        assertThat(all).extracting(WebhookReceiver.Received::status).containsExactly(500, 500, 200, 200, 200, 200,
                200, 200);
        // the two refused requests were the first event, sent again
        assertThat(eventId(all.get(0))).isEqualTo(eventId(all.get(1))).isEqualTo(eventId(all.get(2)));
        List<JsonNode> events = new ArrayList<>();
        for (WebhookReceiver.Received r : accepted()) {
            assertThat(r.header(WebhookSignature.SIGNATURE_HEADER))
                    .isEqualTo("sha256=" + hmac(secret, r.header(WebhookSignature.TIMESTAMP_HEADER), r.body()));
            assertThat(r.header("Content-Type")).startsWith("application/json");
            events.add(JSON.readTree(r.body()));
        }
        assertThat(events).extracting(e -> e.path("eventId").asText()).doesNotHaveDuplicates();
        assertThat(events).extracting(e -> e.path("kind").asText() + " " + e.path("file").asText(null))
                .containsExactly("import.finished companies.csv", "import.finished contacts.csv",
                        "import.failed orders.csv", "import.finished tickets.csv", "import.undone contacts.csv",
                        "sync.finished null");
        for (String f : FILES) {
            JsonNode report = reports.get(f);
            JsonNode event = events.stream().filter(e -> f.equals(e.path("file").asText()))
                    .filter(e -> e.path("kind").asText().equals("import.finished")).findFirst().orElseThrow();
            long runId = report.path("runId").asLong();
            assertThat(event.path("runId").asLong()).isEqualTo(runId);
            assertThat(event.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(event.path("objectType").asText()).isEqualTo(report.path("objectType").asText());
            assertThat(event.path("counts")).as("counts of %s", f).isEqualTo(report.path("outcomes"));
            assertThat(event.path("reportUrl").asText())
                    .isEqualTo(BASE_URL + "/console/imports/" + runId + "/files/report.json");
            assertThat(event.path("deadLetterUrl").isNull()).isEqualTo(report.path("deadLetterFile").isNull());
            assertThat(event.path("durationMs").asLong()).isEqualTo(report.path("durationMs").asLong());
            assertThat(event.has("instanceId")).as("not clustered").isFalse();
        }
        JsonNode refused = events.get(2);
        assertThat(refused.path("status").asText()).isEqualTo("DEAD_LETTERED");
        assertThat(refused.path("reportUrl").isNull()).isTrue();
        JsonNode undone = events.get(4);
        assertThat(undone.path("runId").asLong()).isEqualTo(contactsRun);
        assertThat(undone.path("counts").path("records").asLong())
                .isEqualTo(reports.get("contacts.csv").path("outcomes").path("created").asLong()
                        + reports.get("contacts.csv").path("outcomes").path("updated").asLong());
        assertThat(undone.path("reportUrl").asText()).endsWith("/console/imports/" + contactsRun
                + "/files/undo-report.json");
        JsonNode synced = events.get(5);
        assertThat(synced.path("counts").path("synced").asLong()).isPositive();

        List<ConsumerRecord<String, String>> records = kafka.records(topic, 6, TIMEOUT);
        assertThat(records).hasSize(6);
        assertThat(records).extracting(ConsumerRecord::value)
                .containsExactlyElementsOf(accepted().stream().map(WebhookReceiver.Received::text).toList());
        assertThat(records).extracting(ConsumerRecord::key)
                .containsExactlyElementsOf(events.stream().map(e -> e.path("runId").isNull() ? null
                        : e.path("runId").asText()).toList());
        assertNoSecretNorRowValue(records.stream().map(ConsumerRecord::value).toList());
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void givenAWebhookThatAlwaysFailsThenTheEventIsDeadLetteredAfterTheRedeliveriesAndKafkaStillGetsIt()
            throws Exception {
        webhook.answer(List.of(), 503);
        drop(Path.of("data", "companies.csv"), "companies.csv");
        JsonNode report = awaitReport("companies.csv", 1, TIMEOUT);

        await().atMost(TIMEOUT).until(() -> deadLetters().size() == 1);
        JsonNode letter = JSON.readTree(deadLetters().get(0).toFile());
        assertThat(letter.path("target").asText()).isEqualTo("webhook");
        assertThat(letter.path("attempts").asInt()).isEqualTo(MAXIMUM_REDELIVERIES + 1);
        assertThat(letter.path("reason").asText()).isEqualTo("the webhook answered HTTP 503 Service Unavailable");
        assertThat(letter.path("event").path("runId").asLong()).isEqualTo(report.path("runId").asLong());
        assertThat(letter.path("event").path("counts")).isEqualTo(report.path("outcomes"));
        assertThat(webhook.received()).hasSize(MAXIMUM_REDELIVERIES + 1)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(503));
        List<ConsumerRecord<String, String>> records = kafka.records(topic, 1, TIMEOUT);
        assertThat(records).hasSize(1);
        assertThat(JSON.readTree(records.get(0).value())).isEqualTo(letter.path("event"));
        assertNoSecretNorRowValue(List.of(Files.readString(deadLetters().get(0))));
    }

    private static List<WebhookReceiver.Received> accepted() {
        return webhook.received().stream().filter(r -> r.status() == 200).toList();
    }

    private static String eventId(WebhookReceiver.Received r) throws IOException {
        return JSON.readTree(r.body()).path("eventId").asText();
    }

    /** What a receiver computes: Base64 HMAC-SHA256 of "timestamp.body", keyed by the shared secret. */
    private static String hmac(String key, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    private List<Path> deadLetters() throws IOException {
        Path dir = outbox().resolve("events");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Neither the secret nor any cell of the imported files (five characters or more) is in an event. */
    private void assertNoSecretNorRowValue(List<String> sent) throws IOException {
        List<String> cells = new ArrayList<>();
        for (String f : FILES) {
            try (var in = Files.newBufferedReader(Path.of("data", f), StandardCharsets.UTF_8);
                 var csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                for (CSVRecord r : csv) {
                    r.stream().filter(v -> v.strip().length() >= 5).forEach(cells::add);
                }
            }
        }
        assertThat(cells).hasSizeGreaterThan(100);
        for (String body : sent) {
            assertThat(body).doesNotContain(secret);
            List<String> leaked = cells.stream().filter(body::contains).distinct().collect(Collectors.toList());
            assertThat(leaked).as("row values in %s", body).isEmpty();
        }
    }
}
