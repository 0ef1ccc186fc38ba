package io.crmbridge.flow;

import io.crmbridge.remote.TestSftpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;

/**
 * A flow test with one SFTP source (docs/sources.md): a real SFTP server in the test JVM ({@link TestSftpServer})
 * whose folder {@code exports} is polled by an instance of the route template {@code sftp-source} named
 * {@value #SOURCE}, its password read from a file through {@code {{secret-file:...}}}, its host key checked against
 * a known-hosts file the test writes ({@link #knownHostsLine}).
 */
abstract class SftpFlowTestSupport extends ImportFlowTestSupport {

    static final String SOURCE = "erp";
    static final String FOLDER = "exports";
    /** A password no log, report or health answer may show. */
    static final String PASSWORD = "canary-Pa55+word&x=1";

    private TestSftpServer server;
    private io.crmbridge.push.CapturedLog log;

    /** The server, started at the first call (the properties are asked for before any test method runs). */
    TestSftpServer server() {
        if (server == null) {
            // every line from the start on: a source's first failed poll runs while the context starts
            log = io.crmbridge.push.CapturedLog.attach();
            server = TestSftpServer.start(work().resolve("sftp-home"), PASSWORD);
            try {
                Files.createDirectories(server.root().resolve(FOLDER));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
        if (log != null) {
            log.close();
        }
    }

    /** The log lines written since the server started. */
    List<String> logLines() {
        return log.lines();
    }

    /** The known-hosts line the source checks the server against: the server's own key unless a test says else. */
    String knownHostsLine() {
        return server().knownHostsLine();
    }

    /** The source's template parameters and the remote settings a test adds or overrides. */
    Properties sourceProperties() {
        return new Properties();
    }

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        String t = "camel.routeTemplate[" + SOURCE + "].";
        p.setProperty(t + "templateId", "sftp-source");
        p.setProperty(t + "host", "127.0.0.1");
        p.setProperty(t + "port", Integer.toString(server().port()));
        p.setProperty(t + "directory", FOLDER);
        p.setProperty(t + "username", TestSftpServer.USER);
        p.setProperty(t + "password", "{{secret-file:" + secretFile() + "}}");
        p.setProperty(t + "knownHostsFile",
                TestSftpServer.knownHosts(work().resolve("known_hosts"), knownHostsLine()).toString());
        p.setProperty("crm-bridge.remote.poll-delay-ms", "300");
        p.setProperty("crm-bridge.remote.read-lock-min-age-ms", "1500");
        p.setProperty("crm-bridge.remote.backoff-multiplier", "3");
        p.putAll(sourceProperties());
        return p;
    }

    private Path secretFile() {
        try {
            Path file = work().resolve("secrets").resolve(SOURCE + "-password");
            Files.createDirectories(file.getParent());
            Files.writeString(file, PASSWORD + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The polled folder on the server. */
    Path remote() {
        return server().root().resolve(FOLDER);
    }

    /** Puts {@code source} on the server as {@code name}, whole at once (written aside, then moved in). */
    void upload(Path source, String name) throws IOException {
        Path staging = work().resolve("upload-" + name);
        Files.copy(source, staging, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staging, remote().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The names of the files in folder {@code sub} of the polled folder ({@code .done}, {@code .failed}). */
    List<String> remoteFiles(String sub) throws IOException {
        Path dir = remote().resolve(sub);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
