package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.PostgresServer;
import io.crmbridge.config.AppConfiguration;
import io.crmbridge.config.Settings;
import io.crmbridge.console.ConsoleHttp;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console's sessions on the real application (docs/console.md "Log in", docs/cluster.md "Console sessions"):
 * instances are Camel Mains of the application in this JVM, each with its own HTTP port and sandbox, on one ledger
 * database. A session opened on one is accepted by another and by a restarted one, and a logout on one ends it on
 * every one.
 */
class ConsoleSessionsAcrossInstancesTest {

    private static final String TOKEN = "console-token-c41d09e3";

    private final List<Main> running = new ArrayList<>();

    @AfterEach
    void stopAll() {
        running.forEach(Main::stop);
    }

    /**
     * An instance of the application on the ledger at {@code dbUrl} ({@code dbUser}, or the default user when null),
     * with its own folders and ports; started.
     */
    private ConsoleHttp start(String dbUrl, String dbUser) throws Exception {
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "flow-tests")), "sessions-")
                .toAbsolutePath();
        int port = ImportFlowTestSupport.freePort();
        Map<String, String> p = new LinkedHashMap<>();
        p.put(Settings.INBOX.name(), work.resolve("inbox").toString());
        p.put(Settings.OUTBOX.name(), work.resolve("outbox").toString());
        p.put(Settings.DB_URL.name(), dbUrl);
        if (dbUser != null) {
            p.put(Settings.DB_USER.name(), dbUser);
        }
        p.put(Settings.HUBSPOT_SANDBOX.name(), "true");
        p.put(Settings.API_TOKEN.name(), TOKEN);
        p.put("camel.server.port", Integer.toString(port));
        p.put("camel.management.port", Integer.toString(ImportFlowTestSupport.freePort()));
        Main main = new Main();
        main.configure().addConfiguration(AppConfiguration.class);
        p.forEach(main::addOverrideProperty);
        main.start();
        running.add(main);
        return new ConsoleHttp(port);
    }

    private static void stop(List<Main> running, int index) {
        running.remove(index).stop();
    }

    private static int imports(ConsoleHttp instance, String cookie) throws Exception {
        return instance.get("/console/imports", null, cookie).statusCode();
    }

    private static int logout(ConsoleHttp instance, String cookie) throws Exception {
        return instance.send(HttpRequest.newBuilder(instance.uri("/console/logout"))
                .POST(HttpRequest.BodyPublishers.noBody()), null, cookie).statusCode();
    }

    @Test
    void aSessionOpenedOnOneInstanceIsAcceptedByAnotherAndARestartedOneAndLoggedOutFromAll() throws Exception {
        String db = PostgresServer.newDatabase("console_sessions");
        ConsoleHttp a = start(db, PostgresServer.USER);
        ConsoleHttp b = start(db, PostgresServer.USER);
        String cookie = a.session(TOKEN);
        assertThat(imports(a, cookie)).isEqualTo(200);
        assertThat(imports(b, cookie)).isEqualTo(200);
        assertThat(b.get("/api/runs", null, cookie).statusCode()).isEqualTo(200);
        assertThat(imports(b, cookie + "x")).isEqualTo(303);

        stop(running, 0);
        ConsoleHttp restarted = start(db, PostgresServer.USER);
        assertThat(imports(restarted, cookie)).isEqualTo(200);

        assertThat(logout(b, cookie)).isEqualTo(303);
        assertThat(imports(restarted, cookie)).isEqualTo(303);
        assertThat(imports(b, cookie)).isEqualTo(303);
        assertThat(restarted.get("/api/runs", null, cookie).statusCode()).isEqualTo(401);

        // and the other way round: opened on the second, ended on the first
        String second = b.session(TOKEN);
        assertThat(imports(restarted, second)).isEqualTo(200);
        assertThat(logout(restarted, second)).isEqualTo(303);
        assertThat(imports(b, second)).isEqualTo(303);
    }

    @Test
    void aSessionSurvivesARestartOnTheSameFileLedger() throws Exception {
        Path ledger = Files.createTempDirectory(Files.createDirectories(Path.of("target", "flow-tests")), "ledger-")
                .toAbsolutePath().resolve("crm-bridge");
        String db = "jdbc:h2:file:" + ledger;
        ConsoleHttp first = start(db, null);
        String cookie = first.session(TOKEN);
        assertThat(imports(first, cookie)).isEqualTo(200);
        stop(running, 0);

        ConsoleHttp again = start(db, null);
        assertThat(imports(again, cookie)).isEqualTo(200);
        assertThat(logout(again, cookie)).isEqualTo(303);
        assertThat(imports(again, cookie)).isEqualTo(303);
    }
}
