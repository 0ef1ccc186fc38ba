package io.crmbridge.contract;

import io.crmbridge.sandbox.SandboxExchange;
import io.crmbridge.sandbox.SandboxTrafficListener;
import java.util.List;

/**
 * Checks every sandbox exchange in the test JVM against {@link HubSpotContract#standard()} and
 * keeps the verdict in {@link ContractRecords#shared()}. Registered in
 * {@code src/test/resources/META-INF/services/io.crmbridge.sandbox.SandboxTrafficListener}, so every
 * sandbox a test starts (directly or through the Application) is covered. A sandbox in another JVM
 * (ApplicationProcessIT's child process) is out of its reach.
 */
public final class ContractRecordingListener implements SandboxTrafficListener {

    private final HubSpotContract contract = HubSpotContract.standard();
    private final ContractRecords records = ContractRecords.shared();

    @Override
    public void exchanged(SandboxExchange exchange) {
        ContractVerdict verdict;
        try {
            verdict = contract.check(exchange);
        } catch (RuntimeException e) {
            // a broken validator must fail the test, not vanish in the sandbox's log
            verdict = new ContractVerdict(false, false, List.of("contract.error: " + e), List.of(),
                    List.of());
        }
        records.add(exchange.method(), exchange.path(), exchange.status(), verdict);
    }

    @Override
    public String toString() {
        return "HubSpot OpenAPI contract";
    }
}
