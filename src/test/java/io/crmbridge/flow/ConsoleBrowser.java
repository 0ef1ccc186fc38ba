package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through chromedriver, for the console's browser tests (docs/testing.md):
 * started with a profile in the test's directory, screenshots saved under {@code target/console-screenshots/}.
 * Without Chromium and chromedriver {@link #start} fails with the command that installs them: the tests never skip.
 */
public final class ConsoleBrowser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where each page's PNG goes: docs/console.md shows some of them. */
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private ConsoleBrowser() {
    }

    /** A headless Chromium, 1400×1000, its profile under {@code dir}; the caller quits it. */
    public static WebDriver start(Path dir) throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser tests need Chromium and chromedriver: apt-get install -y chromium chromium-driver")
                .isTrue();
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * The packaged application as a service on 127.0.0.1:{@code port} with the API token {@code token}, against the
     * sandbox without a rate limit (and a client budget far above what a test sends), polling its inbox
     * {@code dir/inbox} every 200 ms, writing to {@code dir/outbox}, its output in {@code dir/app.log}.
     */
    static ChildApplication startApplication(Path dir, int port, String token) throws IOException {
        return startApplication(dir, port, token, Map.of());
    }

    /** As {@link #startApplication(Path, int, String)}, with a client budget of {@code requestsPerTenSeconds}. */
    static ChildApplication startApplication(Path dir, int port, String token, int requestsPerTenSeconds)
            throws IOException {
        return startApplication(dir, port, token, Map.of("hubspot.requests-per-ten-seconds",
                Integer.toString(requestsPerTenSeconds)));
    }

    /** As {@link #startApplication(Path, int, String)}, with {@code properties} set over the service's own. */
    static ChildApplication startApplication(Path dir, int port, String token, Map<String, String> properties)
            throws IOException {
        Map<String, String> p = serviceProperties(port, token);
        p.put("hubspot.requests-per-ten-seconds", "2000");
        p.putAll(properties);
        return ChildApplication.start(dir, dir.resolve("app.log"), p, "--inbox",
                Files.createDirectories(dir.resolve("inbox")).toString(), "--outbox", dir.resolve("outbox").toString());
    }

    /**
     * Logs in through the form at {@code base}/console/login with {@code token}, and waits (up to 30 s) for the page
     * the login leads to: a caller's next {@code get} must not overtake the form's answer that sets the cookie.
     */
    public static void login(WebDriver browser, String base, String token) {
        browser.get(base + "/console/login");
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("form.login button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("logout")));
    }

    /** Saves what the browser shows as {@code target/console-screenshots/<name>.png}. */
    public static void screenshot(WebDriver browser, String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    /**
     * The properties of a console service for a browser test ({@link ChildApplication#start}): the application
     * port, the API token, no sandbox rate limit and a client budget far above what the test sends, a 200 ms inbox
     * poll. The caller adds its own.
     */
    public static Map<String, String> serviceProperties(int port, String token) {
        Map<String, String> p = new HashMap<>();
        p.put("camel.server.port", Integer.toString(port));
        p.put("crm-bridge.api.token", token);
        p.put("sandbox.requests-per-ten-seconds", "0");
        p.put("hubspot.requests-per-ten-seconds", "2000");
        p.put("crm-bridge.poll-delay-ms", "200");
        return p;
    }
}
