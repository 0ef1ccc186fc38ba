package io.crmbridge.hubspot;

import org.apache.camel.Processor;
import org.apache.camel.Service;

/**
 * The client-side budget of HubSpot's 10-second window (L4, hubspot-api.md §10.4) that the route
 * {@code hubspot-request} takes a permit from before each request and each redelivery (bean
 * {@code hubspotRequestBudget}, routes/hubspot-delivery.yaml): {@link HubSpotRequestBudget} in one process,
 * {@link SharedRequestBudget} when several instances share a token (docs/cluster.md).
 */
public interface RequestBudget extends Processor, Service {

    /** Permits taken and not yet back: requests that still count in the window (for the Health page). */
    int inUse();
}
