package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.Datasets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The console's Contacts page in a real browser (docs/console.md "Contacts"): the packaged application as a service
 * against a sandbox seeded with the 10,000 customers of {@code customers-10000.csv}, {@code data/contacts.csv}
 * dropped in its inbox, and Debian's headless Chromium as a user: log in, open Contacts (empty, saying to sync),
 * press "Sync now: full" and watch the run go from RUNNING to COMPLETED without the page being reloaded, filter by a
 * segment, search, and open a contact. The screenshots go to {@code target/console-screenshots/contacts-*.png}.
 */
class ConsoleContactsBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aUserSyncsNowWatchesTheRunFinishFiltersASegmentAndOpensAContact() throws Exception {
        String token = "browser-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        int port = ImportFlowTestSupport.freePort();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path outbox = dir.resolve("outbox");
        Map<String, String> p = ConsoleBrowser.serviceProperties(port, token);
        p.put("sandbox.seed-contacts", Datasets.CUSTOMERS.toAbsolutePath().normalize().toString());
        try (ChildApplication app = ChildApplication.start(dir, dir.resolve("app.log"), p,
                "--inbox", inbox.toString(), "--outbox", outbox.toString())) {
            Path staging = dir.resolve("staging-contacts.csv");
            Files.copy(Path.of("data", "contacts.csv"), staging);
            Files.move(staging, inbox.resolve("contacts.csv"));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> reportCount(outbox) == 1);

            String base = "http://127.0.0.1:" + port;
            WebDriver browser = ConsoleBrowser.start(dir);
            try {
                ConsoleBrowser.login(browser, base, token);
                browser.findElement(By.linkText("Contacts")).click();
                assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/contacts");
                assertThat(browser.findElement(By.id("no-contacts")).getText()).contains("Sync now");
                ConsoleBrowser.screenshot(browser, "contacts-1-empty");

                // a reload would drop this mark: the run must show as done in the same document
                JavascriptExecutor js = (JavascriptExecutor) browser;
                js.executeScript("window.contactsPageMark = 'not reloaded';");
                browser.findElement(By.id("sync-full")).click();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> newestRun(js, "status") != null);
                boolean seenRunning = "RUNNING".equals(newestRun(js, "status"));
                if (seenRunning) {
                    assertThat(js.executeScript("return document.getElementById('sync-full').disabled;")).isEqualTo(true);
                    ConsoleBrowser.screenshot(browser, "contacts-2-running");
                }
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                        .until(() -> "COMPLETED".equals(newestRun(js, "status")));
                assertThat(js.executeScript("return window.contactsPageMark;")).isEqualTo("not reloaded");
                assertThat(newestRun(js, "mode")).isEqualTo("FULL");
                // the page stopped asking once the run was over
                assertThat(js.executeScript("return document.getElementById('contacts-live').hasAttribute('hx-trigger');"))
                        .isEqualTo(false);
                WebElement run = browser.findElement(By.cssSelector("#sync-runs tr[data-status]"));

                JsonNode runs = api(base, token, "/api/integrations/hubspot/sync/runs");
                long synced = runs.path("runs").get(0).path("total_synced").asLong();
                assertThat(synced).isGreaterThanOrEqualTo(10_000);
                assertThat(run.findElements(By.cssSelector("td")).get(3).getText()).isEqualTo(Long.toString(synced));
                // the table came with the swap: the synced contacts are listed without a reload
                await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("contacts-count")).isEmpty());
                JsonNode all = api(base, token, "/api/integrations/hubspot/contacts?limit=1");
                assertThat(browser.findElement(By.id("contacts-count")).getAttribute("data-total"))
                        .isEqualTo(all.path("total").asText());
                assertThat(js.executeScript("return window.contactsPageMark;")).isEqualTo("not reloaded");
                assertThat(browser.findElements(By.cssSelector("#segment-chart canvas"))).isNotEmpty();
                ConsoleBrowser.screenshot(browser, "contacts-3-synced");

                browser.findElement(By.cssSelector("#segment-filter a[data-segment='high_value']")).click();
                JsonNode highValue = api(base, token, "/api/integrations/hubspot/contacts?segment=high_value&limit=1000");
                assertThat(browser.findElement(By.id("contacts-count")).getAttribute("data-total"))
                        .isEqualTo(highValue.path("total").asText());
                List<WebElement> rows = browser.findElements(By.cssSelector("#contacts tbody tr"));
                assertThat(rows).isNotEmpty();
                for (WebElement row : rows) {
                    assertThat(row.getText()).contains("high_value");
                }
                // taller, so that the picture in docs/console.md shows the table under the sync and the chart
                browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1500));
                ConsoleBrowser.screenshot(browser, "contacts-4-high-value");
                browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));

                // the search keeps the segment: none of data/contacts.csv has a lifecycle stage, so none is high_value
                browser.findElement(By.id("contact-q")).sendKeys("redwood");
                browser.findElement(By.id("contact-search")).click();
                await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("no-match")).isEmpty());
                assertThat(browser.getCurrentUrl()).contains("q=redwood").contains("segment=high_value");
                browser.findElement(By.cssSelector("#segment-filter a[data-segment='']")).click();
                await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("contacts-count")).isEmpty());
                assertThat(browser.findElement(By.id("contacts-count")).getAttribute("data-total"))
                        .isEqualTo(api(base, token, "/api/integrations/hubspot/contacts?q=redwood&limit=1").path("total").asText());

                browser.get(base + "/console/contacts?q=emily.carter%40redwoodanalytics.com");
                // the page refreshes its table while a sync runs: an element read during a swap is gone, read again
                String contact = await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                    List<WebElement> found = browser.findElements(By.cssSelector("#contacts tbody tr"));
                    return found.size() == 1 ? found.get(0).findElement(By.cssSelector("a.contact-link"))
                            .getAttribute("href") : null;
                }, h -> h != null);
                browser.get(contact);
                assertThat(browser.findElement(By.id("contact-name")).getText()).isEqualTo("Emily Carter");
                assertThat(browser.findElement(By.id("contact-email")).getText())
                        .isEqualTo("emily.carter@redwoodanalytics.com");
                assertThat(browser.findElement(By.id("contact-segments")).getText()).contains("engaged");
                assertThat(browser.findElement(By.id("contact-properties")).getText()).contains("lastmodifieddate");
                ConsoleBrowser.screenshot(browser, "contacts-5-contact");
                assertThat(browser.getPageSource()).doesNotContain(token);
            } finally {
                browser.quit();
            }
            assertThat(app.output()).doesNotContain(token);
        }
    }

    /** The newest run row's {@code data-<attribute>}, read in one script (the row may be swapped at any time). */
    private static String newestRun(JavascriptExecutor js, String attribute) {
        return (String) js.executeScript("var r = document.querySelector('#sync-runs tr[data-status]');"
                + " return r ? r.dataset[arguments[0]] : null;", attribute);
    }

    private static JsonNode api(String base, String token, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static long reportCount(Path outbox) throws Exception {
        Path reports = outbox.resolve("reports");
        if (!Files.isDirectory(reports)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(reports)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".html")).count();
        }
    }
}
