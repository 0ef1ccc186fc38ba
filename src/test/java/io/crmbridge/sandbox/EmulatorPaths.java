package io.crmbridge.sandbox;

import io.crmbridge.hubspot.HubSpotPaths;
import io.crmbridge.model.ObjectType;

/**
 * Paths of calls the sandbox serves for other HubSpot clients and crm-bridge itself never makes, on the version of
 * {@code client} ({@link HubSpotPaths} holds only the client's own, whose scopes PortalScopesTest checks).
 */
record EmulatorPaths(HubSpotPaths client) {

    EmulatorPaths(String version) {
        this(new HubSpotPaths(version));
    }

    private boolean legacy() {
        return "v3".equals(client.version());
    }

    /**
     * One record's associations with a type, e.g. {@code /crm/v4/objects/contacts/512/associations/companies}
     * (associations-v4.json) or {@code /crm/objects/2026-03/contacts/512/associations/companies}.
     */
    String recordAssociations(ObjectType from, String id, ObjectType to) {
        return (legacy() ? "/crm/v4/objects/" : "/crm/objects/" + client.version() + "/") + from.pathName() + "/" + id
                + "/associations/" + to.pathName();
    }

    /** Base of an object type's pipelines API, e.g. {@code /crm/v3/pipelines/tickets} (pipelines-v3.json). */
    String pipelines(ObjectType type) {
        return (legacy() ? "/crm/v3/pipelines/" : "/crm/pipelines/" + client.version() + "/") + type.pathName();
    }
}
