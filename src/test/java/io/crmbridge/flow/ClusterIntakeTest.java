package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.cluster.ClusterProperties;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The inbox in cluster mode on the real application and PostgreSQL (docs/cluster.md "Shared inbox and takeover"):
 * a file still being written is not taken before it stops changing for {@code crm-bridge.read-lock-check-ms}
 * (complete files only, I1), and no {@code .camelLock} marker file is written.
 */
class ClusterIntakeTest extends ImportFlowTestSupport {

    private static final int ROWS = 300;

    @Override
    protected Properties extraProperties() {
        Properties p = ClusterProperties.onNewDatabase("cluster_intake");
        p.setProperty("crm-bridge.read-lock-check-ms", "700");
        return p;
    }

    @Test
    void aFileStillBeingWrittenIsTakenWholeOnceItStopsChangingWithoutAMarkerFile() throws Exception {
        Files.createDirectories(inbox());
        Path file = inbox().resolve("contacts-slow.csv");
        boolean markerSeen = false;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
            out.write("email,firstname\n");
            for (int i = 1; i <= ROWS; i++) {
                out.write("slow-" + i + "@example.com,Ada\n");
                if (i % 30 == 0) {
                    // a writer that pauses for less than the read lock's check interval between its chunks
                    out.flush();
                    markerSeen |= markerIn(inbox());
                    Thread.sleep(250);
                }
            }
        }
        JsonNode report = awaitReport("contacts-slow.csv", 1, Duration.ofSeconds(60));

        assertThat(report.path("rowsRead").asLong()).as("taken once complete").isEqualTo(ROWS);
        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(ROWS);
        assertThat(markerSeen || markerIn(inbox())).as("no .camelLock in cluster mode").isFalse();
        assertThat(reports("contacts-slow.csv")).hasSize(1);
    }

    private static boolean markerIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".camelLock"));
        }
    }
}
