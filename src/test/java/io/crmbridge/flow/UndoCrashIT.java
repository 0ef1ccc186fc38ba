package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.HeldAnswer;
import io.crmbridge.sandbox.HubSpotSandbox;
import io.crmbridge.sandbox.RecordedRequest;
import io.crmbridge.sandbox.SandboxConfig;
import io.crmbridge.sandbox.SandboxRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An undo killed with SIGKILL ends as an uninterrupted one (docs/undo.md "Idempotent and crash-safe"): two portals
 * (sandboxes) hold the same run, 300 contacts it created (10 of them edited since by another user) and 50 it
 * updated, recorded in each site's ledger as an import records them. The packaged jar undoes the run in one site
 * without a stop; in the other it is killed while HubSpot's answer to its second archive batch is held (applied in
 * HubSpot, its outcomes not yet stored), then started again. Both portals must end with the same contacts and
 * values, both reports with the same counts, and the ledger with one outcome per record.
 */
class UndoCrashIT {

    private static final int CREATED = 300;
    private static final int UPDATED = 50;
    private static final int EDITED = 10;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token = "undo-crash-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newHttpClient();
    private Path dir;
    private Path tokenFile;
    private HubSpotSandbox cleanPortal;
    private HubSpotSandbox crashPortal;

    @BeforeEach
    void portals() throws IOException {
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "flow-tests")), "undo-crash-")
                .toAbsolutePath();
        SandboxConfig config = new SandboxConfig("127.0.0.1", 0, token, 100, 0);
        cleanPortal = HubSpotSandbox.start(config);
        crashPortal = HubSpotSandbox.start(config);
        tokenFile = Files.writeString(dir.resolve("token"), token);
    }

    @AfterEach
    void stopPortals() {
        cleanPortal.close();
        crashPortal.close();
    }

    @Test
    void undoKilledMidwayAndStartedAgainEndsAsAnUninterruptedUndo() throws Exception {
        Path clean = Files.createDirectories(dir.resolve("clean"));
        Path crash = Files.createDirectories(dir.resolve("crash"));
        long cleanRun = seed(clean, cleanPortal);
        long crashRun = seed(crash, crashPortal);

        try (ChildApplication run = undo(clean, cleanPortal, cleanRun, "clean")) {
            assertThat(run.awaitExit(RUN_TIMEOUT)).as(run.output()).isZero();
        }
        AtomicInteger archives = new AtomicInteger();
        HeldAnswer hold = crashPortal.holdAnswer(r -> archiveBatch(r) && archives.incrementAndGet() == 2);
        try (ChildApplication run = undo(crash, crashPortal, crashRun, "killed")) {
            hold.awaitHeld(RUN_TIMEOUT);
            run.kill();
        } finally {
            hold.release();
        }
        // the second chunk's records are archived in HubSpot, their outcomes are not in the ledger
        assertThat(outcomes(crash)).isEqualTo(100);
        assertThat(crashPortal.state().count(ObjectType.CONTACTS)).isLessThan(UPDATED + CREATED - 100);
        try (ChildApplication run = undo(crash, crashPortal, crashRun, "restarted")) {
            assertThat(run.awaitExit(RUN_TIMEOUT)).as(run.output()).isZero();
            assertThat(run.output()).contains("Undo of run " + crashRun + ": " + (CREATED + UPDATED) + " records: "
                    + (CREATED - EDITED + UPDATED) + " reversed");
        }

        JsonNode cleanReport = report(clean);
        JsonNode crashReport = report(crash);
        for (String count : List.of("records", "reversed", "kept", "failed", "archived", "restored")) {
            assertThat(crashReport.path("totals").path(count)).as(count)
                    .isEqualTo(cleanReport.path("totals").path(count));
        }
        // the restarted undo took over the first chunk's outcomes, and decided the rest itself
        assertThat(crashReport.path("totals").path("earlier").asLong()).isEqualTo(100);
        assertThat(crashReport.path("totals").path("records").asLong()).isEqualTo(CREATED + UPDATED);
        assertThat(crashReport.path("totals").path("kept").asLong()).isEqualTo(EDITED);
        assertThat(crashReport.path("totals").path("failed").asLong()).isZero();
        assertThat(contacts(crashPortal)).isEqualTo(contacts(cleanPortal));
        assertThat(contacts(crashPortal)).hasSize(UPDATED + EDITED)
                .containsEntry("updated0@example.com", "Old0|null").containsEntry("created0@example.com", "C0|Edited");
        assertThat(outcomes(crash)).isEqualTo(CREATED + UPDATED);
        assertThat(status(crash, crashRun)).isEqualTo("UNDONE");
    }

    private ChildApplication undo(Path site, HubSpotSandbox portal, long run, String stage) throws IOException {
        return ChildApplication.start(site, site.resolve("undo-" + stage + ".log"), properties(site, portal),
                "--undo", String.valueOf(run), "--outbox", site.resolve("outbox").toString());
    }

    private Map<String, String> properties(Path site, HubSpotSandbox portal) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("hubspot.sandbox", "false");
        p.put("hubspot.base-url", portal.baseUrl());
        p.put("hubspot.access-token-file", tokenFile.toString());
        p.put("hubspot.requests-per-ten-seconds", "100000");
        p.put("crm-bridge.db.url", ledgerUrl(site));
        p.put("crm-bridge.inbox", site.resolve("inbox").toString());
        return p;
    }

    /**
     * The run in a site: its ledger migrated by a first start of the jar (an unknown run, status 2), the contacts
     * written to the portal as an import writes them, and what the run wrote stored as an import stores it.
     */
    private long seed(Path site, HubSpotSandbox portal) throws Exception {
        try (ChildApplication migrate = undo(site, portal, 999_999, "migrate")) {
            assertThat(migrate.awaitExit(RUN_TIMEOUT)).as(migrate.output()).isEqualTo(2);
        }
        List<Map<String, String>> before = new ArrayList<>();
        for (int i = 0; i < UPDATED; i++) {
            before.add(Map.of("email", "updated" + i + "@example.com", "firstname", "Old" + i));
        }
        List<JsonNode> existing = create(portal, before);
        List<Map<String, String>> created = new ArrayList<>();
        for (int i = 0; i < CREATED; i++) {
            created.add(Map.of("email", "created" + i + "@example.com", "firstname", "C" + i));
        }
        List<JsonNode> made = create(portal, created);
        List<Map<String, Object>> updates = new ArrayList<>();
        for (int i = 0; i < UPDATED; i++) {
            updates.add(Map.of("id", existing.get(i).path("id").asText(),
                    "properties", Map.of("firstname", "New" + i, "lastname", "Run")));
        }
        JsonNode updated = post(portal, "/crm/v3/objects/contacts/batch/update", Map.of("inputs", updates));
        long runId;
        try (Connection c = DriverManager.getConnection(ledgerUrl(site), "sa", "")) {
            try (PreparedStatement s = c.prepareStatement("insert into import_run (file_name, content_hash,"
                    + " object_type, status, dry_run, rows_read, started_at, finished_at) values ('contacts.csv',"
                    + " 'hash-undo-crash', 'CONTACTS', 'COMPLETED', false, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
                s.setLong(1, CREATED + UPDATED);
                s.setTimestamp(2, now);
                s.setTimestamp(3, now);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    runId = keys.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("insert into record_change (run_id, object_type,"
                    + " hubspot_id, natural_key, created, written, prior, written_at) values (?, 'CONTACTS', ?, ?, ?,"
                    + " ?, ?, ?)")) {
                for (JsonNode r : made) {
                    change(s, runId, r, true, r.path("properties").path("firstname").asText(), null);
                }
                for (JsonNode r : updated.path("results")) {
                    String email = r.path("properties").path("email").asText();
                    String old = "Old" + email.substring("updated".length(), email.indexOf('@'));
                    Map<String, String> prior = new LinkedHashMap<>();
                    prior.put("firstname", old);
                    // the run wrote a lastname the contact did not have: an undo clears it
                    prior.put("lastname", null);
                    change(s, runId, r, false, r.path("properties").path("firstname").asText(),
                            JSON.writeValueAsString(prior));
                }
            }
        }
        for (int i = 0; i < EDITED; i++) {
            patch(portal, made.get(i).path("id").asText(), Map.of("lastname", "Edited"));
        }
        return runId;
    }

    private static void change(PreparedStatement s, long runId, JsonNode r, boolean created, String firstname,
                               String prior) throws Exception {
        String email = r.path("properties").path("email").asText();
        Map<String, String> written = new TreeMap<>(Map.of("email", email, "firstname", firstname));
        if (!created) {
            written = new TreeMap<>(Map.of("firstname", firstname, "lastname", "Run"));
        }
        s.setLong(1, runId);
        s.setString(2, r.path("id").asText());
        s.setString(3, email);
        s.setBoolean(4, created);
        s.setString(5, JSON.writeValueAsString(written));
        s.setString(6, prior);
        s.setTimestamp(7, Timestamp.valueOf(LocalDateTime.ofInstant(Instant.parse(r.path("updatedAt").asText()),
                ZoneOffset.UTC)));
        s.addBatch();
        s.executeBatch();
    }

    private List<JsonNode> create(HubSpotSandbox portal, List<Map<String, String>> records) throws Exception {
        List<JsonNode> made = new ArrayList<>();
        for (int from = 0; from < records.size(); from += 100) {
            List<Map<String, Object>> inputs = records.subList(from, Math.min(records.size(), from + 100)).stream()
                    .map(r -> Map.<String, Object>of("properties", r)).toList();
            post(portal, "/crm/v3/objects/contacts/batch/create", Map.of("inputs", inputs)).path("results")
                    .forEach(made::add);
        }
        made.sort(java.util.Comparator.comparing(r -> Integer.parseInt(
                r.path("properties").path("email").asText().replaceAll("\\D", ""))));
        return made;
    }

    private JsonNode post(HubSpotSandbox portal, String path, Object body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(portal.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode() / 100).as(answer.body()).isEqualTo(2);
        return JSON.readTree(answer.body());
    }

    private void patch(HubSpotSandbox portal, String id, Map<String, String> values) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(portal.baseUrl()
                        + "/crm/v3/objects/contacts/" + id))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("properties", values)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static boolean archiveBatch(RecordedRequest r) {
        return r.status() / 100 == 2 && r.path().endsWith("/contacts/batch/archive");
    }

    /** The portal's contacts: e-mail -> "firstname|lastname". */
    private static Map<String, String> contacts(HubSpotSandbox portal) {
        Map<String, String> contacts = new TreeMap<>();
        for (SandboxRecord r : portal.state().records(ObjectType.CONTACTS)) {
            contacts.put(r.property("email"), r.property("firstname") + "|" + r.property("lastname"));
        }
        return contacts;
    }

    private static JsonNode report(Path site) throws IOException {
        try (var files = Files.list(site.resolve("outbox").resolve("undo"))) {
            Path json = files.filter(f -> f.toString().endsWith("-undo.json")).findFirst().orElseThrow();
            return JSON.readTree(json.toFile());
        }
    }

    private static String ledgerUrl(Path site) {
        return "jdbc:h2:file:" + site.resolve("ledger").toAbsolutePath();
    }

    private static long outcomes(Path site) throws Exception {
        try (Connection c = DriverManager.getConnection(ledgerUrl(site), "sa", "");
             ResultSet rs = c.createStatement().executeQuery("select count(*) from undo_outcome")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String status(Path site, long run) throws Exception {
        try (Connection c = DriverManager.getConnection(ledgerUrl(site), "sa", "");
             ResultSet rs = c.createStatement().executeQuery("select status from import_run where id = " + run)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
