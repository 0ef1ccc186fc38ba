package io.crmbridge.pipeline;

import io.crmbridge.model.SourceRow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The rows of a file in groups of at most {@code size} (crm-bridge.batch-size, at most 100:
 * hubspot-api.md §1.5), read lazily from the streaming reader: the intake route's splitter iterates
 * it, so a file is never held in memory and each group is one HubSpot batch.
 */
public final class RowBatches implements Iterator<List<SourceRow>> {

    private final Iterator<SourceRow> rows;
    private final int size;

    public RowBatches(Iterator<SourceRow> rows, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + size);
        }
        this.rows = rows;
        this.size = size;
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    public List<SourceRow> next() {
        if (!rows.hasNext()) {
            throw new NoSuchElementException();
        }
        List<SourceRow> batch = new ArrayList<>(size);
        while (batch.size() < size && rows.hasNext()) {
            batch.add(rows.next());
        }
        return batch;
    }
}
