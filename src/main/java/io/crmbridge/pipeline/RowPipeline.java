package io.crmbridge.pipeline;

import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.RowResult;
import io.crmbridge.model.SourceRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The row step of the intake route (map -> validate -> normalise -> enrich), a batch at a time: counts each row as
 * read, rejects malformed CSV records, dispatches to the object type's {@link RowMapper}, and logs
 * progress lines for long files (R3). Never throws for a row: an unexpected failure rejects that
 * row with ROW_PROCESSING_ERROR so that the other rows go on.
 */
public final class RowPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(RowPipeline.class);

    private final Map<ObjectType, RowMapper> mappers;

    public RowPipeline(Map<ObjectType, RowMapper> mappers) {
        this.mappers = mappers;
    }

    /**
     * Bean method used by routes/intake.yaml before each batch is delivered: a stop between two batches.
     *
     * @throws ImportInterruptedException when the application is stopping: the batches before this one were
     *                                    delivered and recorded, this one and the rest are left for the next start
     */
    public void refuseWhenStopping(@ExchangeProperty(FileImport.PROPERTY) FileImport file, CamelContext context) {
        if (context.isStopping()) {
            throw new ImportInterruptedException(file.fileName(), file.report().rowsRead());
        }
    }

    /** A batch of rows in, their results out, in order (called by {@link MappedBatches}, ahead of delivery). */
    public List<RowResult> processBatch(@Body List<SourceRow> rows, @ExchangeProperty(FileImport.PROPERTY) FileImport file) {
        List<RowResult> results = new ArrayList<>(rows.size());
        for (SourceRow row : rows) {
            results.add(process(row, file));
        }
        return results;
    }

    /** One {@link SourceRow} in, one {@link RowResult} out. */
    public RowResult process(SourceRow row, FileImport file) {
        file.report().rowRead();
        RowResult result;
        Optional<Issue> kept = row.keptRejection();
        if (kept.isPresent()) {
            result = RowResult.rejected(row, kept.get(), new ArrayList<>());
        } else if (row.problem() != null) {
            result = RowResult.rejected(row, ErrorCode.MALFORMED_ROW.issue(row.problem()), new ArrayList<>());
        } else {
            try {
                result = withStrayQuoteWarning(mappers.get(file.type()).map(row, file), file);
            } catch (RuntimeException e) {
                LOG.warn("{} row {}: {}", file.fileName(), row.rowNumber(), e.toString());
                result = RowResult.rejected(row, ErrorCode.ROW_PROCESSING_ERROR.issue(e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())), new ArrayList<>());
            }
        }
        file.progress().update(file.report().rowsRead(), file.reader().bytesRead()).ifPresent(LOG::info);
        return result;
    }

    /** A quote inside an unquoted cell was read as a character: said once for the row, first among its warnings. */
    private static RowResult withStrayQuoteWarning(RowResult result, FileImport file) {
        SourceRow row = result.row();
        Optional<Issue> strayQuote = row.strayQuoteWarning(file.mapping().header());
        if (strayQuote.isEmpty()) {
            return result;
        }
        List<Issue> warnings = new ArrayList<>(result.warnings().size() + 1);
        warnings.add(strayQuote.get());
        warnings.addAll(result.warnings());
        return new RowResult(row, result.record(), result.secondary(), result.links(), result.rejection(), warnings);
    }
}
