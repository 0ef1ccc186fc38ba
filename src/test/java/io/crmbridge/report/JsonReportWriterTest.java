package io.crmbridge.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryKeyInOrderWithTheReportNumbers() throws Exception {
        ImportReport r = ReportFixtures.contactsReport("contacts.csv", "invalid email address 'a@': no domain");

        Path file = new JsonReportWriter().write(r, dir.resolve("reports"), "contacts.csv");

        assertThat(file).isEqualTo(dir.resolve("reports/contacts.csv.json"));
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsSubsequence("file", "objectType", "charset", "delimiter", "dryRun", "rowsRead",
                "lines", "outcomes", "secondary", "associations", "requests", "retries", "rateLimited", "durationMs",
                "rowsPerSecond", "dataQualityScore", "errorsByCode", "warningsByCode", "topErrors",
                "unmappedColumns", "duplicateColumns", "preflight", "dateOrder", "numberFormat", "deadLetterFile", "startedAt", "finishedAt");
        assertThat(json.get("file").asText()).isEqualTo("contacts.csv");
        assertThat(json.get("objectType").asText()).isEqualTo("contacts");
        assertThat(json.get("charset").asText()).isEqualTo("UTF-8");
        assertThat(json.get("delimiter").asText()).isEqualTo(",");
        assertThat(json.get("dryRun").asBoolean()).isFalse();
        assertThat(json.get("rowsRead").asLong()).isEqualTo(10);
        assertThat(json.get("lines").toString()).isEqualTo("{\"read\":13,\"header\":1,\"blank\":1,\"inRows\":11}");
        JsonNode outcomes = json.get("outcomes");
        assertThat(outcomes.get("created").asLong()).isEqualTo(5);
        assertThat(outcomes.get("updated").asLong()).isEqualTo(1);
        assertThat(outcomes.get("unchanged").asLong()).isEqualTo(1);
        assertThat(outcomes.get("rejected").asLong()).isEqualTo(2);
        assertThat(outcomes.get("failed").asLong()).isEqualTo(1);
        assertThat(json.get("secondary").size()).isEqualTo(1);
        assertThat(json.get("secondary").get("companies").get("created").asLong()).isEqualTo(1);
        assertThat(json.get("secondary").get("companies").get("unchanged").asLong()).isEqualTo(1);
        assertThat(json.get("associations").get("created").asLong()).isEqualTo(6);
        assertThat(json.get("associations").get("pending").asLong()).isEqualTo(3);
        assertThat(json.get("requests").asLong()).isEqualTo(12);
        assertThat(json.get("retries").asLong()).isEqualTo(2);
        assertThat(json.get("rateLimited").asLong()).isEqualTo(1);
        assertThat(json.get("durationMs").asLong()).isEqualTo(52_100);
        assertThat(json.get("rowsPerSecond").asDouble()).isEqualTo(0.2);
        assertThat(json.get("dataQualityScore").asDouble()).isEqualTo(70.0);
        assertThat(json.get("errorsByCode").get("INVALID_EMAIL").asLong()).isEqualTo(1);
        assertThat(json.get("errorsByCode").get("MISSING_REQUIRED").asLong()).isEqualTo(1);
        assertThat(json.get("errorsByCode").get("HUBSPOT_REJECTED").asLong()).isEqualTo(1);
        assertThat(json.get("warningsByCode").get("INVALID_PHONE").asLong()).isEqualTo(2);
        JsonNode firstTop = json.get("topErrors").get(0);
        assertThat(firstTop.get("code").asText()).isEqualTo("MISSING_REQUIRED");
        assertThat(firstTop.get("count").asLong()).isEqualTo(1);
        assertThat(firstTop.get("example").asText()).isEqualTo("missing required field: email");
        assertThat(json.get("topErrors").get(1).get("example").asText())
                .isEqualTo("invalid email address 'a@': no domain");
        assertThat(json.get("unmappedColumns").get(1).asText()).isEqualTo("Notes");
        assertThat(json.get("duplicateColumns").get(0).asText()).isEqualTo("E-mail");
        assertThat(json.get("dateOrder").asText()).isEqualTo("DMY");
        assertThat(json.get("numberFormat").get("decimalSeparator").asText()).isEqualTo(",");
        assertThat(json.get("numberFormat").get("thousandsSeparator").asText()).isEqualTo(".");
        assertThat(json.get("numberFormat").get("proven").asBoolean()).isTrue();
        assertThat(json.get("numberFormat").get("proof").asText()).isEqualTo("12,5");
        assertThat(json.get("deadLetterFile").asText()).isEqualTo("dead-letter/contacts.csv.rejected.csv");
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(json.get("finishedAt").asText()).isEqualTo("2026-03-01T10:00:52.100Z");
    }

    @Test
    void leavesNoTemporaryFileBehind() throws Exception {
        ImportReport r = ReportFixtures.contactsReport("contacts.csv", "x");

        new JsonReportWriter().write(r, dir, "contacts.csv");

        try (var files = Files.list(dir)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("contacts.csv.json");
        }
    }

    @Test
    void refusesABaseNameThatLeavesTheReportsDirectory() {
        ImportReport r = ReportFixtures.contactsReport("contacts.csv", "x");

        assertThatThrownBy(() -> new JsonReportWriter().write(r, dir, "../escape"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
