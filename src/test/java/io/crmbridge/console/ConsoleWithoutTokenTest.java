package io.crmbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.flow.ImportFlowTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** With no API token configured the console does not open: it says how to set one (docs/console.md). */
class ConsoleWithoutTokenTest extends ImportFlowTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected Properties extraProperties() {
        Properties p = new Properties();
        p.setProperty("crm-bridge.api.token", "");
        return p;
    }

    @Test
    void theLoginPageSaysHowToSetATokenAndNoPageOpens() throws Exception {
        HttpResponse<String> login = get("/console/login");
        assertThat(login.statusCode()).isEqualTo(503);
        assertThat(login.body()).contains("no API token is configured").contains("CRM_BRIDGE_API_TOKEN")
                .doesNotContain("name=\"token\"");
        HttpResponse<String> imports = get("/console/imports");
        assertThat(imports.statusCode()).isEqualTo(303);
        assertThat(imports.headers().firstValue("Location")).hasValue("/console/login");
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(uri("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(503);
        assertThat(posted.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(get("/api/runs").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + applicationPort() + path);
    }
}
