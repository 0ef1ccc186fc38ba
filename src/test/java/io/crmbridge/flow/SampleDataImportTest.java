package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Imports the bundled sample set (data/, see data/README.md for its deliberately bad rows) through
 * the real routes into the sandbox.
 */
class SampleDataImportTest extends ImportFlowTestSupport {

    @Test
    void importsCompaniesWithTheirDocumentedBadRowsRejected() throws Exception {
        drop(Path.of("data", "companies.csv"), "companies.csv");

        JsonNode report = awaitReport("companies.csv");

        assertThat(report.path("rowsRead").asLong()).isEqualTo(48);
        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(46);
        assertThat(report.path("outcomes").path("rejected").asLong()).isEqualTo(2);
        assertThat(report.path("errorsByCode").path("MISSING_REQUIRED").asLong()).isEqualTo(1);
        assertThat(report.path("errorsByCode").path("DUPLICATE_IN_FILE").asLong()).isEqualTo(1);
        assertThat(sandbox().state().count(ObjectType.COMPANIES)).isEqualTo(46);
        assertThat(deadLetter("companies.csv")).isPresent();
    }
}
