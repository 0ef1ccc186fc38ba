package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's Sales ledger in a real browser (docs/console.md "Sales ledger"): the packaged application as a
 * service against the HubSpot and Brevo sandboxes, the bundled ledger of {@code data/sales-ledger/} dropped in its
 * inbox, and headless Chromium reading the segment chart and table (against the sales-lines import's report),
 * filtering the clients by segment, opening a client and reading its recommendations (against the API), then, once
 * the schedule has created the month's campaigns, reading the campaign log and paging a campaign's recipients. Pages are
 * saved under {@code target/console-screenshots/sales-*.png}. Without Chromium and chromedriver it fails, never skips.
 */
class ConsoleSalesBrowserIT {

    private static final List<String> FILES = List.of("clients.csv", "produits.csv", "ventes_lignes.csv");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aUserReadsTheSegmentsAndAClientsRecommendations() throws Exception {
        String token = "sales-browser-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        int port = ImportFlowTestSupport.freePort();
        Path inbox = dir.resolve("inbox");
        Path outbox = dir.resolve("outbox");
        String base = "http://127.0.0.1:" + port;
        // campaigns on, a schedule every 5 s: the month's campaigns are created once the ledger is scored
        try (ChildApplication app = ConsoleBrowser.startApplication(dir, port, token, java.util.Map.of(
                "crm-bridge.sales.campaigns.enabled", "true", "crm-bridge.sales.campaigns.cron", "0/5+*+*+*+*+?"))) {
            for (String f : FILES) {
                Path staging = dir.resolve("staging-" + f);
                Files.copy(Path.of("data", "sales-ledger", f), staging);
                Files.move(staging, inbox.resolve(f));
            }
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                JsonNode imports = api(base, token, "/api/sales/imports").path("imports");
                return imports.size() == FILES.size()
                        && imports.findValuesAsText("status").stream().allMatch("COMPLETED"::equals);
            });
            Path report;
            try (var files = Files.list(outbox.resolve("reports"))) {
                report = files.filter(f -> f.getFileName().toString().startsWith("ventes_lignes.csv")
                        && f.getFileName().toString().endsWith(".json")).findFirst().orElseThrow();
            }
            JsonNode scoring = JSON.readTree(report.toFile()).path("scoring");

            WebDriver browser = ConsoleBrowser.start(dir);
            try {
                ConsoleBrowser.login(browser, base, token);
                browser.findElement(By.linkText("Sales ledger")).click();
                assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/sales");
                // the table: the segments the scoring reported
                List<WebElement> rows = browser.findElements(By.cssSelector("#segments tbody tr"));
                assertThat(rows).hasSize(scoring.path("segments").size());
                for (WebElement row : rows) {
                    String segment = row.getAttribute("data-segment");
                    assertThat(row.findElement(By.cssSelector("td.clients")).getText()).as(segment)
                            .isEqualTo(scoring.path("segments").path(segment).asText());
                }
                assertThat(browser.findElement(By.id("segment-total")).getText())
                        .isEqualTo(scoring.path("clientsScored").asText());
                // the chart: drawn by uPlot, its legend naming the series
                assertThat(browser.findElements(By.cssSelector("#segment-chart canvas"))).isNotEmpty();
                assertThat(browser.findElement(By.cssSelector("#segment-chart .u-title")).getText())
                        .isEqualTo("Clients per RFM segment");
                assertThat(browser.findElements(By.cssSelector("#rejects-chart canvas"))).isNotEmpty();
                assertThat(browser.findElements(By.cssSelector("#sales-imports tbody tr"))).hasSize(FILES.size());
                assertThat(browser.findElement(By.cssSelector("#sales-imports tr[data-kind='sales_lines'] td.held"))
                        .getText()).isEqualTo("2");
                ConsoleBrowser.screenshot(browser, "sales-1-ledger");

                new Select(browser.findElement(By.id("client-segment"))).selectByValue("champions");
                browser.findElement(By.cssSelector("form.filter button")).click();
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("segment=champions"));
                List<WebElement> champions = browser.findElements(By.cssSelector("#sales-clients tbody tr"));
                assertThat(champions).isNotEmpty()
                        .allSatisfy(r -> assertThat(r.findElement(By.cssSelector("td.segment")).getText()).isEqualTo("champions"));
                ConsoleBrowser.screenshot(browser, "sales-2-champions");

                // a champion with recommendations: every champion bought much, most have some
                String code = null;
                for (WebElement r : champions) {
                    String c = r.getAttribute("data-client");
                    if (api(base, token, "/api/sales/clients/" + c).path("recommendations").size() > 0) {
                        code = c;
                        break;
                    }
                }
                assertThat(code).as("a champion with recommendations").isNotNull();
                browser.findElement(By.linkText(code)).click();
                assertThat(browser.findElement(By.id("client-code")).getText()).isEqualTo(code);
                assertThat(browser.findElement(By.id("client-segment")).getText()).isEqualTo("champions");
                JsonNode client = api(base, token, "/api/sales/clients/" + code);
                List<String> expected = new ArrayList<>();
                client.path("recommendations").forEach(r -> expected.add(r.path("product").asText() + " "
                        + String.format(java.util.Locale.ROOT, "%.1f %%", r.path("confidence").asDouble() * 100)));
                List<String> shown = browser.findElements(By.cssSelector("#recommendations tbody tr")).stream()
                        .map(r -> r.findElement(By.cssSelector("td.product")).getText() + " "
                                + r.findElement(By.cssSelector("td.confidence")).getText())
                        .toList();
                assertThat(shown).isEqualTo(expected).isNotEmpty();
                assertThat(browser.findElements(By.cssSelector("#pushes tbody tr"))).hasSize(2);
                ConsoleBrowser.screenshot(browser, "sales-3-client");

                // the campaign log, then the potential campaign's recipients paged by htmx without leaving the page
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> api(base, token,
                        "/api/sales/campaigns").path("campaigns").findValuesAsText("status").stream()
                        .filter(st -> !st.equals("creating")).count() == scoring.path("segments").size());
                browser.findElement(By.linkText("Sales ledger")).click();
                browser.findElement(By.id("campaigns-link")).click();
                assertThat(browser.findElements(By.cssSelector("#campaigns tbody tr")))
                        .hasSize(scoring.path("segments").size());
                WebElement potential = browser.findElement(By.cssSelector("#campaigns tr[data-segment='potential']"));
                assertThat(potential.findElement(By.cssSelector(".status")).getText()).isEqualTo("scheduled");
                ConsoleBrowser.screenshot(browser, "sales-4-campaigns");
                potential.findElement(By.tagName("a")).click();
                JsonNode campaign = api(base, token, "/api/sales/campaigns/" + browser.findElement(By.tagName("h1"))
                        .getText().replaceAll("^Campaign (\\d+):.*", "$1"));
                assertThat(browser.findElement(By.id("campaign-recipients")).getText())
                        .isEqualTo(campaign.path("recipients").asText());
                String url = browser.getCurrentUrl();
                browser.findElement(By.cssSelector("#recipients-part a[rel=next]")).click();
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#recipients-part .count"), "Recipients 26 to"));
                assertThat(browser.findElement(By.cssSelector("#campaign-recipients-table tbody tr")).getAttribute("data-client"))
                        .isEqualTo(campaign.path("recipients_list").path(25).path("client_code").asText());
                assertThat(browser.getCurrentUrl()).isNotEqualTo(url).contains("page=2");
                ConsoleBrowser.screenshot(browser, "sales-5-campaign");
                assertThat(browser.getPageSource()).doesNotContain(token);
            } finally {
                browser.quit();
            }
            assertThat(app.output()).doesNotContain(token);
        }
    }

    private static JsonNode api(String base, String token, String path) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
