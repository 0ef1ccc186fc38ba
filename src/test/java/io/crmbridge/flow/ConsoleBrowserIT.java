package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser (docs/console.md): the packaged application as a service against the sandbox,
 * the four files of {@code data/} dropped in its inbox, and Debian's headless Chromium driven through
 * chromedriver as a user would: a wrong token refused, the right one let in, the imports page listing the four
 * runs with the counts of their reports, the tickets run's page and its dead-letter CSV, and the Health page.
 * Each page is saved as a PNG under {@code target/console-screenshots/}. Without Chromium and chromedriver the test
 * fails: it never skips.
 */
class ConsoleBrowserIT {

    private static final List<String> FILES = List.of("companies.csv", "contacts.csv", "contacts-europe.csv", "tickets.csv");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aUserLogsInReadsTheFourImportsAndDownloadsTheTicketsDeadLetter() throws Exception {
        String token = "browser-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        int port = ImportFlowTestSupport.freePort();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path outbox = dir.resolve("outbox");
        Map<String, String> p = ConsoleBrowser.serviceProperties(port, token);
        try (ChildApplication app = ChildApplication.start(dir, dir.resolve("app.log"), p,
                "--inbox", inbox.toString(), "--outbox", outbox.toString())) {
            for (String f : FILES) {
                Path staging = dir.resolve("staging-" + f);
                Files.copy(Path.of("data", f), staging);
                Files.move(staging, inbox.resolve(f));
            }
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> reports(outbox).size() == FILES.size() && !app.output().contains("Exception in"));
            Map<String, JsonNode> reports = new HashMap<>();
            for (Path r : reports(outbox)) {
                JsonNode json = JSON.readTree(r.toFile());
                reports.put(json.path("file").asText(), json);
            }
            assertThat(reports.keySet()).containsExactlyInAnyOrderElementsOf(FILES);
            assertThat(reports.get("companies.csv").path("outcomes").path("created").asLong()).isEqualTo(46);

            WebDriver browser = ConsoleBrowser.start(dir);
            try {
                String base = "http://127.0.0.1:" + port;
                browser.get(base + "/console/imports");
                assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/login");
                ConsoleBrowser.screenshot(browser, "1-login");

                browser.findElement(By.id("token")).sendKeys("not-" + token);
                browser.findElement(By.cssSelector("form.login button")).click();
                assertThat(browser.findElement(By.id("login-message")).getText()).contains("not the API token");
                assertThat(browser.getPageSource()).doesNotContain(token);
                ConsoleBrowser.screenshot(browser, "2-login-refused");

                browser.findElement(By.id("token")).sendKeys(token);
                browser.findElement(By.cssSelector("form.login button")).click();
                assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/imports");
                List<WebElement> rows = browser.findElements(By.cssSelector("#runs tbody tr"));
                assertThat(rows).hasSize(FILES.size());
                for (WebElement row : rows) {
                    String file = row.findElement(By.cssSelector("td.file a")).getText();
                    JsonNode outcomes = reports.get(file).path("outcomes");
                    assertThat(row.findElement(By.cssSelector("td.rows")).getText())
                            .isEqualTo(reports.get(file).path("rowsRead").asText());
                    for (String o : List.of("created", "updated", "unchanged", "rejected", "failed")) {
                        assertThat(row.findElement(By.cssSelector("td." + o)).getText()).as("%s %s", file, o)
                                .isEqualTo(outcomes.path(o).asText());
                    }
                    assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("done");
                }
                assertThat(browser.getPageSource()).doesNotContain(token);
                ConsoleBrowser.screenshot(browser, "3-imports");

                browser.findElement(By.linkText("tickets.csv")).click();
                JsonNode tickets = reports.get("tickets.csv");
                assertThat(browser.findElement(By.id("run-file")).getText()).isEqualTo("tickets.csv");
                assertThat(browser.findElement(By.id("count-rejected")).getText())
                        .isEqualTo(tickets.path("outcomes").path("rejected").asText());
                ConsoleBrowser.screenshot(browser, "4-tickets-run");

                String href = browser.findElement(By.cssSelector("a.run-file[data-file='dead-letter.csv']"))
                        .getAttribute("href");
                // the browser would save the attachment to disk: fetch the link with the browser's own session
                Cookie session = browser.manage().getCookieNamed("crm_bridge_console");
                assertThat(session.isHttpOnly()).isTrue();
                HttpResponse<String> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                        .header("Cookie", session.getName() + "=" + session.getValue()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(download.statusCode()).isEqualTo(200);
                assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
                Path deadLetter = outbox.resolve(tickets.path("deadLetterFile").asText());
                assertThat(download.body()).isEqualTo(Files.readString(deadLetter));
                try (CSVParser csv = CSVParser.parse(download.body(),
                        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
                    long expected = tickets.path("outcomes").path("rejected").asLong()
                            + tickets.path("outcomes").path("failed").asLong();
                    assertThat(csv.getRecords()).hasSize((int) expected).isNotEmpty();
                }

                browser.get(base + "/console/imports/" + tickets.path("runId").asText() + "/files/report.html");
                ConsoleBrowser.screenshot(browser, "5-tickets-report");

                browser.get(base + "/console/imports");
                browser.findElement(By.linkText("Health")).click();
                assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/health");
                assertThat(browser.findElement(By.id("hubspot-api-version")).getText()).isEqualTo("2026-09");
                assertThat(browser.findElement(By.id("hubspot-state")).getText()).isEqualTo("UP");
                assertThat(browser.findElement(By.id("ledger-state")).getText()).isEqualTo("UP");
                List<String> routes = browser.findElements(By.cssSelector("#routes td.route")).stream()
                        .map(WebElement::getText).toList();
                assertThat(routes).contains("console-health", "api-health-call");
                assertThat(browser.findElement(By.id("version-crm-bridge")).getText()).isNotBlank()
                        .doesNotContain("unknown");
                assertThat(browser.getPageSource()).contains("crm-bridge.api.token").doesNotContain(token);
                ConsoleBrowser.screenshot(browser, "6-health");

                browser.findElement(By.id("logout")).click();
                assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/login");
                browser.get(base + "/console/health");
                assertThat(browser.getCurrentUrl()).as("the session ended").isEqualTo(base + "/console/login");
            } finally {
                browser.quit();
            }
            assertThat(app.output()).doesNotContain(token);
        }
    }

    private static List<Path> reports(Path outbox) throws IOException {
        Path dir = outbox.resolve("reports");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            // the HTML is written after the JSON: a run whose HTML exists is finished
            return s.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> Files.exists(f.resolveSibling(f.getFileName().toString().replace(".json", ".html"))))
                    .toList();
        }
    }
}
