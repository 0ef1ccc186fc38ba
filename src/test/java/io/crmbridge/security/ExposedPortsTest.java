package io.crmbridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crmbridge.flow.ImportFlowTestSupport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What the running application exposes on the network, with the shipped
 * defaults for every host property: the REST API, the management server and the embedded
 * sandbox listen on loopback only, and no database console answers on either HTTP port (crm-bridge's own
 * console answers on the application port, behind its login).
 */
class ExposedPortsTest extends ImportFlowTestSupport {

    private static final List<String> CONSOLE_PATHS = List.of("/h2-console", "/h2-console/", "/h2-console/login.do",
            "/h2", "/h2/login.jsp", "/q/dev", "/hawtio", "/jolokia", "/actuator", "/observe/jolokia");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected Properties extraProperties() {
        return unlimitedRate();
    }

    @Test
    void apiManagementAndSandboxPortsAcceptLoopbackConnectionsOnly() throws IOException {
        Optional<InetAddress> external = nonLoopbackAddress();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");
        int sandboxPort = sandbox().port();

        for (int port : List.of(applicationPort(), managementPort(), sandboxPort)) {
            assertThat(accepts(InetAddress.getLoopbackAddress(), port)).as("port %d on loopback", port).isTrue();
            assertThat(accepts(external.get(), port)).as("port %d on %s", port, external.get()).isFalse();
        }
    }

    @Test
    void noDatabaseOrManagementConsoleAnswersOnTheHttpPorts() throws Exception {
        for (int port : List.of(applicationPort(), managementPort())) {
            for (String path : CONSOLE_PATHS) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("GET %s on port %d", path, port).isEqualTo(404);
                assertThat(answer.body().toLowerCase(Locale.ROOT)).as("GET %s on port %d", path, port)
                        .doesNotContain("h2 console", "jdbc:");
            }
        }
        // /console is crm-bridge's own console (docs/console.md), on the application port only, behind its login
        HttpResponse<String> console = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + applicationPort() + "/console")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).isEqualTo(303);
        assertThat(console.headers().firstValue("Location")).hasValue("/console/login");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort() + "/console"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        // the ports do answer: a 404 above is the server's, not a closed port's
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort() + "/observe/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isIn(200, 503);
    }

    private static boolean accepts(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
