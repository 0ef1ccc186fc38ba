package io.crmbridge.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmbridge.api.ApiRefusal;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON body of {@code POST /api/rows/{objectType}} written as the CSV file the intake imports. */
class PostedRowsBodyTest {

    @TempDir
    Path dir;

    private List<CSVRecord> written(String json) throws Exception {
        Path file = dir.resolve("rows.csv");
        PostedRowsBody.writeJson(json.getBytes(StandardCharsets.UTF_8), file);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    @Test
    void keysBecomeColumnsInTheOrderTheyFirstAppearAndAMissingKeyIsEmpty() throws Exception {
        List<CSVRecord> rows = written("[{\"Email\": \"a@example.org\", \"Age\": 41},"
                + " {\"Phone\": \"+33 1 23\", \"Email\": \"b@example.org\", \"Age\": null}]");

        assertThat(rows.get(0).getParser().getHeaderNames()).containsExactly("Email", "Age", "Phone");
        assertThat(rows.get(0).toList()).containsExactly("a@example.org", "41", "");
        assertThat(rows.get(1).toList()).containsExactly("b@example.org", "", "+33 1 23");
    }

    @Test
    void valuesWithDelimitersQuotesAndLineBreaksSurviveAndNumbersAreWrittenPlainly() throws Exception {
        List<CSVRecord> rows = written("[{\"Company\": \"Horn, Shepard and \\\"Watson\\\"\","
                + " \"Notes\": \"line one\\nline two\", \"Revenue\": 12500000.50, \"Big\": 1E+3, \"VIP\": true}]");

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("Company")).isEqualTo("Horn, Shepard and \"Watson\"");
        assertThat(rows.get(0).get("Notes")).isEqualTo("line one\nline two");
        assertThat(rows.get(0).get("Revenue")).isEqualTo("12500000.50");
        assertThat(rows.get(0).get("Big")).isEqualTo("1000");
        assertThat(rows.get(0).get("VIP")).isEqualTo("true");
    }

    @Test
    void refusesWhatIsNotAnArrayOfFlatObjectsWithTheReason() {
        assertThatThrownBy(() -> written("[{\"Email\": 1}] trailing")).isInstanceOf(ApiRefusal.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> written("[{\"Email\": \"a@example.org\"")).hasMessageContaining("not JSON")
                .hasMessageContaining("(line 1, column 27)").hasMessageNotContaining("Source");
        assertThatThrownBy(() -> written("\"rows\"")).hasMessageContaining("a JSON string, not an array");
        assertThatThrownBy(() -> written("[{\"a\": 1}, [1]]")).hasMessageContaining("row 2 is a JSON array");
        assertThatThrownBy(() -> written("[{\"a\": [1]}]")).hasMessageContaining("row 1, column \"a\": a JSON array");
        assertThatThrownBy(() -> written("[{\" \": 1}]")).hasMessageContaining("row 1 has a blank column name");
        assertThatThrownBy(() -> written("[]")).hasMessageContaining("no rows");
        assertThat(((ApiRefusal) org.assertj.core.api.Assertions.catchThrowable(() -> written("{}"))).status())
                .isEqualTo(400);
    }

    @Test
    void theMediaTypeSaysWhichBody() {
        assertThat(PostedRowsBody.kind("application/json; charset=utf-8")).isEqualTo(PostedRowsBody.Kind.JSON);
        assertThat(PostedRowsBody.kind("application/vnd.rows+json")).isEqualTo(PostedRowsBody.Kind.JSON);
        assertThat(PostedRowsBody.kind("Text/CSV")).isEqualTo(PostedRowsBody.Kind.CSV);
        assertThatThrownBy(() -> PostedRowsBody.kind(null)).isInstanceOf(ApiRefusal.class)
                .hasMessageContaining("Content-Type missing");
        assertThat(((ApiRefusal) org.assertj.core.api.Assertions.catchThrowable(() -> PostedRowsBody.kind(
                "text/plain"))).status()).isEqualTo(415);
    }
}
