package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.Datasets;
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
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An undo killed with SIGKILL ends as an uninterrupted one (docs/undo.md "Idempotent and crash-safe"). In two sites,
 * each with its own portal (a sandbox) and ledger, the packaged jar imports the customers file, then a second file
 * that changes the city of 1,000 of them and brings 300 new ones; another user then edits 10 of the changed contacts
 * in HubSpot. The second run is undone in one site without a stop; in the other the undo is killed while HubSpot's
 * answer to its fifth contacts write is held (applied in HubSpot, its chunk's outcomes not yet stored), then started
 * again. Both portals must end with the same contacts and values, both reports with the same counts, and the ledger
 * with one outcome per record.
 */
class UndoCrashIT {

    private static final int UPDATED = 1_000;
    private static final int CREATED = 300;
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
        AtomicInteger writes = new AtomicInteger();
        HeldAnswer hold = crashPortal.holdAnswer(r -> contactsWrite(r) && writes.incrementAndGet() == 5);
        try (ChildApplication run = undo(crash, crashPortal, crashRun, "killed")) {
            hold.awaitHeld(RUN_TIMEOUT);
            run.kill();
        } finally {
            hold.release();
        }
        // the held batch is written in HubSpot, its chunk's outcomes are not in the ledger; the chunks before are
        long stored = outcomes(crash);
        assertThat(stored).isPositive().isLessThan(UPDATED + CREATED);
        assertThat(stored % 100).isZero();
        try (ChildApplication run = undo(crash, crashPortal, crashRun, "restarted")) {
            assertThat(run.awaitExit(RUN_TIMEOUT)).as(run.output()).isZero();
        }

        JsonNode cleanReport = report(clean);
        JsonNode crashReport = report(crash);
        for (String count : List.of("records", "reversed", "kept", "failed", "archived", "restored")) {
            assertThat(crashReport.path("totals").path(count)).as(count)
                    .isEqualTo(cleanReport.path("totals").path(count));
        }
        JsonNode contacts = crashReport.path("types").path("contacts");
        assertThat(contacts.path("records").asLong()).isEqualTo(UPDATED + CREATED);
        assertThat(contacts.path("archived").asLong()).isEqualTo(CREATED);
        assertThat(contacts.path("restored").asLong()).isEqualTo(UPDATED - EDITED);
        assertThat(contacts.path("kept").asLong()).isEqualTo(EDITED);
        assertThat(crashReport.path("totals").path("failed").asLong()).isZero();
        // the restarted undo took over the outcomes stored before the kill and decided the rest itself
        assertThat(crashReport.path("totals").path("earlier").asLong()).isEqualTo(stored);
        assertThat(contacts(crashPortal)).isEqualTo(contacts(cleanPortal));
        List<CSVRecord> customers = Datasets.read(Datasets.CUSTOMERS);
        assertThat(contacts(crashPortal)).hasSize(customers.size())
                .containsEntry(customers.get(0).get("Email").toLowerCase(Locale.ROOT),
                        customers.get(0).get("First Name") + "|Edited|Undo City 0")
                .containsEntry(customers.get(EDITED).get("Email").toLowerCase(Locale.ROOT),
                        customers.get(EDITED).get("First Name") + "|" + customers.get(EDITED).get("Last Name") + "|"
                                + customers.get(EDITED).get("City"));
        assertThat(outcomes(crash)).isEqualTo(crashReport.path("totals").path("records").asLong());
        assertThat(status(crash, crashRun)).isEqualTo("UNDONE");

        // undone again: nothing is sent, nothing changes, the same counts
        Map<String, String> undone = contacts(crashPortal);
        int requestsBefore = crashPortal.state().requests().size();
        try (ChildApplication run = undo(crash, crashPortal, crashRun, "again")) {
            assertThat(run.awaitExit(RUN_TIMEOUT)).as(run.output()).isZero();
        }
        JsonNode again = report(crash);
        assertThat(again.path("alreadyUndone").asBoolean()).isTrue();
        assertThat(again.path("requests").asLong()).isZero();
        for (String count : List.of("records", "reversed", "kept", "failed", "archived", "restored")) {
            assertThat(again.path("totals").path(count)).as(count).isEqualTo(crashReport.path("totals").path(count));
        }
        assertThat(crashPortal.state().requests().stream().skip(requestsBefore)
                .filter(r -> r.path().startsWith("/crm/objects/") || r.path().startsWith("/crm/v3/objects/")
                        || r.path().contains("/associations/"))).as("no read or write of a record").isEmpty();
        assertThat(contacts(crashPortal)).isEqualTo(undone);
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
     * The run to undo in a site, as the jar makes it: the customers file imported ({@code --once}), then a second
     * file that changes the city of its first {@value #UPDATED} customers and brings {@value #CREATED} new ones;
     * then another user edits {@value #EDITED} of the changed contacts in HubSpot. Answers the second run's id.
     */
    private long seed(Path site, HubSpotSandbox portal) throws Exception {
        Path inbox = Files.createDirectories(site.resolve("inbox"));
        List<CSVRecord> customers = Datasets.read(Datasets.CUSTOMERS);
        List<String> header = customers.get(0).getParser().getHeaderNames();
        drop(inbox, "contacts-customers.csv", header, customers.stream().map(CSVRecord::toList).toList());
        once(site, portal, "import-1");
        List<List<String>> second = new ArrayList<>();
        for (int i = 0; i < UPDATED + CREATED; i++) {
            List<String> row = new ArrayList<>(customers.get(i).toList());
            if (i < UPDATED) {
                row.set(header.indexOf("City"), "Undo City " + i);
            } else {
                row.set(header.indexOf("Email"), "new" + i + "@undo-crash.example");
            }
            second.add(row);
        }
        drop(inbox, "contacts-customers-update.csv", header, second);
        once(site, portal, "import-2");
        for (int i = 0; i < EDITED; i++) {
            String email = customers.get(i).get("Email");
            SandboxRecord r = portal.state().findByProperty(ObjectType.CONTACTS, "email", email).orElseThrow();
            patch(portal, r.id(), Map.of("lastname", "Edited"));
        }
        try (Connection c = DriverManager.getConnection(ledgerUrl(site), "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "select id from import_run where file_name = 'contacts-customers-update.csv'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void once(Path site, HubSpotSandbox portal, String stage) throws Exception {
        try (ChildApplication run = ChildApplication.start(site, site.resolve(stage + ".log"),
                properties(site, portal), "--once", "--outbox", site.resolve("outbox").toString())) {
            assertThat(run.awaitExit(RUN_TIMEOUT)).as(run.output()).isZero();
        }
    }

    /** Writes a CSV beside the inbox, then moves it in, as a user drops a file. */
    private static void drop(Path inbox, String name, List<String> header, List<List<String>> rows)
            throws IOException {
        Path staging = inbox.getParent().resolve(name + ".part");
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(staging),
                CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (List<String> row : rows) {
                p.printRecord(row);
            }
        }
        Files.move(staging, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private void patch(HubSpotSandbox portal, String id, Map<String, String> values) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(portal.baseUrl()
                        + "/crm/v3/objects/contacts/" + id))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("properties", values)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    /** An undo's write of contacts: an archive or an update batch HubSpot applied. */
    private static boolean contactsWrite(RecordedRequest r) {
        return r.status() / 100 == 2
                && (r.path().endsWith("/contacts/batch/archive") || r.path().endsWith("/contacts/batch/update"));
    }

    /** The portal's contacts: e-mail -> "firstname|lastname|city". */
    private static Map<String, String> contacts(HubSpotSandbox portal) {
        Map<String, String> contacts = new TreeMap<>();
        for (SandboxRecord r : portal.state().records(ObjectType.CONTACTS)) {
            contacts.put(r.property("email"), r.property("firstname") + "|" + r.property("lastname") + "|"
                    + r.property("city"));
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
