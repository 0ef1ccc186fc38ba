package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * The application's HTTP port (camel.server.port, for REST endpoints) moved to a fixed port while
 * the management server runs on its own: Camel 4.17 alone sends platform-http consumers to port
 * 8080's router here; the registry bean of application.properties points them at the right one.
 */
class ApplicationPortBesideManagementTest extends ImportFlowTestSupport {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected Properties extraProperties() {
        Properties p = new Properties();
        p.setProperty("camel.server.enabled", "true");
        p.setProperty("camel.server.host", "127.0.0.1");
        return p;
    }

    @Test
    void platformHttpRouteServesOnTheApplicationPortAndHealthOnTheManagementPort() throws Exception {
        // a lambda, not a RouteBuilder class: Camel Main's package scan would load a class into every flow test
        RouteBuilder.addRoutes(context, rb -> rb.from("platform-http:/ping").routeId("ping").setBody(rb.constant("pong")));

        HttpResponse<String> ping = get(applicationPort(), "/ping");
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.body()).isEqualTo("pong");
        assertThat(get(applicationPort(), "/observe/health/live").statusCode()).isEqualTo(404);

        assertThat(get(managementPort(), "/observe/health/live").statusCode()).isEqualTo(200);
        assertThat(get(managementPort(), "/ping").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
