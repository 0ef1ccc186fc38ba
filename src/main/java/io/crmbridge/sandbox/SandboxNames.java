package io.crmbridge.sandbox;

import io.crmbridge.model.ObjectType;

/** HubSpot's upper-case singular object names used in messages, e.g. "Could not get some CONTACT objects". */
final class SandboxNames {

    private SandboxNames() {
    }

    static String singular(ObjectType type) {
        switch (type) {
            case CONTACTS:
                return "CONTACT";
            case COMPANIES:
                return "COMPANY";
            default:
                return "TICKET";
        }
    }
}
