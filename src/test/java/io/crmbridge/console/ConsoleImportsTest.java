package io.crmbridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.Datasets;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.model.ObjectType;
import io.crmbridge.pipeline.FileIntake;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The imports page and a run's page (routes/console-imports.yaml, docs/console.md "Read the imports") on the real
 * application against the sandbox: a file dropped again listed as skipped with the run it duplicates, sorting and
 * its bounds, the archived original, the history of a content with the run it took over, and the live progress of a
 * real import over the API and in the fragments the pages poll.
 */
class ConsoleImportsTest extends ImportFlowTestSupport {

    private static final String TOKEN = "console-imports-7c1e52";
    private static final String BEARER = "Bearer " + TOKEN;

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.api.token", TOKEN);
        // the client's own budget: about one request per batch of 100 rows, so 10,000 rows take some 25 s to watch
        p.setProperty("hubspot.requests-per-ten-seconds", "40");
        return p;
    }

    @Test
    void aDroppedAgainFileIsListedAsSkippedAndARunShowsItsOriginalAndTheHistoryOfItsContent() throws Exception {
        Path source = Path.of("data", "contacts.csv");
        // a process that stopped while importing this content left its run RUNNING: the next run takes it over
        long stopped = ledger().openRun("contacts.csv", FileIntake.sha256(source), ObjectType.CONTACTS, false);
        drop(source, "contacts.csv");
        awaitReport("contacts.csv");
        long id = await().atMost(Duration.ofSeconds(30)).until(() -> runOf("contacts.csv"), r -> r != null
                && r.path("state").asText().equals("done") && r.path("original").asBoolean()).path("id").asLong();

        drop(source, "contacts-again.csv");
        JsonNode skip = await().atMost(Duration.ofSeconds(30)).until(() -> entryOf("contacts-again.csv"), e -> e != null);
        assertThat(skip.path("kind").asText()).isEqualTo("skipped");
        assertThat(skip.path("state").asText()).isEqualTo("skipped");
        assertThat(skip.path("duplicateOf").asLong()).isEqualTo(id);
        assertThat(skip.path("objectType").asText()).isEqualTo("contacts");

        String cookie = new ConsoleHttp(applicationPort()).session(TOKEN);
        String page = get("/console/imports", null, cookie).body();
        assertThat(page).contains("data-skip=\"" + skip.path("id").asLong() + "\"")
                .contains("<span class=\"status skipped\">skipped</span>")
                .contains("already imported by <a href=\"/console/imports/" + id + "\">run " + id + "</a>")
                .contains("<span class=\"status interrupted\">interrupted</span>");

        // the original, as archived in inbox/.done/, is the dropped file byte for byte
        HttpResponse<byte[]> original = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                new ConsoleHttp(applicationPort()).uri("/console/imports/" + id + "/original"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"contacts.csv\"");
        assertThat(original.body()).isEqualTo(Files.readAllBytes(source));
        assertThat(get("/console/imports/" + stopped + "/original", null, cookie).statusCode()).isEqualTo(404);
        assertThat(get("/console/imports/" + id + "/original", null, null).statusCode()).isEqualTo(303);

        // the history of the content: the run taken over, this run, the skipped drop; oldest first
        JsonNode history = JSON.readTree(get("/api/runs/" + id, BEARER, null).body()).path("history");
        List<String> seen = new ArrayList<>();
        history.forEach(h -> seen.add(h.path("kind").asText() + " " + h.path("id").asLong() + " " + h.path("state").asText()));
        assertThat(seen).containsExactly("run " + stopped + " interrupted", "run " + id + " done",
                "skipped " + skip.path("id").asLong() + " skipped");
        String runPage = get("/console/imports/" + id, null, cookie).body();
        assertThat(runPage).contains("id=\"run-history\"").contains("<a href=\"/console/imports/" + stopped + "\">run "
                + stopped + "</a>").contains("dropped again, skipped").contains("id=\"run-original\"")
                .contains("id=\"run-chart\"").contains("/console/assets/uPlot.min.js").contains("id=\"run-errors\"");
    }

    @Test
    void theImportsAreSortedByAKnownColumnOnlyAndPagesKeepTheSort() throws Exception {
        for (String name : List.of("contacts-b.csv", "contacts-a.csv", "contacts-c.csv")) {
            drop(name, ("First Name,Last Name,Email\nAda,Lovelace," + name.charAt(9) + "@example.com\n")
                    .getBytes(StandardCharsets.UTF_8));
            awaitReport(name);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> files("sort=file&order=asc").size() == 3
                && JSON.readTree(get("/api/imports", BEARER, null).body()).path("imports").path(0).path("state")
                        .asText().equals("done"));
        assertThat(files("sort=file&order=asc")).containsExactly("contacts-a.csv", "contacts-b.csv", "contacts-c.csv");
        assertThat(files("sort=file&order=desc")).containsExactly("contacts-c.csv", "contacts-b.csv", "contacts-a.csv");
        assertThat(files("sort=run&order=asc")).containsExactly("contacts-b.csv", "contacts-a.csv", "contacts-c.csv");
        assertThat(files("")).containsExactly("contacts-c.csv", "contacts-a.csv", "contacts-b.csv");
        assertThat(files("sort=file&order=asc&limit=1&offset=1")).containsExactly("contacts-b.csv");

        for (String query : List.of("sort=email", "sort=started_at", "order=sideways", "sort=FILE")) {
            HttpResponse<String> api = get("/api/imports?" + query, BEARER, null);
            assertThat(api.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(api.body()).path("error").asText()).as(query).containsAnyOf("sort", "order");
        }
        String cookie = new ConsoleHttp(applicationPort()).session(TOKEN);
        HttpResponse<String> refused = get("/console/imports?sort=email", null, cookie);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("sort must be one of");
        String page = get("/console/imports?sort=file&order=asc", null, cookie).body();
        // the current column's link turns the order round; the table fragment keeps the sort
        // (mustache escapes "=" and "&" in the links)
        assertThat(page).contains("href=\"/console/imports?sort&#61;file&amp;order&#61;desc\"")
                .contains("href=\"/console/imports?sort&#61;rows&amp;order&#61;desc\"")
                .contains("hx-get=\"/console/imports-table?sort&#61;file&amp;order&#61;asc&amp;page&#61;1&amp;since=");
        assertThat(page.indexOf("contacts-a.csv")).isLessThan(page.indexOf("contacts-b.csv"));
        String fragment = get("/console/imports-table?sort=file&order=desc", null, cookie).body();
        assertThat(fragment).doesNotContain("<html").contains("id=\"runs\"");
        assertThat(fragment.indexOf("contacts-c.csv")).isLessThan(fragment.indexOf("contacts-a.csv"));
        // polled again with what it read last, an unchanged table is not sent again (204: htmx leaves the page be)
        Matcher since = Pattern.compile("since=([0-9a-f]+)\"").matcher(fragment);
        assertThat(since.find()).isTrue();
        HttpResponse<String> unchanged = get("/console/imports-table?sort=file&order=desc&since=" + since.group(1),
                null, cookie);
        assertThat(unchanged.statusCode()).isEqualTo(204);
        assertThat(unchanged.body()).isEmpty();
        drop(Path.of("data", "companies.csv"), "companies-d.csv");
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/console/imports-table?sort=file&order=desc&since="
                + since.group(1), null, cookie).statusCode() == 200);
    }

    @Test
    void aRunningImportShowsRisingProgressOverTheApiAndInThePagesFragmentsThenItIsDone() throws Exception {
        String cookie = new ConsoleHttp(applicationPort()).session(TOKEN);
        drop(Datasets.CUSTOMERS, "contacts-big.csv");
        long id = await().atMost(Duration.ofSeconds(30)).until(() -> runOf("contacts-big.csv"), r -> r != null)
                .path("id").asLong();
        // what the pages poll every second while the run goes: the table and the run's progress, as a browser gets them
        List<Long> tableRows = new ArrayList<>();
        List<Long> progressRows = new ArrayList<>();
        JsonNode first = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> progress(id), p -> p.path("running").asBoolean() && p.path("rowsDone").asLong() > 0);
        // the list shows the same figures while it runs
        JsonNode listed = runOf("contacts-big.csv");
        assertThat(listed.path("state").asText()).isEqualTo("running");
        assertThat(listed.path("progress").path("rowsDone").asLong()).isPositive();
        JsonNode later = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    rowsDone(get("/console/imports-table", null, cookie)).ifPresent(tableRows::add);
                    HttpResponse<String> fragment = get("/console/imports/" + id + "/progress", null, cookie);
                    if (fragment.statusCode() == 200) {
                        rowsDone(fragment).ifPresent(progressRows::add);
                    }
                    return progress(id);
                }, p -> !p.path("running").asBoolean()
                        || p.path("rowsDone").asLong() > first.path("rowsDone").asLong() && progressRows.size() >= 2
                        && progressRows.get(progressRows.size() - 1) > progressRows.get(0));
        assertThat(later.path("running").asBoolean()).as("still running after %s", first).isTrue();
        assertThat(later.path("rowsPerSecond").asDouble()).isPositive();
        assertThat(later.path("secondsLeft").isNumber()).isTrue();
        // the estimate from bytes read against the file's size is near the file's 10,000 rows
        assertThat(later.path("rowsEstimated").asLong()).isBetween(8_000L, 12_000L);
        assertThat(later.path("percent").asInt()).isBetween(1, 99);
        assertThat(tableRows).as("the table's progress cell while it runs").isNotEmpty();
        assertThat(progressRows.get(progressRows.size() - 1)).as("the run page's progress rises")
                .isGreaterThan(progressRows.get(0));

        JsonNode done = await().atMost(Duration.ofSeconds(120)).until(() -> progress(id),
                p -> p.path("state").asText().equals("done"));
        assertThat(done.path("running").asBoolean()).isFalse();
        assertThat(done.path("percent").asInt()).isEqualTo(100);
        assertThat(done.path("rowsDone").asLong()).isEqualTo(10_000L);
        // once it is done the run page's poll is told to stop (htmx stops on 286) and links to the report
        HttpResponse<String> end = get("/console/imports/" + id + "/progress", null, cookie);
        assertThat(end.statusCode()).isEqualTo(286);
        assertThat(end.body()).contains("href=\"/console/imports/" + id + "\"").contains("done");
        assertThat(get("/console/imports/" + id + "/progress", null, null).statusCode()).isEqualTo(303);
        assertThat(rowsDone(get("/console/imports-table", null, cookie))).isEmpty();
    }

    /** The rows done a page fragment shows in its first progress figures, if it shows any. */
    private static java.util.Optional<Long> rowsDone(HttpResponse<String> fragment) {
        Matcher m = Pattern.compile("class=\"rows-done\">(\\d+)<").matcher(fragment.body());
        return m.find() ? java.util.Optional.of(Long.parseLong(m.group(1))) : java.util.Optional.empty();
    }

    private JsonNode progress(long id) throws Exception {
        return JSON.readTree(get("/api/runs/" + id + "/progress", BEARER, null).body());
    }

    /** The newest run of {@code file} as /api/runs lists it, or null. */
    private JsonNode runOf(String file) throws Exception {
        for (JsonNode r : JSON.readTree(get("/api/runs", BEARER, null).body()).path("runs")) {
            if (r.path("file").asText().equals(file)) {
                return r;
            }
        }
        return null;
    }

    /** The newest entry of {@code file} as /api/imports lists it, or null. */
    private JsonNode entryOf(String file) throws Exception {
        for (JsonNode r : JSON.readTree(get("/api/imports", BEARER, null).body()).path("imports")) {
            if (r.path("file").asText().equals(file)) {
                return r;
            }
        }
        return null;
    }

    private List<String> files(String query) throws Exception {
        HttpResponse<String> answer = get("/api/imports?" + query, BEARER, null);
        assertThat(answer.statusCode()).as(query).isEqualTo(200);
        List<String> files = new ArrayList<>();
        JSON.readTree(answer.body()).path("imports").forEach(e -> files.add(e.path("file").asText()));
        return files;
    }

    private Ledger ledger() {
        return context.getRegistry().lookupByNameAndType("ledger", Ledger.class);
    }

    private HttpResponse<String> get(String path, String authorization, String cookie) throws Exception {
        return new ConsoleHttp(applicationPort()).get(path, authorization, cookie);
    }
}
