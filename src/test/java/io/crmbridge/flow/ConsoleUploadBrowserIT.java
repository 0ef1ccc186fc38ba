package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmbridge.Datasets;
import io.crmbridge.console.ConsoleSessions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Upload in a real browser (docs/console.md "Upload files"): the packaged application as a service against the
 * sandbox, a user who logs in with a name, uploads the three real datasets through the imports page's file input
 * and waits until the page lists their runs finished, each saying who uploaded it; then checks a file first,
 * reads its dry run and imports it; at last the session ends elsewhere and the page goes to the login.
 * Screenshots under {@code target/console-screenshots/}. Without Chromium and chromedriver the test fails: it never
 * skips.
 */
class ConsoleUploadBrowserIT {

    private static final List<Path> DATASETS = List.of(Datasets.ORGANIZATIONS, Datasets.CUSTOMERS, Datasets.TICKETS);
    private static final String USER = "Ana <ops> O'Neil";

    @TempDir
    Path dir;

    @Test
    void aUserUploadsTheThreeRealDatasetsAndWatchesThemFinishThenChecksAFileFirst() throws Exception {
        String token = "upload-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        int port = ImportFlowTestSupport.freePort();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        try (ChildApplication app = ChildApplication.start(dir, dir.resolve("app.log"),
                ConsoleBrowser.serviceProperties(port, token),
                "--inbox", inbox.toString(), "--outbox", dir.resolve("outbox").toString())) {
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                    http.send(HttpRequest.newBuilder(URI.create(base + "/console/login")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            WebDriver browser = ConsoleBrowser.start(dir);
            try {
                browser.get(base + "/console/login");
                browser.findElement(By.id("token")).sendKeys(token);
                browser.findElement(By.id("name")).sendKeys(USER);
                browser.findElement(By.cssSelector("form.login button")).click();
                assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/imports");

                // several files at once through the file input, as the browser's file chooser gives them
                browser.findElement(By.id("upload-files")).sendKeys(DATASETS.stream()
                        .map(d -> d.toAbsolutePath().normalize().toString()).collect(Collectors.joining("\n")));
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                        browser.findElements(By.cssSelector("#upload-results li.uploaded")).size() == DATASETS.size());
                ConsoleBrowser.screenshot(browser, "upload-1-sent");

                // watched on the page as it is: the table follows the runs by itself (server-sent events), no reload
                await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                    List<WebElement> rows = browser.findElements(By.cssSelector("#runs tbody tr"));
                    return rows.size() == DATASETS.size() && rows.stream().allMatch(r ->
                            r.findElement(By.cssSelector(".status")).getText().equals("done"));
                });
                List<String> files = browser.findElements(By.cssSelector("#runs td.file a")).stream()
                        .map(WebElement::getText).toList();
                assertThat(files).containsExactlyInAnyOrderElementsOf(
                        DATASETS.stream().map(d -> d.getFileName().toString()).toList());
                assertThat(browser.findElements(By.cssSelector("#runs td.uploaded-by")).stream().map(WebElement::getText))
                        .as("who uploaded each file, in the table").containsOnly(USER);
                ConsoleBrowser.screenshot(browser, "upload-2-finished");

                browser.findElement(By.linkText(Datasets.CUSTOMERS.getFileName().toString())).click();
                assertThat(browser.findElement(By.id("run-uploaded-by")).getText()).isEqualTo(USER);
                assertThat(browser.findElement(By.id("run-status")).getText()).isEqualTo("done");
                ConsoleBrowser.screenshot(browser, "upload-3-run");

                // check first: a dry run, its figures, then the real import
                browser.get(base + "/console/imports");
                browser.findElement(By.id("upload-check")).click();
                browser.findElement(By.id("upload-files")).sendKeys(Path.of("data", "contacts.csv").toAbsolutePath()
                        .toString());
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                        !browser.findElements(By.cssSelector("#held-files tr[data-file='contacts.csv'] button.confirm"))
                                .isEmpty());
                WebElement held = browser.findElement(By.cssSelector("#held-files tr[data-file='contacts.csv']"));
                // the dry run's state in the imports table's words, not the ledger's COMPLETED
                assertThat(held.findElement(By.cssSelector("a.dry-run")).getText()).endsWith(": done");
                assertThat(held.findElements(By.cssSelector("td.num")).get(1).getText()).isEqualTo("55");
                ConsoleBrowser.screenshot(browser, "upload-4-checked-first");
                Files.createDirectories(Path.of("docs", "images"));
                Files.copy(ConsoleBrowser.SCREENSHOTS.resolve("upload-4-checked-first.png"),
                        Path.of("docs", "images", "console-upload.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

                held.findElement(By.cssSelector("button.confirm")).click();
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    browser.get(base + "/console/imports");
                    return browser.findElements(By.cssSelector("#runs tbody tr")).stream().anyMatch(r ->
                            r.findElement(By.cssSelector("td.file a")).getText().equals("contacts.csv")
                                    && r.findElements(By.cssSelector(".tag")).isEmpty()
                                    && r.findElement(By.cssSelector(".status")).getText().equals("done"));
                });
                assertThat(browser.findElements(By.cssSelector("#held-files tbody tr"))).isEmpty();
                assertThat(browser.getPageSource()).doesNotContain(token).doesNotContain("<ops>");

                // the session ends elsewhere (a logout from another tab) while the page polls its table: the whole
                // page goes to the login, the form is not swapped into the table
                Cookie session = browser.manage().getCookieNamed(ConsoleSessions.COOKIE);
                assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/console/logout"))
                        .header("Cookie", session.getName() + "=" + session.getValue())
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode()).isEqualTo(303);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                        browser.getCurrentUrl().equals(base + "/console/login"));
                assertThat(browser.findElements(By.id("token"))).hasSize(1);
                assertThat(browser.findElements(By.id("runs"))).isEmpty();
                ConsoleBrowser.screenshot(browser, "upload-5-session-ended");
            } finally {
                browser.quit();
            }
            assertThat(app.output()).doesNotContain(token);
        }
    }
}
