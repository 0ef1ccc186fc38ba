package io.crmbridge.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the contract layer saw in this test JVM: counts of validated requests and responses, the
 * exceptions that excused a message, and the violations not yet reported to a test. Thread-safe.
 *
 * <p>One instance per JVM ({@link #shared()}): it is the only bridge between the listener the
 * sandbox finds with {@link java.util.ServiceLoader} and the JUnit extension, which cannot be
 * handed an instance. It is the layer's single piece of static state.
 */
public final class ContractRecords {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong responses = new AtomicLong();
    private final AtomicLong exchanges = new AtomicLong();
    private final Map<String, Long> excused = new TreeMap<>();
    private final Map<String, Long> byVersion = new TreeMap<>();
    private final List<ContractViolation> pending = new ArrayList<>();

    /** The JVM's records. */
    public static ContractRecords shared() {
        return Shared.INSTANCE;
    }

    /** Adds one checked exchange; a broken contract is kept until {@link #drain()}. */
    public void add(String method, String path, int status, ContractVerdict verdict) {
        exchanges.incrementAndGet();
        if (verdict.requestValidated()) {
            requests.incrementAndGet();
        }
        if (verdict.responseValidated()) {
            responses.incrementAndGet();
        }
        synchronized (this) {
            if (verdict.responseValidated()) {
                byVersion.merge(HubSpotContract.versionOf(path), 1L, Long::sum);
            }
            verdict.excused().forEach(name -> excused.merge(name, 1L, Long::sum));
            if (!verdict.kept()) {
                pending.add(new ContractViolation(method, path, status, verdict.requestProblems(),
                        verdict.responseProblems()));
            }
        }
    }

    /** The violations since the last call, oldest first; they are forgotten here. */
    public synchronized List<ContractViolation> drain() {
        List<ContractViolation> out = List.copyOf(pending);
        pending.clear();
        return out;
    }

    /** Exchanges seen (validated or not). */
    public long exchanges() {
        return exchanges.get();
    }

    /** Requests matched to a documented operation and checked. */
    public long requestsValidated() {
        return requests.get();
    }

    /** Responses checked against their operation. */
    public long responsesValidated() {
        return responses.get();
    }

    /** Exchanges validated (request and response), by API version ({@code 2026-09}, {@code v3/v4}, ...). */
    public synchronized Map<String, Long> validatedByVersion() {
        return Map.copyOf(byVersion);
    }

    /** How many messages each exception excused, by exception name. */
    public synchronized Map<String, Long> excused() {
        return Map.copyOf(excused);
    }

    private static final class Shared {
        static final ContractRecords INSTANCE = new ContractRecords();
    }
}
