package io.crmbridge.undo;

import io.crmbridge.api.ApiRefusal;

/**
 * An undo that cannot start or cannot go on (docs/undo.md): 404 for an unknown run, 409 for a dry run or a run still
 * RUNNING, 502 when HubSpot refuses the token or its scopes (401/403) or stays unreachable after redelivery. The API
 * answers it with its status ({@link io.crmbridge.api.ApiErrors}), the console shows it, {@code --undo} prints it.
 * Its message never holds the token (HubSpot's messages are scrubbed by the gateway).
 */
public class UndoRefused extends ApiRefusal {

    public UndoRefused(int status, String message) {
        super(status, message);
    }
}
