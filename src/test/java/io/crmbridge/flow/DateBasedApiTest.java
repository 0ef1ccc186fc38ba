package io.crmbridge.flow;

/** {@code hubspot.api-version=2026-03}: the previous date-based version, whose documents still declare 207. */
class DateBasedApiTest extends ApiVersionFlow {

    @Override
    String version() {
        return "2026-03";
    }

    @Override
    String pathPattern() {
        return "/(crm/(objects|properties|associations|property-validations)|account-info)/2026-03/.*";
    }

    @Override
    int partialFailureStatus() {
        return 207;
    }
}
