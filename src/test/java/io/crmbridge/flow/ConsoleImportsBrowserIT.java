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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The imports page live in a real browser (docs/console.md "Read the imports"): the packaged application as a
 * service against the sandbox, the three real datasets dropped in its inbox while the imports page is open, the
 * page showing a running import's rows rise and then every run done without being reloaded (the page polls its table),
 * then the tickets run's page with its original downloaded (the real tickets export rejects no row, so it has no
 * dead letter) and the companies run's dead letter. Screenshots under
 * {@code target/console-screenshots/} ({@code imports-progress}, {@code imports-run}).
 */
class ConsoleImportsBrowserIT {

    private static final Map<String, Path> FILES = Map.of(
            "companies-organizations-1000.csv", Datasets.ORGANIZATIONS,
            "contacts-customers-10000.csv", Datasets.CUSTOMERS,
            "tickets-support.csv", Datasets.TICKETS);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theImportsPageShowsRisingProgressWithoutReloadingAndTheTicketsRunGivesItsOriginalAndDeadLetter()
            throws Exception {
        String token = "live-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        int port = ImportFlowTestSupport.freePort();
        Path inbox = dir.resolve("inbox");
        // the client's own budget, low enough that the 10,000 customers take some seconds to watch
        try (ChildApplication app = ConsoleBrowser.startApplication(dir, port, token, 150)) {
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() ->
                    http.send(HttpRequest.newBuilder(URI.create(base + "/console/login")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            WebDriver browser = ConsoleBrowser.start(dir);
            try {
                ConsoleBrowser.login(browser, base, token);
                assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/imports");
                assertThat(browser.findElement(By.id("no-runs")).getText()).contains("Drop a CSV");
                // a mark on this page object: a reload or a navigation would lose it
                JavascriptExecutor js = (JavascriptExecutor) browser;
                js.executeScript("window.crmBridgeMark = 'same page';");

                for (Map.Entry<String, Path> f : FILES.entrySet()) {
                    Path staging = dir.resolve("staging-" + f.getKey());
                    Files.copy(f.getValue(), staging);
                    Files.move(staging, inbox.resolve(f.getKey()));
                }
                By customersRows = By.xpath("//table[@id='runs']//tr[td[@class='file']/a[text()="
                        + "'contacts-customers-10000.csv']]/td[@class='progress']//span[@class='rows-done']");
                long first = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                        .until(() -> rowsDone(browser, customersRows), n -> n > 0);
                long later = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                        .until(() -> rowsDone(browser, customersRows), n -> n > first);
                assertThat(later).isGreaterThan(first);
                assertThat(await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> browser.findElement(
                        By.cssSelector("#runs td.progress .rows-per-second")).getText(), t -> t != null)).isNotBlank();
                assertThat(js.executeScript("return window.crmBridgeMark;")).isEqualTo("same page");
                ConsoleBrowser.screenshot(browser, "imports-progress");

                // the table is swapped in anew every second: an element read during a swap is stale, read again
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                    List<WebElement> rows = browser.findElements(By.cssSelector("#runs tr[data-run] .status"));
                    return rows.size() == FILES.size() && rows.stream().allMatch(s -> s.getText().equals("done"));
                });
                assertThat(js.executeScript("return window.crmBridgeMark;")).as("never reloaded").isEqualTo("same page");
                assertThat(browser.findElements(By.cssSelector("#waiting tr[data-file]"))).isEmpty();
                assertThat(browser.getPageSource()).doesNotContain(token);

                String ticketsRun = await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                        browser.findElement(By.linkText("tickets-support.csv")).getAttribute("href"), h -> h != null);
                browser.get(ticketsRun);
                assertThat(browser.findElement(By.id("run-file")).getText()).isEqualTo("tickets-support.csv");
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        !browser.findElements(By.cssSelector("#run-chart canvas")).isEmpty());
                ConsoleBrowser.screenshot(browser, "imports-run");

                Cookie session = browser.manage().getCookieNamed("crm_bridge_console");
                HttpResponse<byte[]> original = download(browser, session, "#run-original");
                assertThat(original.statusCode()).isEqualTo(200);
                assertThat(original.body()).isEqualTo(Files.readAllBytes(Datasets.TICKETS));
                // the real tickets export has no row to reject: its run has no dead letter, and the page offers none
                String runId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
                JsonNode run = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs/" + runId))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
                long rejected = run.path("outcomes").path("rejected").asLong() + run.path("outcomes").path("failed").asLong();
                By deadLetterLink = By.cssSelector("a.run-file[data-file='dead-letter.csv']");
                if (rejected > 0) {
                    HttpResponse<byte[]> deadLetter = download(browser, session, "a.run-file[data-file='dead-letter.csv']");
                    assertThat(deadLetter.statusCode()).isEqualTo(200);
                    assertThat(deadLetter.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
                } else {
                    assertThat(browser.findElements(deadLetterLink)).isEmpty();
                    assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/console/imports/" + runId
                                    + "/files/dead-letter.csv")).header("Cookie", session.getName() + "="
                                    + session.getValue()).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                            .isEqualTo(404);
                }
                // the companies run has rejected rows (duplicate domains): its dead letter is downloaded
                browser.get(base + "/console/imports");
                browser.get(await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> browser.findElement(
                        By.cssSelector("#runs td.file a[href$='/1']")).getAttribute("href"), h -> h != null));
                assertThat(browser.findElement(By.id("run-file")).getText()).isEqualTo("companies-organizations-1000.csv");
                HttpResponse<byte[]> deadLetter = download(browser, session, "a.run-file[data-file='dead-letter.csv']");
                assertThat(deadLetter.statusCode()).isEqualTo(200);
                assertThat(deadLetter.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
                assertThat(new String(deadLetter.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("DUPLICATE_IN_FILE");
            } finally {
                browser.quit();
            }
            assertThat(app.output()).doesNotContain(token);
        }
    }

    /** The rows done the page shows in {@code cells}' first, 0 when none is shown. */
    private static long rowsDone(WebDriver browser, By cells) {
        List<WebElement> found = browser.findElements(cells);
        try {
            return found.isEmpty() ? 0 : Long.parseLong(found.get(0).getText().trim());
        } catch (NumberFormatException | org.openqa.selenium.StaleElementReferenceException e) {
            return 0;
        }
    }

    /** Fetches the link {@code selector} names with the browser's own session (a browser would save it to disk). */
    private static HttpResponse<byte[]> download(WebDriver browser, Cookie session, String selector) throws Exception {
        String href = browser.findElement(By.cssSelector(selector)).getAttribute("href");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", session.getName() + "=" + session.getValue()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
