package io.crmbridge.model;

/** Whether an {@link ErrorCode} rejects the whole row or only drops one optional value. */
public enum Severity {
    /** The row is rejected and dead-lettered. */
    REJECT,
    /** The value is left out of the record and counted in the report's {@code warningsByCode}. */
    WARNING,
    /** The row was valid but HubSpot refused it or it could not be delivered. */
    FAILURE
}
