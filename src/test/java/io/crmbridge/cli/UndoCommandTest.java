package io.crmbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.Application;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.HubSpotSandbox;
import io.crmbridge.sandbox.SandboxConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --undo RUN} through {@link Application#run}, in this JVM, against a "portal" (a sandbox with its own token,
 * reached as a real portal) and a ledger in a file: a run that is not a number or unknown is refused with status 2,
 * a dry run reads and writes nothing, the undo archives what the run created and prints its counts and report, a
 * second undo sends nothing. The run is stored in the ledger as an import stores it (import_run, record_change).
 */
class UndoCommandTest {

    private static final String TOKEN = "pat-na1-canary-5d0c2b7e-undo";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int status = Application.run(args);
            return new Result(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private String[] undo(HubSpotSandbox portal, String... more) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        List<String> args = new ArrayList<>(List.of(more));
        args.addAll(List.of("--hubspot.sandbox=false", "--hubspot.base-url=" + portal.baseUrl(),
                "--hubspot.access-token-file=" + token, "--crm-bridge.db.url=" + dbUrl(),
                "--inbox", dir.resolve("inbox").toString(), "--outbox", dir.resolve("outbox").toString()));
        return args.toArray(String[]::new);
    }

    private String dbUrl() {
        return "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath();
    }

    @Test
    void undoesARunFromTheCommandLineAndRefusesARunItCannotUndo() throws Exception {
        assertThat(run("--undo", "abc").status()).isEqualTo(2);
        try (HubSpotSandbox portal = HubSpotSandbox.start(SandboxConfig.defaults(TOKEN))) {
            Result unknown = run(undo(portal, "--undo", "7"));
            assertThat(unknown.status()).isEqualTo(2);
            assertThat(unknown.err()).contains("no import run 7");

            long run = storeRunThatCreated(portal, 2);
            Result dry = run(undo(portal, "--undo", String.valueOf(run), "--dry-run"));
            assertThat(dry.status()).as(dry.err()).isZero();
            assertThat(dry.out()).contains("Undo of run " + run + " (dry run, nothing written): 2 records: would"
                    + " archive 2");
            assertThat(portal.state().count(ObjectType.CONTACTS)).isEqualTo(2);

            Result done = run(undo(portal, "--undo=" + run));
            assertThat(done.status()).as(done.err()).isZero();
            assertThat(done.out()).contains("Undo of run " + run + ": 2 records: 2 reversed (2 archived, 0 restored),"
                    + " 0 kept, 0 failed").contains("Report: ").contains("contacts.csv-run" + run + "-undo.html")
                    .doesNotContain(TOKEN);
            assertThat(portal.state().count(ObjectType.CONTACTS)).isZero();

            int requests = portal.state().requests().size();
            Result again = run(undo(portal, "--undo", String.valueOf(run)));
            assertThat(again.status()).isZero();
            assertThat(again.out()).contains("2 reversed").contains("already undone: nothing sent");
            assertThat(portal.state().requests()).hasSize(requests);
        }
    }

    /** Creates {@code n} contacts in the portal and stores a finished run that created them, as an import does. */
    private long storeRunThatCreated(HubSpotSandbox portal, int n) throws Exception {
        StringBuilder inputs = new StringBuilder();
        for (int i = 0; i < n; i++) {
            inputs.append(i == 0 ? "" : ",").append("{\"properties\":{\"email\":\"cli").append(i)
                    .append("@example.com\",\"firstname\":\"Cli\"}}");
        }
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(portal.baseUrl() + "/crm/v3/objects/contacts/batch/create"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":[" + inputs + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(created.body());
        try (Connection c = DriverManager.getConnection(dbUrl(), "sa", "")) {
            long id;
            try (PreparedStatement s = c.prepareStatement("insert into import_run (file_name, content_hash,"
                    + " object_type, status, dry_run, rows_read, report_path, started_at, finished_at) values"
                    + " ('contacts.csv', 'hash-cli', 'CONTACTS', 'COMPLETED', false, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
                s.setLong(1, n);
                s.setString(2, "outbox/reports/contacts.csv-run.json");
                s.setTimestamp(3, now);
                s.setTimestamp(4, now);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement u = c.prepareStatement("update import_run set report_path = ? where id = ?")) {
                u.setString(1, "outbox/reports/contacts.csv-run" + id + ".json");
                u.setLong(2, id);
                u.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into record_change (run_id, object_type,"
                    + " hubspot_id, natural_key, created, written, prior, written_at) values (?, 'CONTACTS', ?, ?,"
                    + " true, ?, null, ?)")) {
                for (JsonNode r : answer.path("results")) {
                    String email = r.path("properties").path("email").asText();
                    s.setLong(1, id);
                    s.setString(2, r.path("id").asText());
                    s.setString(3, email);
                    s.setString(4, "{\"email\":\"" + email + "\",\"firstname\":\"Cli\"}");
                    s.setTimestamp(5, Timestamp.valueOf(LocalDateTime.ofInstant(
                            Instant.parse(r.path("updatedAt").asText()), ZoneOffset.UTC)));
                    s.executeUpdate();
                }
            }
            return id;
        }
    }
}
