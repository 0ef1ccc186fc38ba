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
 * A server port that another process holds stops crm-bridge at start-up, as a service and with {@code --once}:
 * exit status 1 and one line naming the port and its property, no stack trace (the packaged jar in a child
 * JVM, {@link ChildApplication}). The held port is a free one the test binds itself, never 8080 or 9876.
 */
class ServerPortTakenIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} held, {1}")
    @CsvSource({
            "camel.server.port, --once",
            "camel.server.port, service",
            "camel.management.port, --once",
            "camel.management.port, service"})
    void aTakenServerPortStopsTheStartWithOneLineAndStatusOne(String property, String mode) throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = held.getLocalPort();
            String[] args = "--once".equals(mode)
                    ? new String[] {"--once", "--inbox", inbox.toString(), "--outbox", dir.resolve("outbox").toString()}
                    : new String[] {"--inbox", inbox.toString(), "--outbox", dir.resolve("outbox").toString()};
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
}
