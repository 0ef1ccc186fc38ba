package io.crmbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmbridge.model.SourceRow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RowBatchesTest {

    private static Iterator<SourceRow> rows(long n) {
        return LongStream.rangeClosed(1, n).mapToObj(i -> new SourceRow(i, List.of("v" + i), null)).iterator();
    }

    @Test
    void groupsRowsInOrderWithAShorterLastBatch() {
        List<List<SourceRow>> batches = new ArrayList<>();
        new RowBatches(rows(250), 100).forEachRemaining(batches::add);

        assertThat(batches).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(batches.get(2).get(49).rowNumber()).isEqualTo(250);
        assertThat(batches.get(1).get(0).rowNumber()).isEqualTo(101);
    }

    @Test
    void readsTheUnderlyingRowsOnlyWhenABatchIsTaken() {
        Iterator<SourceRow> source = rows(1_000);
        RowBatches batches = new RowBatches(source, 10);

        batches.next();

        assertThat(source.next().rowNumber()).isEqualTo(11);
    }

    @Test
    void anEmptyFileHasNoBatchAndRefusesNext() {
        RowBatches batches = new RowBatches(rows(0), 100);

        assertThat(batches.hasNext()).isFalse();
        assertThatThrownBy(batches::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void refusesABatchSizeBelowOne() {
        assertThatThrownBy(() -> new RowBatches(rows(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
