package io.crmbridge.pipeline;

import io.crmbridge.model.RowResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Aggregation strategy of the intake route's aggregator: collects the {@link RowResult}s of one file
 * into a {@code List<RowResult>} batch (completion at crm-bridge.batch-size, at most 100, or at the
 * splitter's last row). Every row goes through it, rejected ones included, so that the last batch
 * always sees the split-complete signal (DESIGN.md, Camel pitfalls).
 */
public class BatchAggregation implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        RowResult row = newExchange.getIn().getBody(RowResult.class);
        if (oldExchange == null) {
            List<RowResult> batch = new ArrayList<>(100);
            batch.add(row);
            newExchange.getIn().setBody(batch);
            return newExchange;
        }
        @SuppressWarnings("unchecked")
        List<RowResult> batch = oldExchange.getIn().getBody(List.class);
        batch.add(row);
        return oldExchange;
    }
}
