package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A server port that another process holds stops a crm-bridge service at start-up: exit status 1 and one line
 * naming the port and its property, no stack trace (the packaged jar in a child JVM, {@link ChildApplication}).
 * A {@code --once} run starts no server, so the same held port does not stop it. The held port is a free one the
 * test binds itself, never 8080 or 9876.
 */
class ServerPortTakenIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} held")
    @CsvSource({"camel.server.port", "camel.management.port"})
    void aTakenServerPortStopsTheStartWithOneLineAndStatusOne(String property) throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = held.getLocalPort();
            String[] args = {"--inbox", inbox.toString(), "--outbox", dir.resolve("outbox").toString()};
            Path log = dir.resolve("run.log");

            try (ChildApplication child = ChildApplication.start(dir, log, Map.of(property, Integer.toString(port)),
                    args)) {
                int status = child.awaitExit(Duration.ofSeconds(120));
                String output = child.output();

                assertThat(status).as(output).isEqualTo(1);
                String expected = "crm-bridge could not start: port " + port + " (" + property + ") on 127.0.0.1"
                        + " is already in use; free it or set --" + property + "=<another port>";
                assertThat(output.lines().filter(l -> l.contains("could not start"))).as(output)
                        .containsExactly(expected);
                assertThat(output).as(output).doesNotContain("Exception").doesNotContain("\tat ");
            }
        }
    }

    @ParameterizedTest(name = "{0} held")
    @CsvSource({"camel.server.port", "camel.management.port"})
    void aOnceRunStartsNoServerSoAHeldPortDoesNotStopIt(String property) throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Files.writeString(inbox.resolve("contacts.csv"), "email,firstname\nada@example.com,Ada\n");
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String[] args = {"--once", "--inbox", inbox.toString(), "--outbox", dir.resolve("outbox").toString()};
            try (ChildApplication child = ChildApplication.start(dir, dir.resolve("run.log"),
                    Map.of(property, Integer.toString(held.getLocalPort())), args)) {
                int status = child.awaitExit(Duration.ofSeconds(120));
                String output = child.output();

                assertThat(status).as(output).isZero();
                assertThat(output).as(output).doesNotContain("could not start").contains("contacts.csv: 1 rows");
                assertThat(inbox.resolve(".done")).isDirectoryContaining(p -> p.getFileName().toString()
                        .startsWith("contacts"));
            }
        }
    }
}
