package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import io.crmbridge.console.ConsoleHttp;
import org.junit.jupiter.api.Test;

/**
 * An SFTP server whose host key is not the one in the known-hosts file is refused (docs/sources.md): its file is not
 * taken, the log and the readiness check say why in words, the source is retried with backoff, and the local inbox
 * imports meanwhile. The password shows nowhere.
 */
class SftpHostKeyTest extends SftpFlowTestSupport {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final String TOKEN = "host-key-test-token";

    @Override
    Properties sourceProperties() {
        Properties p = new Properties();
        p.setProperty("crm-bridge.api.token", TOKEN);
        return p;
    }

    @Override
    String knownHostsLine() {
        return server().wrongKnownHostsLine();
    }

    @Test
    void refusesAServerWhoseHostKeyDiffersAndTheInboxStillImports() throws Exception {
        byte[] contacts = "email,firstname\nada@example.com,Ada\ngrace@example.com,Grace\n"
                .getBytes(StandardCharsets.UTF_8);
        java.nio.file.Files.write(remote().resolve("contacts-erp.csv"), contacts);
        drop("contacts-local.csv", contacts);

        // the local inbox is not held up by the refused source
        assertThat(awaitReport("contacts-local.csv").path("rowsRead").asLong()).isEqualTo(2);

        String server = "sftp://127.0.0.1:" + server().port() + "/" + FOLDER;
        await().atMost(Duration.ofSeconds(30)).until(() -> logLines().stream().anyMatch(l -> l.contains(
                "Remote source " + SOURCE + " (" + server + "): poll failed: host key refused: the server's key"
                        + " differs from the one in the known-hosts file")));
        HttpResponse<String> health = get("/observe/health/ready");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("remote-sources").contains("host key refused");
        assertThat(health.body()).doesNotContain(PASSWORD);

        // retried with backoff, still refused, the file never taken
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/observe/health/ready").body()
                .matches("(?s).*\\[([2-9]|\\d\\d+) failed poll\\(s\\) in a row\\].*"));
        assertThat(remoteFiles("")).containsExactly("contacts-erp.csv");
        assertThat(reports("contacts-erp.csv")).isEmpty();
        // one warning for the failure, not one per retry
        assertThat(logLines().stream().filter(l -> l.contains("poll failed: host key refused"))).hasSize(1);
        assertThat(logLines()).noneMatch(l -> l.contains(PASSWORD));

        // the console's Health page and its API show the source failing, and why
        ConsoleHttp console = new ConsoleHttp(applicationPort());
        String api = console.get("/api/health", "Bearer " + TOKEN, null).body();
        assertThat(api).contains("\"remoteSources\"").contains("\"name\":\"" + SOURCE + "\"")
                .contains("host key refused").doesNotContain(PASSWORD);
        String page = console.get("/console/health", null, console.session(TOKEN)).body();
        assertThat(page).contains("id=\"remote-sources\"").contains(server).contains("host key refused")
                .doesNotContain(PASSWORD);
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort() + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
