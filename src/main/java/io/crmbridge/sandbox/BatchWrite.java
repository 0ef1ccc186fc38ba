package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmbridge.model.ObjectType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * HubSpot's batch-write rule (hubspot-api.md §1.5), shared by batch create, upsert and update:
 * when every input carries an objectWriteTraceId, each valid input is written at once and each
 * invalid one becomes a per-input error (207); otherwise the first invalid input fails the whole
 * request and nothing is written (all inputs are checked and their unique values claimed first).
 * Runs inside the state's write lock.
 */
final class BatchWrite {

    /** Checks one input; returns its plan, or null when the input is to be skipped (reported by the caller). */
    interface Planner<P> {
        P plan(JsonNode input, WritePlanner.Pending pending);
    }

    private BatchWrite() {
    }

    /**
     * Plans and writes the inputs into {@code result}.
     *
     * @param values the values of a plan, claimed against later inputs of an untraced batch
     * @throws ApiException the first input's failure, when the batch is not traced
     */
    static <P> void apply(List<JsonNode> inputs, boolean traced, WritePlanner planner, ObjectType type,
                          Planner<P> plan, Function<P, Map<String, String>> values, Function<P, ObjectNode> write,
                          BatchResult result) {
        WritePlanner.Pending pending = new WritePlanner.Pending();
        List<P> plans = new ArrayList<>();
        for (JsonNode input : inputs) {
            try {
                P p = plan.plan(input, pending);
                if (p == null) {
                    continue;
                }
                if (traced) {
                    result.addResult(write.apply(p));
                } else {
                    planner.claim(type, values.apply(p), pending);
                    plans.add(p);
                }
            } catch (ApiException failure) {
                if (!traced) {
                    throw failure;
                }
                result.addInputError(failure, BatchInputs.traceId(input));
            }
        }
        for (P p : plans) {
            result.addResult(write.apply(p));
        }
    }
}
