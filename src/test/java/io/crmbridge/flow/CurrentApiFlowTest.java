package io.crmbridge.flow;

/** {@code hubspot.api-version=2026-09}, the default: failed inputs come back in the 200 itself. */
class CurrentApiFlowTest extends ApiVersionFlow {

    @Override
    String version() {
        return "2026-09";
    }

    @Override
    String pathPattern() {
        return "/(crm/(objects|properties|associations|property-validations)|account-info)/2026-09/.*";
    }

    @Override
    int partialFailureStatus() {
        return 200;
    }
}
