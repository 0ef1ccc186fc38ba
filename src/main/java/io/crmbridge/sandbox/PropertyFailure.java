package io.crmbridge.sandbox;

/**
 * One invalid property value, as listed in HubSpot's "Property values were not valid" message (hubspot-api.md §6).
 *
 * @param name    property name
 * @param error   HubSpot error code, e.g. {@code INVALID_EMAIL}
 * @param message human-readable message, e.g. {@code Email address foo@bar is invalid}
 */
record PropertyFailure(String name, String error, String message) {
}
