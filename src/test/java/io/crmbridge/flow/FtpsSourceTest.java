package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmbridge.push.CapturedLog;
import io.crmbridge.remote.TestFtpsServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * An FTPS source (docs/sources.md) against a real FTPS server in the test JVM (Apache FtpServer, explicit TLS, a
 * certificate made for the test): a CSV export is imported like a dropped file and moved to the server's .done
 * folder; a server whose certificate the source's trust store does not hold is refused.
 */
class FtpsSourceTest {

    static final String PASSWORD = "canary-ftps-Pa55";
    static final String CONTACTS = "email,firstname\nada@example.com,Ada\ngrace@example.com,Grace\nnot-an-email,X\n";

    abstract static class WithFtpsServer extends ImportFlowTestSupport {
        TestFtpsServer server;
        CapturedLog log;

        TestFtpsServer server() {
            if (server == null) {
                log = CapturedLog.attach();
                server = TestFtpsServer.start(work().resolve("ftps"), PASSWORD);
            }
            return server;
        }

        @AfterEach
        void stopServer() {
            if (server != null) {
                server.close();
                log.close();
            }
        }

        /** The trust store the source checks the server's certificate against. */
        abstract Path trustStore();

        @Override
        protected Properties extraProperties() {
            Properties p = unlimitedRate();
            String t = "camel.routeTemplate[billing].";
            p.setProperty(t + "templateId", "ftps-source");
            p.setProperty(t + "host", "127.0.0.1");
            p.setProperty(t + "port", Integer.toString(server().port()));
            p.setProperty(t + "directory", "exports");
            p.setProperty(t + "username", TestFtpsServer.USER);
            p.setProperty(t + "password", PASSWORD);
            p.setProperty(t + "trustStoreFile", trustStore().toString());
            p.setProperty(t + "trustStorePassword", TestFtpsServer.trustStorePassword());
            p.setProperty("crm-bridge.remote.poll-delay-ms", "300");
            p.setProperty("crm-bridge.remote.read-lock-min-age-ms", "1000");
            return p;
        }

        Path export() throws Exception {
            Path exports = Files.createDirectories(server().root().resolve("exports"));
            Path file = exports.resolve("contacts-billing.csv");
            Files.writeString(file, CONTACTS, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
            return file;
        }
    }

    @Nested
    class Trusted extends WithFtpsServer {
        @Override
        Path trustStore() {
            return server().trustStore();
        }

        @Test
        void importsAnExportFromAnFtpsServerAndMovesItToDone() throws Exception {
            Path file = export();
            var report = awaitReport("contacts-billing.csv");
            assertThat(report.path("rowsRead").asLong()).isEqualTo(3);
            assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(2);
            assertThat(report.path("outcomes").path("rejected").asLong()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try (Stream<Path> s = Files.list(file.resolveSibling(".done"))) {
                    return s.anyMatch(f -> f.getFileName().toString().endsWith("-contacts-billing.csv"));
                } catch (java.nio.file.NoSuchFileException e) {
                    return false;
                }
            });
            assertThat(file).doesNotExist();
            assertThat(log.lines()).noneMatch(l -> l.contains(PASSWORD));
        }
    }

    @Nested
    class UntrustedCertificate extends WithFtpsServer {
        @Override
        Path trustStore() {
            return TestFtpsServer.unrelatedTrustStore(work().resolve("other"));
        }

        @Test
        void refusesAServerWhoseCertificateIsNotTrusted() throws Exception {
            Path file = export();
            await().atMost(Duration.ofSeconds(30)).until(() -> log.lines().stream().anyMatch(l -> l.contains(
                    "Remote source billing (ftps://127.0.0.1:" + server().port() + "/exports): poll failed: TLS"
                            + " refused")));
            assertThat(file).exists();
            assertThat(reports("contacts-billing.csv")).isEmpty();
            assertThat(log.lines()).noneMatch(l -> l.contains(PASSWORD));
        }
    }
}
