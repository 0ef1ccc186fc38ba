package io.crmbridge.pipeline;

import io.crmbridge.model.RowResult;
import io.crmbridge.model.SourceRow;

/** Turns one well-formed row of a given object type into a record, links and warnings, or a rejection. */
public interface RowMapper {

    /** Maps a row; never throws for bad data (bad data gives a rejected {@link RowResult}). */
    RowResult map(SourceRow row, FileImport file);
}
