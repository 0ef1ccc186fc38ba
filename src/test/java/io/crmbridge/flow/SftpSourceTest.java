package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An SFTP source (docs/sources.md) against a real SFTP server in the test JVM: the three real datasets
 * (../shared/datasets, read in place, uploaded to the server by the test) give the same reports as through the local
 * inbox, are moved to the server's .done folder, and the same files again are skipped; a file still being uploaded is
 * taken only once complete. The first method imports the datasets through the inbox of a context of its own (fresh
 * sandbox and ledger) and keeps its reports for the second to compare with.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SftpSourceTest extends SftpFlowTestSupport {

    private static final Map<String, Path> DATASETS_BY_NAME = datasets();
    private static final Duration FILE_TIMEOUT = Duration.ofSeconds(120);
    /** The inbox's report of each dataset: outcome counts, errors, links, contacts made on the side. */
    private static final Map<String, String> INBOX_REPORTS = new ConcurrentHashMap<>();

    private static Map<String, Path> datasets() {
        Map<String, Path> m = new LinkedHashMap<>();
        m.put("companies-organizations-1000.csv", DATASETS.resolve(RealDatasetFacts.ORGANISATIONS_CSV));
        m.put("contacts-customers-10000.csv", DATASETS.resolve(RealDatasetFacts.CUSTOMERS_CSV));
        m.put("tickets-support.csv", DATASETS.resolve(RealDatasetFacts.TICKETS_CSV));
        return m;
    }

    /** What must be the same between two imports of one file: everything a report counts. */
    private static String counts(JsonNode report) {
        return "rowsRead=" + report.path("rowsRead") + " outcomes=" + report.path("outcomes") + " errorsByCode="
                + report.path("errorsByCode") + " associations=" + report.path("associations") + " secondary="
                + report.path("secondary");
    }

    @Test
    @Order(1)
    void theInboxImportsTheThreeDatasets() throws Exception {
        // dropped together: the inbox takes them by name, as the source does
        for (Map.Entry<String, Path> e : DATASETS_BY_NAME.entrySet()) {
            drop(e.getValue(), e.getKey());
        }
        for (String name : DATASETS_BY_NAME.keySet()) {
            INBOX_REPORTS.put(name, counts(awaitReport(name, 1, FILE_TIMEOUT)));
        }
        assertThat(INBOX_REPORTS).hasSize(3);
    }

    @Test
    @Order(2)
    void importsTheThreeDatasetsFromSftpWithTheInboxsReportsAndSkipsThemTheSecondTime() throws Exception {
        assertThat(INBOX_REPORTS).as("the inbox's reports (theInboxImportsTheThreeDatasets runs first)").hasSize(3);
        for (Map.Entry<String, Path> e : DATASETS_BY_NAME.entrySet()) {
            upload(e.getValue(), e.getKey());
        }
        for (String name : DATASETS_BY_NAME.keySet()) {
            JsonNode report = awaitReport(name, 1, FILE_TIMEOUT);
            assertThat(counts(report)).as(name).isEqualTo(INBOX_REPORTS.get(name));
            assertThat(report.path("rowsRead").asLong()).isPositive();
        }
        // moved to the server's .done folder once imported, under the time of the move and their names
        await().atMost(Duration.ofSeconds(30)).until(() -> remoteFiles(".done").size() == 3);
        for (String name : DATASETS_BY_NAME.keySet()) {
            assertThat(remoteFiles(".done")).anyMatch(f -> f.endsWith("-" + name));
        }
        assertThat(remoteFiles(".failed")).isEmpty();
        // the local copies were read where camel-ftp downloaded them, then removed
        assertThat(inbox().resolve(".remote")).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(),
                p -> assertThat(regularFilesUnder(p)).isEmpty());

        // the same files again: skipped by their content hash, archived on the server, no second report
        for (Map.Entry<String, Path> e : DATASETS_BY_NAME.entrySet()) {
            upload(e.getValue(), e.getKey());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> remoteFiles(".done").size() == 6
                && remoteFiles("").isEmpty());
        for (String name : DATASETS_BY_NAME.keySet()) {
            assertThat(reports(name)).as(name).hasSize(1);
        }
        assertThat(logLines()).anyMatch(l -> l.contains("tickets-support.csv: skipped, same content as"));
        // the password never reaches the log
        assertThat(logLines()).noneMatch(l -> l.contains(PASSWORD));
    }

    @Test
    @Order(3)
    void takesAFileStillBeingUploadedOnlyOnceComplete() throws Exception {
        List<String> rows = Files.readAllLines(DATASETS.resolve(RealDatasetFacts.CUSTOMERS_CSV),
                StandardCharsets.UTF_8).subList(0, 2001);
        Path growing = remote().resolve("contacts-growing.csv");
        // written in 20 parts over about 4 s, longer than the read lock's minimum age (1.5 s)
        try (OutputStream out = Files.newOutputStream(growing, StandardOpenOption.CREATE_NEW)) {
            for (int part = 0; part < 20; part++) {
                for (String row : rows.subList(part * 100, part * 100 + (part == 19 ? 101 : 100))) {
                    out.write((row + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
                // pacing the uploader, not waiting for a result
                Thread.sleep(200);
                // nothing is taken while the file grows
                assertThat(reports("contacts-growing.csv")).isEmpty();
            }
        }
        JsonNode report = awaitReport("contacts-growing.csv", 1, FILE_TIMEOUT);
        // every row of the complete file, in one run
        assertThat(report.path("rowsRead").asLong()).isEqualTo(2000);
        assertThat(reports("contacts-growing.csv")).hasSize(1);
    }

    private static List<Path> regularFilesUnder(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
