package io.crmbridge.flow;

/** {@code hubspot.api-version=v3}: the legacy {@code /crm/v3} objects and {@code /crm/v4} associations. */
class LegacyApiFlowTest extends ApiVersionFlow {

    @Override
    String version() {
        return "v3";
    }

    @Override
    String pathPattern() {
        return "/crm/(v3/(objects|properties)|v4/associations)/.*|/account-info/v3/.*";
    }

    @Override
    int partialFailureStatus() {
        return 207;
    }
}
