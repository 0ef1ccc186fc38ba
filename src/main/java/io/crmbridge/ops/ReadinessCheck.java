package io.crmbridge.ops;

import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A health check of crm-bridge's that only readiness asks ({@code /observe/health/ready}): what it watches (a
 * database, HubSpot) is outside the process, so restarting the process, which a failed liveness check calls
 * for, would cure nothing. Bound in the Camel registry, it is found by Camel's registry health-check repository.
 */
abstract class ReadinessCheck extends AbstractHealthCheck {

    /** @param id the name under which the check appears in the health JSON (group {@code crm-bridge}) */
    ReadinessCheck(String id) {
        super("crm-bridge", id);
    }

    @Override
    public final boolean isReadiness() {
        return true;
    }

    @Override
    public final boolean isLiveness() {
        return false;
    }
}
