package io.crmbridge.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes an {@link ImportReport} as the machine-readable JSON report (R1): the document of
 * {@link ImportReport#toMap()}, pretty-printed UTF-8, to {@code <reportsDir>/<baseName>.json},
 * atomically (temporary file + {@code ATOMIC_MOVE}).
 */
public final class JsonReportWriter {

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public JsonReportWriter() {
    }

    /**
     * @param report     the finished report
     * @param reportsDir the directory to write into (created when missing), e.g. {@code outbox/reports}
     * @param baseName   file name without extension; must not contain a path separator
     * @return the written {@code .json} file
     * @throws IOException              when the file cannot be written
     * @throws IllegalArgumentException when {@code baseName} is not a plain file name
     */
    public Path write(ImportReport report, Path reportsDir, String baseName) throws IOException {
        byte[] json = mapper.writeValueAsBytes(report.toMap());
        return ReportFiles.writeAtomically(reportsDir, baseName, ".json", json);
    }
}
