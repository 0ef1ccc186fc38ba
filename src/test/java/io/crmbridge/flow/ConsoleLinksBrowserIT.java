package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.Datasets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The Links page in a real browser (docs/console.md "Links that wait"): the packaged application as a service
 * against the sandbox imports the three real datasets (organisations, customers, tickets, in that order), and a
 * user opens Links, reads the pending count of the last report and the missing companies with their counts (as
 * {@code /api/links} gives them), drops the links of the top missing company behind the confirmation, and
 * downloads the CSV that lists them. Screenshots under {@code target/console-screenshots/links-*.png}.
 */
class ConsoleLinksBrowserIT {

    /** In import order: each file waits for the previous one's report. */
    private static final Map<String, Path> FILES = Map.of(
            "companies-organizations-1000.csv", Datasets.ORGANIZATIONS,
            "contacts-customers-10000.csv", Datasets.CUSTOMERS,
            "tickets-support.csv", Datasets.TICKETS);
    private static final List<String> ORDER = List.of("companies-organizations-1000.csv",
            "contacts-customers-10000.csv", "tickets-support.csv");
    private static final String KIND = "contacts-companies-279";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aUserSeesTheMissingCompaniesDropsOneAndDownloadsItsLinks() throws Exception {
        String token = "links-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        int port = ImportFlowTestSupport.freePort();
        Path inbox = dir.resolve("inbox");
        Path outbox = dir.resolve("outbox");
        try (ChildApplication app = ConsoleBrowser.startApplication(dir, port, token)) {
            JsonNode last = null;
            for (String name : ORDER) {
                Path staging = dir.resolve("staging-" + name);
                Files.copy(FILES.get(name), staging);
                Files.move(staging, inbox.resolve(name));
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                        .until(() -> report(outbox, name).isPresent() || app.output().contains("Exception in"));
                last = JSON.readTree(report(outbox, name).orElseThrow().toFile());
            }
            long pending = last.path("associations").path("pending").asLong();
            assertThat(pending).isPositive();
            String base = "http://127.0.0.1:" + port;
            JsonNode api = api(base + "/api/links?kind=" + KIND + "&limit=10", token);
            assertThat(api.path("pending").asLong()).isEqualTo(pending);
            JsonNode top = api.path("targets").get(0);
            long topLinks = top.path("links").asLong();

            WebDriver browser = ConsoleBrowser.start(dir);
            try {
                ConsoleBrowser.login(browser, base, token);
                browser.findElement(By.linkText("Links")).click();
                assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/links");
                assertThat(browser.findElement(By.id("links-pending")).getText()).isEqualTo(count(pending));
                WebElement kindRow = browser.findElement(By.cssSelector("#link-kinds tr[data-kind='" + KIND + "']"));
                assertThat(kindRow.findElement(By.cssSelector("td.links")).getText())
                        .isEqualTo(count(kindLinks(api)));
                assertThat(browser.findElements(By.cssSelector("#links-chart canvas"))).isNotEmpty();
                ConsoleBrowser.screenshot(browser, "links-1-page");

                // the missing companies of the customers file, most links first, as the API counts them
                kindRow.findElement(By.cssSelector("td.kind a")).click();
                List<WebElement> rows = browser.findElements(By.cssSelector("#link-targets tbody tr"));
                assertThat(rows).hasSize(Math.min(50, (int) api.path("total").asLong()));
                for (int i = 0; i < Math.min(10, rows.size()); i++) {
                    JsonNode t = api.path("targets").get(i);
                    assertThat(rows.get(i).getAttribute("data-target")).isEqualTo(t.path("target").asText());
                    assertThat(rows.get(i).findElement(By.cssSelector("td.links")).getText())
                            .isEqualTo(count(t.path("links").asLong()));
                    assertThat(rows.get(i).findElement(By.cssSelector("td.waits")).getText()).startsWith("a company");
                }
                ConsoleBrowser.screenshot(browser, "links-2-missing-companies");

                rows.get(0).findElement(By.cssSelector("input[name='target']")).click();
                browser.findElement(By.id("drop-targets-button")).click();
                assertThat(browser.findElement(By.id("confirm-links")).getText()).isEqualTo(count(topLinks));
                ConsoleBrowser.screenshot(browser, "links-3-confirm");
                browser.findElement(By.id("confirm-drop-button")).click();

                assertThat(browser.findElement(By.id("links-dropped-count")).getText()).isEqualTo(count(topLinks));
                assertThat(browser.findElement(By.id("links-pending")).getText()).isEqualTo(count(pending - topLinks));
                ConsoleBrowser.screenshot(browser, "links-4-dropped");

                String href = browser.findElement(By.cssSelector("#links-dropped a.dropped-file")).getAttribute("href");
                Cookie session = browser.manage().getCookieNamed("crm_bridge_console");
                HttpResponse<String> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                        .header("Cookie", session.getName() + "=" + session.getValue()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(download.statusCode()).isEqualTo(200);
                assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
                try (CSVParser csv = CSVParser.parse(download.body(),
                        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
                    List<CSVRecord> records = csv.getRecords();
                    assertThat(records).hasSize((int) topLinks)
                            .allSatisfy(r -> assertThat(r.get("target_key")).isEqualTo(top.path("target").asText()));
                }
                assertThat(api(base + "/api/links", token).path("pending").asLong()).isEqualTo(pending - topLinks);
                assertThat(browser.getPageSource()).doesNotContain(token);
            } finally {
                browser.quit();
            }
            assertThat(app.output()).doesNotContain(token);
        }
    }

    private static long kindLinks(JsonNode api) {
        for (JsonNode k : api.path("kinds")) {
            if (k.path("kind").asText().equals(KIND)) {
                return k.path("links").asLong();
            }
        }
        return 0;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static JsonNode api(String url, String token) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The finished JSON report of {@code file} (its HTML is written after it). */
    private static Optional<Path> report(Path outbox, String file) throws IOException {
        Path reports = outbox.resolve("reports");
        if (!Files.isDirectory(reports)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(reports)) {
            return s.filter(f -> f.getFileName().toString().startsWith(file + "-run")
                            && f.getFileName().toString().endsWith(".json"))
                    .filter(f -> Files.exists(f.resolveSibling(f.getFileName().toString().replace(".json", ".html"))))
                    .findFirst();
        }
    }
}
