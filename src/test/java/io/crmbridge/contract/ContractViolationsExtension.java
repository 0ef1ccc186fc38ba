package io.crmbridge.contract;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test during which a sandbox exchange broke HubSpot's contract, listing each violation
 * (method, path, status, messages). Registered for every test by JUnit's extension auto-detection
 * ({@code junit-platform.properties}, {@code META-INF/services/org.junit.jupiter.api.extension.Extension}).
 * Surefire runs the test classes one after the other in one JVM, so the violations seen between
 * two checks belong to the test that just ran; exchanges outside any test method (class set-up)
 * fail the class. A test marked {@link OffContractRequests} is failed only by responses. At the end of the run it prints the totals ({@link ContractSummary}).
 */
public final class ContractViolationsExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ContractViolationsExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        // one summary per run: the root store closes it when the whole test plan has finished
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ContractSummary.class,
                k -> new ContractSummary(ContractRecords.shared(), HubSpotContract.standard().exceptions()),
                ContractSummary.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOnViolations(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failOnViolations(context);
    }

    private static void failOnViolations(ExtensionContext context) {
        boolean probing = context.getTestMethod().map(m -> m.isAnnotationPresent(OffContractRequests.class)).orElse(false)
                || context.getTestClass().map(c -> c.isAnnotationPresent(OffContractRequests.class)).orElse(false);
        List<ContractViolation> violations = ContractRecords.shared().drain().stream()
                .map(v -> probing ? v.responseOnly() : v).filter(v -> !v.isEmpty()).toList();
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " exchange(s) broke HubSpot's OpenAPI contract:\n  "
                    + violations.stream().map(ContractViolation::toString).collect(Collectors.joining("\n  ")));
        }
    }
}
